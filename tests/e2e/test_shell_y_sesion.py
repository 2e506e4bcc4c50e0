"""Shell, guards, session handling and the public pages in a real Chromium."""

from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from playwright.sync_api import expect

from tests.e2e.conftest import doc_screenshot
from tests.factories import DEFAULT_PASSWORD

pytestmark = [pytest.mark.e2e, pytest.mark.slow]


def login(page, base: str, email: str, password: str = DEFAULT_PASSWORD) -> None:
    page.goto(f"{base}/login")
    page.get_by_label("Correo electrónico").fill(email)
    page.get_by_label("Contraseña").fill(password)
    page.get_by_test_id("entrar").click()


def test_rutas_guardas_y_pagina_no_encontrada(page, spa_server, make):
    base = spa_server
    empresa = make.empresa()
    make.usuario(email="cli@e2e.co", empresa_id=empresa.id)
    make.usuario(email="adm@e2e.co", rol="admin")

    # A guarded deep link goes to the login and comes back after it.
    page.goto(f"{base}/soporte?estado=abierto")
    expect(page).to_have_url(re.compile(r"/login\?returnUrl="))
    doc_screenshot(page, "login")
    page.get_by_label("Correo electrónico").fill("cli@e2e.co")
    page.get_by_label("Contraseña").fill(DEFAULT_PASSWORD)
    page.get_by_test_id("entrar").click()
    expect(page).to_have_url(re.compile(r"/soporte\?estado=abierto$"))
    expect(page.get_by_test_id("disponibilidad")).to_contain_text("no tiene soporte activo")
    expect(page.get_by_test_id("nuevo-ticket")).to_have_attribute("aria-disabled", "true")

    # Customers cannot open the admin console; unknown routes show the not-found page.
    page.goto(f"{base}/consola")
    expect(page.get_by_role("heading", name="Sin permiso")).to_be_visible()
    page.goto(f"{base}/no/existe")
    expect(page.get_by_role("heading", name="Página no encontrada")).to_be_visible()
    # API prefixes never get the SPA: a JSON 404.
    respuesta = page.request.get(f"{base}/admin/no-existe")
    assert respuesta.status in (401, 404)
    assert respuesta.headers["content-type"].startswith("application/json")

    # Sign out; the admin lands on the console and the navigation changes with the role.
    page.get_by_test_id("menu-usuario").click()
    page.get_by_test_id("salir").click()
    expect(page).to_have_url(re.compile(r"/login"))
    login(page, base, "adm@e2e.co")
    expect(page).to_have_url(re.compile(r"/consola$"))
    expect(page.get_by_role("link", name="Consola")).to_be_visible()
    expect(page.get_by_role("link", name="Soporte", exact=True)).to_have_count(0)

    # Responsive: on a phone the navigation is a drawer opened from the toolbar.
    page.set_viewport_size({"width": 390, "height": 800})
    abrir = page.get_by_role("button", name="Abrir menú de navegación")
    expect(abrir).to_be_visible()
    expect(page.get_by_role("link", name="Consola")).not_to_be_in_viewport()
    abrir.click()
    expect(page.get_by_role("link", name="Consola")).to_be_in_viewport()
    doc_screenshot(page, "movil-menu")
    assert page.console_errors == []


def test_refresco_transparente_y_sesion_revocada(page, spa_server, make):
    base = spa_server
    make.usuario(email="ref@e2e.co", nombre="Rita Refresco")
    login(page, base, "ref@e2e.co")
    expect(page).to_have_url(re.compile(r"/suscripcion$"))

    # An invalid access token: the interceptor refreshes (rotation) and retries.
    antes = json.loads(page.evaluate("localStorage.getItem('tratios.sesion')"))
    page.evaluate(
        "s => localStorage.setItem('tratios.sesion', JSON.stringify({...JSON.parse(s), access_token: 'x.y.z'}))",
        json.dumps(antes),
    )
    page.goto(f"{base}/cuenta/perfil")
    expect(page.get_by_test_id("perfil-nombre")).to_have_value("Rita Refresco")
    despues = json.loads(page.evaluate("localStorage.getItem('tratios.sesion')"))
    assert despues["refresh_token"] != antes["refresh_token"]

    # Replaying the old (rotated) refresh token is refused: the user is signed out.
    page.evaluate(
        "s => localStorage.setItem('tratios.sesion', JSON.stringify({...JSON.parse(s), access_token: 'x.y.z'}))",
        json.dumps(antes),
    )
    page.goto(f"{base}/cuenta/perfil")
    expect(page).to_have_url(re.compile(r"/login"))
    expect(page.get_by_text("Su sesión expiró. Inicie sesión de nuevo.")).to_be_visible()
    assert page.evaluate("localStorage.getItem('tratios.sesion')") is None


def test_bloqueo_por_intentos_muestra_la_espera(page, spa_server, make):
    base = spa_server
    make.usuario(email="bloq@e2e.co")
    page.goto(f"{base}/login")
    page.get_by_label("Correo electrónico").fill("bloq@e2e.co")
    page.get_by_label("Contraseña").fill("Incorrecta-123")
    espera = page.get_by_test_id("login-espera")
    # Keep trying until the countdown shows. The button is disabled while a request is in flight and
    # during the lockout, so a click may time out: that is expected, look again (no wait_for_function:
    # the CSP forbids eval).
    for _ in range(20):
        if espera.is_visible():
            break
        try:
            page.get_by_test_id("entrar").click(timeout=2000)
        except PlaywrightTimeoutError:
            pass
        page.wait_for_timeout(300)
    expect(page.get_by_test_id("login-espera")).to_contain_text(re.compile(r"Espere \d+ (minuto|segundo)"))
    expect(page.get_by_test_id("login-error")).to_contain_text("Podrá intentarlo de nuevo en")
    expect(page.get_by_test_id("entrar")).to_be_disabled()


def test_catalogo_y_contratacion_con_ubicacion(page, spa_server, make):
    base = spa_server
    srv = make.servicio(nombre="Facturación electrónica")
    make.plan(nombre="Emprendedor", servicios={srv: 100}, seleccionado=True)
    page.goto(f"{base}/planes")
    tarjeta = page.locator("mat-card", has_text="Emprendedor")
    expect(tarjeta).to_contain_text("$ 100.000")
    page.get_by_text("Anual", exact=True).click()
    expect(tarjeta).to_contain_text("$ 1.000.000")
    doc_screenshot(page, "planes")
    tarjeta.get_by_role("link", name="Contratar Emprendedor").click()
    expect(page).to_have_url(re.compile(r"/contratar\?plan=\d+&periodo=anual"))

    page.get_by_test_id("contratar-nit").fill("901.234.567")
    page.get_by_test_id("contratar-empresa").fill("Tienda Andina S.A.S.")
    page.get_by_test_id("contratar-contacto").fill("Luis Pérez 3001234567")
    page.get_by_test_id("pais").fill("Colom")
    page.get_by_role("option", name=re.compile("Colombia")).click()
    page.get_by_test_id("ciudad").fill("Medell")
    page.get_by_role("option", name=re.compile("Medellín")).first.click()
    page.get_by_test_id("contratar-nombre").fill("Luis Pérez")
    page.get_by_test_id("contratar-email").fill("luis@andina.co")
    page.get_by_test_id("contratar-password").fill("Andina-2026!")
    doc_screenshot(page, "contratar")
    page.get_by_test_id("contratar-enviar").click()

    expect(page).to_have_url(re.compile(r"/suscripcion$"))
    expect(page.get_by_text("Plan Emprendedor")).to_be_visible()
    expect(page.get_by_test_id("suscripcion-estado")).to_have_text("Pendiente de activación")
    page.goto(f"{base}/cuenta/perfil")
    expect(page.get_by_test_id("pais")).to_have_value("Colombia")
    expect(page.get_by_test_id("ciudad")).to_have_value("Medellín")
    assert page.console_errors == []
