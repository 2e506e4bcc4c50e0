"""A customer's whole journey in a real Chromium against the built SPA and a real gunicorn.

Registers with 2FA (TOTP computed here), signs out, signs in through the challenge, opens a
ticket with an attachment, sees it listed, reloads a deep link, and changes the password with
the code e-mailed to an in-process SMTP server.
"""

from __future__ import annotations

import re
import time

import pyotp
import pytest
import sqlalchemy as sa
from playwright.sync_api import expect

from database.db import db
from models import Empresa, Usuario
from tests.e2e.conftest import Mailbox, doc_screenshot
from tests.factories import nit_valido

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

PASSWORD = "Clave-Segura-123"
NUEVA = "Nueva#Clave-456"


def wait_next_totp_step(totp: pyotp.TOTP, used_at: float) -> None:
    """A TOTP code is accepted once per time step: wait until the step after `used_at`."""
    step = int(used_at // totp.interval)
    while int(time.time() // totp.interval) <= step:
        time.sleep(0.5)


def seed_support_for(email: str, make) -> Empresa:
    """What an admin would do: approve the self-service company, give it an active plan and support contract."""
    db.session.expire_all()
    usuario = db.session.execute(sa.select(Usuario).where(Usuario.email == email)).scalar_one()
    empresa = db.session.get(Empresa, usuario.empresa_id)
    empresa.estado = "activa"
    srv_a = make.servicio(nombre="Facturación electrónica")
    srv_b = make.servicio(nombre="Nómina")
    plan = make.plan(nombre="Profesional", servicios={srv_a: 500, srv_b: None})
    suscripcion = make.suscripcion(empresa, plan, estado="activa")
    make.soporte_suscripcion(suscripcion, make.soporte_tipo("por_tickets", max_tickets=5))
    return empresa


def test_cliente_registro_2fa_ticket_y_cambio_de_password(page, spa_server, smtp: Mailbox, make, tmp_path):
    base = spa_server
    email = f"ana.{int(time.time() * 1000)}@cliente.co"

    # 1. Registration with 2FA and a company.
    page.goto(f"{base}/registro")
    expect(page.get_by_role("heading", name="Crear cuenta")).to_be_visible()
    page.get_by_label("Nombre completo").fill("Ana Gómez")
    page.get_by_label("Correo electrónico").fill(email)
    page.get_by_label("Contraseña", exact=True).fill("corta")
    expect(page.locator('[data-regla="longitud"]')).to_have_attribute("data-cumple", "false")
    page.get_by_label("Contraseña", exact=True).fill(PASSWORD)
    expect(page.locator('[data-regla="longitud"]')).to_have_attribute("data-cumple", "true")
    expect(page.locator('[data-regla="especial"]')).to_have_attribute("data-cumple", "true")
    page.get_by_label("Confirmar contraseña").fill(PASSWORD)
    expect(page.get_by_label("Activar la verificación en dos pasos")).to_be_checked()
    page.get_by_text("Registrar también mi empresa").click()
    page.get_by_label("NIT").fill(nit_valido())
    page.get_by_label("Razón social").fill("Comercial Gómez S.A.S.")
    doc_screenshot(page, "registro")
    page.get_by_test_id("registrar").click()

    expect(page.get_by_test_id("otp-qr")).to_be_visible()
    secret = page.get_by_test_id("otp-secret").inner_text().strip()
    totp = pyotp.TOTP(secret)
    doc_screenshot(page, "registro-2fa")
    used_at = time.time()
    page.get_by_test_id("otp-code").fill(totp.at(used_at))
    page.get_by_test_id("confirmar-otp").click()
    codes = page.get_by_test_id("backup-codes").locator("code")
    expect(codes).to_have_count(10)
    backup_code = codes.nth(0).inner_text().strip()
    page.get_by_test_id("continuar").click()
    expect(page).to_have_url(re.compile(r"/suscripcion$"))
    # A self-service company waits for an admin: the portal says so.
    expect(page.get_by_test_id("empresa-pendiente")).to_contain_text("pendiente de aprobación")

    # An admin approves the company and activates plan + support (seeded directly in the database).
    seed_support_for(email, make)

    # 2. Sign out, sign in again through the 2FA challenge.
    page.get_by_test_id("menu-usuario").click()
    page.get_by_test_id("salir").click()
    expect(page).to_have_url(re.compile(r"/login"))
    page.get_by_label("Correo electrónico").fill(email)
    page.get_by_label("Contraseña").fill(PASSWORD)
    page.get_by_test_id("entrar").click()
    expect(page.get_by_role("heading", name="Verificación en dos pasos")).to_be_visible()
    wait_next_totp_step(totp, used_at)
    page.get_by_test_id("otp-code").fill(totp.now())
    page.get_by_test_id("verificar").click()
    expect(page).to_have_url(re.compile(r"/suscripcion$"))
    expect(page.get_by_text("Plan Profesional")).to_be_visible()
    expect(page.get_by_test_id("suscripcion-estado")).to_have_text("Activa")
    expect(page.get_by_text("Facturación electrónica")).to_be_visible()
    doc_screenshot(page, "mi-suscripcion")

    # Auto-renewal toggle, persisted by the API.
    renovacion = page.get_by_test_id("renovacion").get_by_role("switch")
    expect(renovacion).to_have_attribute("aria-checked", "false")
    renovacion.click()
    expect(page.get_by_text("Renovación automática activada.")).to_be_visible()
    page.reload()
    expect(page.get_by_test_id("renovacion").get_by_role("switch")).to_have_attribute("aria-checked", "true")

    # 3. A ticket with an attachment.
    page.get_by_role("link", name="Soporte").click()
    expect(page.get_by_test_id("disponibilidad")).to_contain_text("Tickets disponibles: 5")
    page.get_by_test_id("nuevo-ticket").click()
    page.get_by_label("Título").fill("No puedo generar la factura")
    page.get_by_label("Descripción").fill("Al guardar aparece un error 500.\nAdjunto el log.")
    adjunto = tmp_path / "error-factura.log"
    adjunto.write_text("2026-11-28 10:00:01 ERROR factura 42 rechazada\n", encoding="utf-8")
    page.get_by_test_id("input-archivo").set_input_files(str(adjunto))
    expect(page.get_by_test_id("archivos-elegidos")).to_contain_text("error-factura.log")
    doc_screenshot(page, "nuevo-ticket")
    page.get_by_test_id("ticket-crear").click()
    expect(page).to_have_url(re.compile(r"/soporte/\d+$"))
    expect(page.get_by_test_id("ticket-titulo")).to_contain_text("No puedo generar la factura")
    expect(page.get_by_test_id("ticket-archivos")).to_contain_text("error-factura.log")
    ticket_url = page.url

    # The attachment downloads with its original name.
    with page.expect_download() as descarga:
        page.get_by_role("button", name="Descargar error-factura.log").click()
    assert descarga.value.suggested_filename == "error-factura.log"

    # A reply appears in the conversation.
    page.get_by_test_id("comentario").fill("Sucede con todas las facturas.")
    page.get_by_test_id("comentar").click()
    expect(page.get_by_test_id("conversacion")).to_contain_text("Sucede con todas las facturas.")
    doc_screenshot(page, "ticket-detalle")

    # 4. Deep link reload keeps the user on the same screen (SPA fallback + stored session).
    page.reload()
    expect(page.get_by_test_id("ticket-titulo")).to_contain_text("No puedo generar la factura")
    assert page.url == ticket_url

    # 5. Listed, and the estado filter lives in the URL.
    page.goto(f"{base}/soporte")
    expect(page.get_by_test_id("tabla-tickets")).to_contain_text("No puedo generar la factura")
    expect(page.get_by_test_id("disponibilidad")).to_contain_text("Tickets disponibles: 4")
    doc_screenshot(page, "soporte")
    page.goto(f"{base}/soporte?estado=cerrado")
    expect(page.get_by_text("Ningún ticket coincide")).to_be_visible()

    # 6. Disable 2FA with a backup code, then change the password with the e-mailed code.
    page.goto(f"{base}/cuenta/seguridad")
    expect(page.get_by_test_id("estado-otp")).to_contain_text("Activada")
    page.get_by_label("Contraseña", exact=True).first.fill(PASSWORD)
    page.get_by_label("Código (aplicación o respaldo)").fill(backup_code)
    page.get_by_test_id("desactivar-otp").click()
    expect(page.get_by_test_id("estado-otp")).to_contain_text("Desactivada")

    page.get_by_test_id("enviar-codigo").click()
    expect(page.get_by_test_id("codigo-enviado")).to_be_visible()
    correo = smtp.wait_for(email, "contraseña")
    codigo = re.search(r"\b(\d{6})\b", Mailbox.text(correo)).group(1)
    page.get_by_test_id("pw-codigo").fill(codigo)
    page.get_by_test_id("pw-actual").fill(PASSWORD)
    page.get_by_test_id("pw-nueva").fill(NUEVA)
    page.get_by_test_id("pw-confirmacion").fill(NUEVA)
    doc_screenshot(page, "seguridad")
    page.get_by_test_id("pw-guardar").click()
    expect(page).to_have_url(re.compile(r"/login"))

    # The old password no longer works; the new one does (no 2FA now).
    page.get_by_label("Correo electrónico").fill(email)
    page.get_by_label("Contraseña").fill(PASSWORD)
    page.get_by_test_id("entrar").click()
    expect(page.get_by_test_id("login-error")).to_be_visible()
    page.get_by_label("Contraseña").fill(NUEVA)
    page.get_by_test_id("entrar").click()
    expect(page).to_have_url(re.compile(r"/suscripcion$"))

    assert page.console_errors == []


def test_seguridad_activar_2fa_regenerar_codigos_y_password_con_otp(page, spa_server, make):
    """2FA enrolment from the security page, new backup codes, and the OTP path of a password change."""
    base = spa_server
    empresa = make.empresa()
    make.usuario(email="seg@e2e.co", nombre="Sergio Seguro", empresa_id=empresa.id)
    page.goto(f"{base}/login")
    page.get_by_label("Correo electrónico").fill("seg@e2e.co")
    page.get_by_label("Contraseña").fill(make.DEFAULT_PASSWORD)
    page.get_by_test_id("entrar").click()
    expect(page).to_have_url(re.compile(r"/suscripcion$"))
    expect(page.get_by_text("Aún no tiene suscripciones")).to_be_visible()

    page.get_by_role("link", name="Seguridad").click()
    expect(page.get_by_test_id("estado-otp")).to_contain_text("Desactivada")
    page.get_by_test_id("iniciar-otp").click()
    totp = pyotp.TOTP(page.get_by_test_id("otp-secret").inner_text().strip())
    page.get_by_test_id("activar-code").fill("000000" if totp.now() != "000000" else "111111")
    page.get_by_test_id("activar-otp").click()
    expect(page.get_by_test_id("otp-error")).to_be_visible()
    used_at = time.time()
    page.get_by_test_id("activar-code").fill(totp.at(used_at))
    page.get_by_test_id("activar-otp").click()
    expect(page.get_by_test_id("estado-otp")).to_contain_text("Activada")
    primeros = page.get_by_test_id("backup-codes").locator("code").all_inner_texts()
    assert len(primeros) == 10

    # New backup codes (next TOTP step): the list changes.
    wait_next_totp_step(totp, used_at)
    used_at = time.time()
    page.get_by_label("Código actual de su aplicación").fill(totp.at(used_at))
    page.get_by_role("button", name="Generar nuevos códigos").click()
    expect(page.get_by_text("Se generaron nuevos códigos de respaldo")).to_be_visible()
    nuevos = page.get_by_test_id("backup-codes").locator("code").all_inner_texts()
    assert len(nuevos) == 10 and set(nuevos).isdisjoint(primeros)

    # The session survives the token rotation of those security changes.
    page.reload()
    expect(page.get_by_test_id("estado-otp")).to_contain_text("Activada")

    # Password change with the authenticator code (no e-mail on this path).
    wait_next_totp_step(totp, used_at)
    page.get_by_test_id("pw-codigo").fill(totp.now())
    page.get_by_test_id("pw-actual").fill(make.DEFAULT_PASSWORD)
    page.get_by_test_id("pw-nueva").fill(NUEVA)
    page.get_by_test_id("pw-confirmacion").fill(NUEVA)
    page.get_by_test_id("pw-guardar").click()
    expect(page).to_have_url(re.compile(r"/login"))

    # Sign in with the new password and a backup code of the new set.
    page.get_by_label("Correo electrónico").fill("seg@e2e.co")
    page.get_by_label("Contraseña").fill(NUEVA)
    page.get_by_test_id("entrar").click()
    page.get_by_role("button", name="Usar un código de respaldo").click()
    page.get_by_test_id("otp-code").fill(primeros[0])
    page.get_by_test_id("verificar").click()
    expect(page.get_by_test_id("login-error")).to_be_visible()
    page.get_by_test_id("otp-code").fill(nuevos[0])
    page.get_by_test_id("verificar").click()
    expect(page).to_have_url(re.compile(r"/suscripcion$"))
    assert page.console_errors == []
