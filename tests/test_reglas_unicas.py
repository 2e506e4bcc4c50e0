"""One rule, one code, at every entry point: NIT and e-mail uniqueness and the password policy answer the
same error whether the company/user comes from an admin, `/auth/registro` or `/public/suscripcion`."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from database.db import db
from models import Usuario

PASSWORD = "Clave-Segura-2026"


@pytest.fixture
def alta(client, make, admin_headers):
    """`alta(entrada, nit=..., email=..., password=...)` -> the response of that entry point."""
    plan = make.plan()

    def _alta(entrada: str, *, nit: str | None = None, email: str | None = None, password: str = PASSWORD):
        nit = nit or make.nit_valido()
        email = email or f"nuevo{make.nit_valido()[:6]}@empresa.co"
        empresa = {"nit": nit, "nombre": "Compraventa Uno", "contacto": "310 555 0101"}
        if entrada == "admin_empresa":
            return client.post("/admin/empresas", json=empresa, headers=admin_headers)
        if entrada == "admin_usuario":
            return client.post("/admin/usuarios", headers=admin_headers, json={
                "nombre": "Ana", "email": email, "password": password, "rol": "cliente"})
        if entrada == "registro":
            return client.post("/auth/registro", json={"nombre": "Ana", "email": email, "password": password,
                                                       "empresa": empresa})
        return client.post("/public/suscripcion", json={
            "empresa": empresa, "usuario": {"nombre": "Ana", "email": email, "password": password},
            "plan_id": plan.id, "periodo": "mensual"})

    return _alta


@pytest.mark.parametrize("entrada", ["admin_empresa", "registro", "suscripcion_publica"])
@pytest.mark.parametrize("con_digito", [True, False])
def test_nit_duplicado_mismo_codigo_en_cada_entrada(alta, make, entrada, con_digito):
    existente = make.empresa()
    nit = existente.nit if con_digito else existente.nit_base
    response = alta(entrada, nit=nit)
    assert response.status_code == 409, response.get_json()
    assert response.get_json()["error"] == "nit_duplicado"


@pytest.mark.parametrize("entrada", ["admin_usuario", "registro", "suscripcion_publica"])
def test_email_duplicado_mismo_codigo_sin_importar_mayusculas(alta, make, entrada):
    make.usuario(email="ana.gerente@empresa.co")
    response = alta(entrada, email="  Ana.Gerente@EMPRESA.co ")
    assert response.status_code in (409, 422), response.get_json()  # 422 only if the schema refuses spaces
    if response.status_code == 422:
        response = alta(entrada, email="Ana.Gerente@EMPRESA.co")
    assert response.status_code == 409, response.get_json()
    assert response.get_json()["error"] == "email_duplicado"


@pytest.mark.parametrize("entrada", ["admin_usuario", "registro", "suscripcion_publica"])
@pytest.mark.parametrize("password", ["corta1!", "sinmayusculas1!", "SinEspeciales12"])
def test_password_debil_mismo_codigo_en_cada_entrada(alta, entrada, password):
    response = alta(entrada, password=password)
    assert response.status_code == 422, response.get_json()
    body = response.get_json()
    assert body["error"] == "password_debil"
    campo = body["details"]["usuario"]["password"] if entrada == "suscripcion_publica" else body["details"]["password"]
    assert campo and all(isinstance(m, str) for m in campo)


def test_el_correo_se_guarda_normalizado_y_se_busca_por_igualdad(alta, client):
    response = alta("registro", email="  Mixto.Caso@Empresa.CO")
    if response.status_code == 422:  # the schema may refuse surrounding spaces: same rule without them
        response = alta("registro", email="Mixto.Caso@Empresa.CO")
    assert response.status_code == 201, response.get_json()
    guardado = db.session.execute(sa.select(Usuario.email).where(Usuario.id == response.get_json()["usuario"]["id"]))
    assert guardado.scalar_one() == "mixto.caso@empresa.co"
    login = client.post("/auth/login", json={"email": "MIXTO.caso@empresa.co", "password": PASSWORD})
    assert login.status_code == 200, login.get_json()


def test_el_openapi_documenta_los_codigos_unicos(client):
    spec = client.get("/api/openapi.json").get_json()
    descripcion = spec["info"]["description"]
    for codigo in ("nit_duplicado", "email_duplicado", "password_debil", "transicion_invalida"):
        assert f"`{codigo}`" in descripcion
