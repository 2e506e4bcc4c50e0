"""Issue 14, finding 2, in the console: a self-service company shows «Pendiente» with Aprobar / Rechazar
(each behind a confirmation), and the «Pendientes de aprobación» button filters the list."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from database.db import db
from models import Empresa
from tests.e2e.test_consola_admin import abrir, login, menu

pytestmark = [pytest.mark.e2e, pytest.mark.slow]


def _confirmar(page: Page) -> None:
    page.get_by_role("dialog").get_by_test_id("confirmar").click()
    expect(page.get_by_role("dialog")).to_have_count(0)


def test_aprobar_y_rechazar_empresas_pendientes(page: Page, spa_server, make):
    base = spa_server
    admin = make.usuario(rol="admin", nombre="Laura Admin", email="laura@tratios.co")
    aprobada = make.empresa(nombre="Ferretería Pendiente S.A.S.", estado="pendiente")
    rechazada = make.empresa(nombre="Squatter S.A.S.", estado="pendiente")
    make.empresa(nombre="Activa de Siempre S.A.S.")
    aprobada_id, rechazada_id = aprobada.id, rechazada.id

    login(page, base, admin.email)
    expect(page).to_have_url(re.compile(r"/consola$"))
    menu(page, "Empresas")  # in-app navigation, as a user does (a reload would abort the panel's requests)
    page.get_by_test_id("empresas-pendientes").click()
    tabla = page.get_by_test_id("tabla-empresas")
    expect(tabla).to_contain_text("Squatter S.A.S.")
    expect(tabla).not_to_contain_text("Activa de Siempre")
    expect(tabla).to_contain_text("Pendiente")

    # Reject from the list: confirmation, then the company is gone.
    fila = tabla.get_by_role("row").filter(has_text="Squatter S.A.S.")
    abrir(page, fila.get_by_test_id("rechazar-empresa"))
    expect(page.get_by_role("dialog")).to_contain_text("se borrará")
    _confirmar(page)
    expect(tabla).not_to_contain_text("Squatter S.A.S.")
    db.session.rollback()  # a new snapshot: MariaDB's REPEATABLE READ keeps the old one
    assert db.session.get(Empresa, rechazada_id) is None

    # Approve from the detail page.
    page.goto(f"{base}/consola/empresas/{aprobada_id}")
    expect(page.get_by_test_id("empresa-pendiente-aviso")).to_be_visible()
    abrir(page, page.get_by_test_id("aprobar-empresa"))
    _confirmar(page)
    expect(page.get_by_test_id("empresa-estado")).to_have_text("Activa")
    expect(page.get_by_test_id("desactivar-empresa")).to_be_visible()
    db.session.rollback()  # a new snapshot: MariaDB's REPEATABLE READ keeps the old one
    assert db.session.get(Empresa, aprobada_id).estado == "activa"
