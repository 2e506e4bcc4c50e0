"""The admin console in a real Chromium against the built SPA and a real gunicorn (issue 8).

The admin signs in, creates a company, two services and a plan with both (one `cantidad` edited in
place), a subscription, a per-ticket support type, a contract and its payment; the company's SaaS
instance opens a ticket through the internal API; the admin answers it with a public reply and an
internal note, closes it with hours and sees the statistics change; the customer does not see the
internal note (neither through the internal API nor in the customer portal).
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from database.db import db
from models import Empresa
from tests.e2e.conftest import doc_screenshot
from tests.factories import DEFAULT_PASSWORD, nit_valido

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

API_KEY = "test-saas-api-key-0123456789"  # TestConfig.SAAS_API_KEY, passed to gunicorn by conftest


def login(page: Page, base: str, email: str, password: str = DEFAULT_PASSWORD) -> None:
    page.goto(f"{base}/login")
    page.get_by_label("Correo electrónico").fill(email)
    page.get_by_label("Contraseña").fill(password)
    page.get_by_test_id("entrar").click()


def dialogo(page: Page):
    return page.get_by_role("dialog")


def campo(page: Page, nombre: str):
    return dialogo(page).locator(f'[data-campo="{nombre}"]')


def elegir(page: Page, select, opcion: str | re.Pattern) -> None:
    """Opens a mat-select and picks the option with that (visible) text. A mat-select whose options are
    still loading does not open on click (Angular Material opens only with options): click until it does."""
    buscada = page.get_by_role("option", name=opcion).first
    for _ in range(20):
        select.click()
        try:
            buscada.wait_for(state="visible", timeout=1000)
            break
        except PlaywrightTimeout:
            continue
    buscada.click()


def abrir(page: Page, boton) -> None:
    """Clicks what opens a dialog and waits for the dialog's own focus (set after its opening
    animation): typing earlier could land in the field that receives that focus."""
    boton.click()
    # (No wait_for_function: the SPA's CSP forbids the eval Playwright would use for it.)
    expect(page.locator("mat-dialog-container:focus, mat-dialog-container :focus")).to_have_count(1)


def guardar(page: Page) -> None:
    dialogo(page).get_by_test_id("guardar").click()
    expect(dialogo(page)).to_have_count(0)


def menu(page: Page, nombre: str) -> None:
    page.get_by_role("navigation", name="Navegación principal").get_by_role("link", name=nombre, exact=True).click()


def test_admin_de_punta_a_punta_con_ticket_y_estadisticas(page, spa_server, make, tmp_path):
    base = spa_server
    admin = make.usuario(rol="admin", nombre="Laura Admin", email="laura@tratios.co")
    nit = nit_valido()

    # 1. Sign in: the admin lands on the console dashboard.
    login(page, base, admin.email)
    expect(page).to_have_url(re.compile(r"/consola$"))
    expect(page.get_by_role("heading", name="Consola de administración")).to_be_visible()
    expect(page.get_by_test_id("kpi-abiertos")).to_contain_text("0")

    # 2. A company (NIT with its check digit; a wrong one is refused on the client).
    menu(page, "Empresas")
    abrir(page, page.get_by_test_id("nueva-empresa"))
    campo(page, "nit").fill(nit[:-1] + str((int(nit[-1]) + 1) % 10))
    campo(page, "nombre").fill("Ferretería El Tornillo S.A.S.")
    campo(page, "contacto").fill("soporte@tornillo.co")
    dialogo(page).get_by_test_id("guardar").click()
    expect(dialogo(page)).to_contain_text("El dígito de verificación no corresponde al NIT.")
    campo(page, "nit").fill(nit)
    doc_screenshot(page, "admin-empresa-nueva")
    guardar(page)
    expect(page).to_have_url(re.compile(r"/consola/empresas/\d+$"))
    expect(page.get_by_test_id("empresa-nombre")).to_have_text("Ferretería El Tornillo S.A.S.")
    empresa_url = page.url
    empresa_id = int(empresa_url.rsplit("/", 1)[1])

    # The same NIT again is a 409 shown in the dialog (the API's Spanish message).
    menu(page, "Empresas")
    expect(page.get_by_test_id("tabla-empresas")).to_contain_text("Ferretería El Tornillo")
    abrir(page, page.get_by_test_id("nueva-empresa"))
    campo(page, "nit").fill(nit.split("-")[0])
    campo(page, "nombre").fill("Duplicada")
    dialogo(page).get_by_test_id("guardar").click()
    expect(dialogo(page).get_by_test_id("form-error").first).to_be_visible()
    dialogo(page).get_by_role("button", name="Cancelar").click()
    doc_screenshot(page, "admin-empresas")

    assert page.console_errors == [], "0"
    # 3. Two services; a URL the API refuses shows the server's 422 under the field.
    menu(page, "Servicios")
    for nombre in ("Facturación electrónica", "Nómina"):
        abrir(page, page.get_by_test_id("nuevo-servicio"))
        campo(page, "nombre").fill(nombre)
        if nombre == "Nómina":
            campo(page, "url_api").fill("http://nomina..tratios")  # passes the client check, not the API
            dialogo(page).get_by_test_id("guardar").click()
            expect(dialogo(page).locator("mat-error")).to_contain_text("URL no válida")
            campo(page, "url_api").fill("https://nomina.tratios.co/api")
        guardar(page)
    expect(page.get_by_test_id("tabla-servicios")).to_contain_text("Nómina")

    assert page.console_errors == [], "1"
    # 4. A plan with both services; cantidad edited in place.
    menu(page, "Planes")
    abrir(page, page.get_by_test_id("nuevo-plan"))
    campo(page, "nombre").fill("Profesional")
    campo(page, "precio_mensual").fill("120000")
    campo(page, "precio_anual").fill("1200000")
    guardar(page)
    expect(page).to_have_url(re.compile(r"/consola/planes/\d+$"))
    elegir(page, page.get_by_test_id("agregar-servicio"), "Facturación electrónica")
    page.get_by_test_id("agregar-cantidad").fill("500")
    page.get_by_test_id("agregar").click()
    expect(page.get_by_test_id("plan-servicios")).to_contain_text("Facturación electrónica")
    elegir(page, page.get_by_test_id("agregar-servicio"), "Nómina")
    page.get_by_test_id("agregar").click()
    fila = page.locator('[data-servicio="Nómina"]')
    expect(fila).to_be_visible()
    cantidad = fila.get_by_test_id("cantidad")
    cantidad.fill("0")
    cantidad.press("Enter")
    expect(fila).to_contain_text("Use un entero positivo")
    cantidad.fill("25")
    cantidad.press("Enter")
    expect(fila).to_contain_text("Guardado")
    doc_screenshot(page, "admin-plan-servicios")
    page.reload()
    expect(page.locator('[data-servicio="Nómina"]').get_by_test_id("cantidad")).to_have_value("25")
    menu(page, "Planes")
    expect(page.get_by_test_id("tabla-planes")).to_contain_text("Nómina (25)")
    doc_screenshot(page, "admin-planes")

    assert page.console_errors == [], "2"
    # 5. A subscription from the company page.
    page.goto(empresa_url)
    abrir(page, page.get_by_test_id("nueva-suscripcion"))
    elegir(page, campo(page, "plan_id"), "Profesional")
    guardar(page)
    expect(page.get_by_test_id("suscripcion-estado")).to_have_text("Activa")
    expect(page.get_by_test_id("suscripcion-plan")).to_contain_text("Profesional")

    # 6. A per-ticket support type (its limit field appears only for that modality).
    menu(page, "Tipos de soporte")
    abrir(page, page.get_by_test_id("nuevo-tipo"))
    campo(page, "nombre").fill("Bolsa de 3 tickets")
    expect(campo(page, "max_tickets")).to_have_count(0)
    elegir(page, campo(page, "modalidad"), "Por tickets")
    campo(page, "precio").fill("90000")
    campo(page, "max_tickets").fill("3")
    guardar(page)
    expect(page.get_by_test_id("tabla-tipos")).to_contain_text("3 tickets")
    doc_screenshot(page, "admin-soporte-tipos")

    assert page.console_errors == [], "3"
    # 7. The contract (pending payment) and its payment, which activates it.
    page.goto(empresa_url)
    abrir(page, page.get_by_test_id("nuevo-contrato"))
    expect(campo(page, "suscripcion_id")).to_contain_text("Profesional")
    elegir(page, campo(page, "soporte_tipo_id"), re.compile("Bolsa de 3 tickets"))
    guardar(page)
    expect(page.get_by_test_id("card-soporte")).to_contain_text("Pendiente de pago")
    expect(page.get_by_test_id("cupo-soporte")).to_contain_text("Sin soporte activo")
    abrir(page, page.get_by_test_id("registrar-pago"))
    expect(campo(page, "monto")).to_have_value("90000")
    campo(page, "referencia").fill("PSE-991")
    guardar(page)
    expect(page.get_by_test_id("card-soporte")).to_contain_text("Activo")
    expect(page.get_by_test_id("cupo-tickets")).to_contain_text("Tickets disponibles: 3 de 3")
    expect(page.get_by_test_id("empresa-pagos")).to_contain_text("Exitoso")

    # 8. The company's SaaS instance opens a ticket through the internal API.
    api = {"X-API-Key": API_KEY, "X-Empresa-Id": str(empresa_id)}
    creado = page.request.post(f"{base}/api/internal/support/create_tickets", headers=api, data={
        "titulo": "No sale la nómina de noviembre", "descripcion": "Error al liquidar.", "prioridad": "alta",
        "metadata": {"version": "1.2.3"},
    })
    assert creado.status == 201, creado.text()
    ticket_id = creado.json()["ticket"]["id"]
    page.reload()
    expect(page.get_by_test_id("empresa-usuarios").or_(page.get_by_text("Sin usuarios."))).to_be_visible()
    expect(page.get_by_test_id("cupo-tickets")).to_contain_text("Tickets disponibles: 2 de 3")
    doc_screenshot(page, "admin-empresa-detalle")

    menu(page, "Consola")
    expect(page.get_by_test_id("kpi-abiertos")).to_contain_text("1")
    expect(page.get_by_test_id("tickets-periodo")).to_have_text("1")
    expect(page.get_by_test_id("cerrados-periodo")).to_have_text("0")
    expect(page.get_by_test_id("kpi-activas")).to_contain_text("1")

    assert page.console_errors == [], "4"
    # 9. The help desk: the queue filtered by priority (in the URL), then the ticket.
    menu(page, "Mesa de ayuda")
    elegir(page, page.get_by_test_id("filtro-prioridad"), "Alta")
    expect(page).to_have_url(re.compile(r"prioridad=alta"))
    expect(page.get_by_test_id("tabla-tickets")).to_contain_text("No sale la nómina de noviembre")
    doc_screenshot(page, "admin-tickets")
    page.get_by_role("link", name="No sale la nómina de noviembre").click()
    expect(page.get_by_test_id("ticket-titulo")).to_contain_text(f"#{ticket_id}")
    expect(page.get_by_test_id("cupo-tickets")).to_contain_text("Tickets disponibles: 2 de 3")

    elegir(page, page.get_by_test_id("asignado"), "Laura Admin")
    expect(page.get_by_text("Asignado a Laura Admin.")).to_be_visible()
    page.get_by_test_id("respuesta").fill("Hola, ya revisamos la liquidación. Vuelva a intentarlo.")
    page.get_by_test_id("enviar-respuesta").click()
    expect(page.get_by_test_id("conversacion")).to_contain_text("ya revisamos la liquidación")
    page.get_by_label("Nota interna (el cliente no la ve)").check()
    page.get_by_test_id("respuesta").fill("Causa: certificado vencido en su servidor.")
    page.get_by_test_id("enviar-respuesta").click()
    nota = page.locator('[data-testid="comentario"][data-interno="true"]')
    expect(nota).to_contain_text("certificado vencido")
    expect(nota).to_contain_text("Nota interna")
    expect(page.locator('[data-testid="comentario"][data-interno="false"]')).to_have_count(1)
    # An attachment from the support team (checked on the client, stored by the API), downloadable.
    captura = tmp_path / "liquidacion.csv"
    captura.write_text("empleado;neto\n1;2500000\n", encoding="utf-8")
    page.get_by_test_id("input-archivo").set_input_files(str(captura))
    expect(page.get_by_test_id("ticket-archivos")).to_contain_text("liquidacion.csv")
    with page.expect_download() as descarga:
        page.get_by_role("button", name="Descargar liquidacion.csv").click()
    assert descarga.value.suggested_filename == "liquidacion.csv"
    doc_screenshot(page, "admin-ticket-detalle")

    abrir(page, page.get_by_test_id("cerrar-ticket"))
    campo(page, "horas_dedicadas").fill("1.5")
    guardar(page)
    expect(page.get_by_test_id("ticket-estado")).to_have_text("Cerrado")
    expect(page.get_by_test_id("reabrir-ticket")).to_be_visible()

    assert page.console_errors == [], "5"
    # 10. The statistics changed.
    menu(page, "Consola")
    expect(page.get_by_test_id("kpi-abiertos")).to_contain_text("0")
    expect(page.get_by_test_id("cerrados-periodo")).to_have_text("1")
    expect(page.get_by_test_id("horas-periodo")).to_contain_text("1,5")
    expect(page.get_by_test_id("primera-respuesta")).not_to_have_text("—")
    expect(page.get_by_test_id("horas-por-empresa")).to_contain_text("Ferretería El Tornillo")
    doc_screenshot(page, "admin-panel")

    assert page.console_errors == [], "6"
    # 11. The customer never sees the internal note: internal API ...
    visto = page.request.get(f"{base}/api/internal/support/ticket_id/{ticket_id}", headers=api)
    assert visto.status == 200
    contenidos = [c["contenido"] for c in visto.json()["comentarios"]]
    assert any("ya revisamos la liquidación" in c for c in contenidos)
    assert not any("certificado vencido" in c for c in contenidos)

    assert page.console_errors == [], "7"
    # ... nor in the customer portal.
    db.session.rollback()  # MariaDB (REPEATABLE READ): a fresh snapshot sees what gunicorn committed
    assert db.session.get(Empresa, empresa_id) is not None
    cliente = make.usuario(rol="cliente", empresa_id=empresa_id, email="ana@tornillo.co")
    page.get_by_test_id("menu-usuario").click()
    page.get_by_test_id("salir").click()
    expect(page).to_have_url(re.compile(r"/login"))
    login(page, base, cliente.email)
    expect(page).to_have_url(re.compile(r"/suscripcion$"))
    page.goto(f"{base}/soporte/{ticket_id}")
    expect(page.get_by_test_id("conversacion")).to_contain_text("ya revisamos la liquidación")
    expect(page.get_by_test_id("conversacion")).not_to_contain_text("certificado vencido")
    assert page.console_errors == []


def test_suscripciones_acciones_segun_estado_y_filtros_en_la_url(page, spa_server, make):
    base = spa_server
    admin = make.usuario(rol="admin")
    plan = make.plan(nombre="Básico")
    otra = make.suscripcion(make.empresa(nombre="Otra S.A.S."), plan, estado="activa")
    suscripcion = make.suscripcion(make.empresa(nombre="Panadería La Espiga"), plan, estado="activa")
    login(page, base, admin.email)
    expect(page).to_have_url(re.compile(r"/consola$"))
    # Let the dashboard's requests finish before the full reload (a CI run once saw the next page stall).
    page.wait_for_load_state("networkidle")

    page.goto(f"{base}/consola/suscripciones")
    fila = page.get_by_role("row").filter(has_text="Panadería La Espiga")
    expect(fila).to_be_visible(timeout=30_000)
    fila.get_by_test_id("acciones-suscripcion").click()
    acciones = page.locator("[data-accion]")
    expect(acciones).to_have_count(5)  # editar, renovar, suspender, descuento, cancelar
    expect(page.locator('[data-accion="reactivar"]')).to_have_count(0)
    abrir(page, page.locator('[data-accion="suspender"]'))
    expect(dialogo(page)).to_contain_text("SUSPENDIDA")
    dialogo(page).get_by_test_id("confirmar").click()
    expect(page.get_by_test_id(f"estado-{suscripcion.id}")).to_have_text("Suspendida")

    # Suspended: only reactivar, descuento and cancelar are offered.
    fila.get_by_test_id("acciones-suscripcion").click()
    expect(page.locator("[data-accion]")).to_have_count(4)  # editar, reactivar, descuento, cancelar
    expect(page.locator('[data-accion="renovar"]')).to_have_count(0)
    expect(page.locator('[data-accion="suspender"]')).to_have_count(0)
    abrir(page, page.locator('[data-accion="descuento"]'))
    campo(page, "porcentaje_descuento").fill("150")
    dialogo(page).get_by_test_id("guardar").click()
    expect(dialogo(page)).to_contain_text("El valor máximo es 100.")
    campo(page, "porcentaje_descuento").fill("15")
    guardar(page)
    expect(fila).to_contain_text("-15")

    # Filters live in the URL: a shared link shows the same list.
    elegir(page, page.get_by_test_id("filtro-estado"), "Suspendida")
    expect(page).to_have_url(re.compile(r"estado=suspendida"))
    expect(page.get_by_test_id("tabla-suscripciones")).not_to_contain_text("Otra S.A.S.")
    doc_screenshot(page, "admin-suscripciones")
    page.goto(f"{base}/consola/suscripciones?estado=activa")
    expect(page.get_by_test_id("tabla-suscripciones")).to_contain_text("Otra S.A.S.")
    expect(page.get_by_test_id("tabla-suscripciones")).not_to_contain_text("Panadería La Espiga")

    # Cancel with a reason: a cancelled subscription offers no action.
    page.goto(f"{base}/consola/suscripciones?estado=suspendida")
    fila.get_by_test_id("acciones-suscripcion").click()
    abrir(page, page.locator('[data-accion="cancelar"]'))
    expect(campo(page, "al_final_del_periodo")).to_have_count(0)  # only from "activa"
    dialogo(page).get_by_test_id("guardar").click()
    expect(dialogo(page)).to_contain_text("Este campo es obligatorio.")
    campo(page, "motivo_cancelacion").fill("Cierra el local")
    guardar(page)
    page.goto(f"{base}/consola/suscripciones?estado=cancelada")
    expect(page.get_by_role("row").filter(has_text="Panadería La Espiga")).to_contain_text("Sin acciones")

    # Scheduled cancellation on the other one: then renewal is not offered, "undo" is.
    page.goto(f"{base}/consola/suscripciones?estado=activa")
    fila_otra = page.get_by_role("row").filter(has_text="Otra S.A.S.")
    fila_otra.get_by_test_id("acciones-suscripcion").click()
    abrir(page, page.locator('[data-accion="cancelar"]'))
    campo(page, "motivo_cancelacion").fill("No renovará")
    campo(page, "al_final_del_periodo").locator("input").check()
    guardar(page)
    expect(fila_otra).to_contain_text("Cancela al final")
    fila_otra.get_by_test_id("acciones-suscripcion").click()
    expect(page.locator('[data-accion="renovar"]')).to_have_count(0)
    expect(page.locator('[data-accion="reactivar"]')).to_contain_text("Deshacer cancelación programada")
    page.keyboard.press("Escape")

    # The audit log records every change, filterable in the URL.
    menu(page, "Auditoría")
    elegir(page, page.get_by_test_id("filtro-entidad"), "suscripcion")
    expect(page).to_have_url(re.compile(r"entidad=suscripcion"))
    tabla = page.get_by_test_id("tabla-auditoria")
    expect(tabla).to_contain_text("suspender")
    expect(tabla).to_contain_text("descuento")
    expect(tabla).to_contain_text(f"suscripcion #{otra.id}")
    tabla.get_by_role("button", name=re.compile("Ver cambios")).first.click()
    expect(tabla.get_by_role("table", name="Cambios")).to_contain_text("cancelar_al_final")
    doc_screenshot(page, "admin-auditoria")
    assert page.console_errors == []


def test_usuarios_reglas_de_seguridad_en_la_interfaz(page, spa_server, make):
    base = spa_server
    admin = make.usuario(rol="admin", nombre="Único Admin", email="unico@tratios.co")
    make.empresa(nombre="Textiles Andinos")
    login(page, base, admin.email)
    expect(page).to_have_url(re.compile(r"/consola$"))

    menu(page, "Usuarios")
    # Yourself (and the last active admin): deactivate and delete are disabled, with the reason.
    page.get_by_test_id(f"acciones-{admin.email}").click()
    expect(page.locator('[data-accion="eliminar"]')).to_be_disabled()
    expect(page.locator('[data-accion="toggle"]')).to_be_disabled()
    expect(page.get_by_role("note")).to_contain_text("a sí mismo")
    page.keyboard.press("Escape")

    # Create a customer of the company: password rules shown live, checked like the API.
    abrir(page, page.get_by_test_id("nuevo-usuario"))
    campo(page, "nombre").fill("Pedro Pérez")
    campo(page, "email").fill("pedro@textiles.co")
    campo(page, "password").fill("corta")
    expect(dialogo(page).locator('[data-regla="longitud"]')).to_have_attribute("data-cumple", "false")
    campo(page, "empresa_id").fill("Textiles")
    page.get_by_role("option", name=re.compile("Textiles Andinos")).click()
    dialogo(page).get_by_test_id("guardar").click()
    expect(dialogo(page)).to_contain_text("La contraseña no cumple")
    campo(page, "password").fill("Otra-Clave-789")
    doc_screenshot(page, "admin-usuario-nuevo")
    guardar(page)
    expect(page.get_by_test_id("tabla-usuarios")).to_contain_text("pedro@textiles.co")

    # Filters in the URL.
    elegir(page, page.get_by_test_id("filtro-rol"), "Cliente")
    expect(page).to_have_url(re.compile(r"rol=cliente"))
    expect(page.get_by_test_id("tabla-usuarios")).not_to_contain_text(admin.email)
    expect(page.get_by_test_id("tabla-usuarios")).to_contain_text("Textiles Andinos")

    # Change the password, then deactivate with confirmation.
    page.get_by_test_id("acciones-pedro@textiles.co").click()
    abrir(page, page.locator('[data-accion="password"]'))
    campo(page, "new_password").fill("Nueva#Clave-2026")
    guardar(page)
    page.get_by_test_id("acciones-pedro@textiles.co").click()
    abrir(page, page.locator('[data-accion="toggle"]'))
    expect(dialogo(page)).to_contain_text("sus sesiones abiertas se cerrarán")
    dialogo(page).get_by_test_id("confirmar").click()
    expect(page.get_by_test_id("estado-pedro@textiles.co")).to_have_text("Inactivo")
    doc_screenshot(page, "admin-usuarios")

    # Delete with confirmation.
    page.get_by_test_id("acciones-pedro@textiles.co").click()
    abrir(page, page.locator('[data-accion="eliminar"]'))
    dialogo(page).get_by_test_id("confirmar").click()
    expect(page.get_by_text("Usuario eliminado.")).to_be_visible()
    expect(page.get_by_text("pedro@textiles.co")).to_have_count(0)
    assert page.console_errors == []
