"""Public catalogue and self-service signup."""

from __future__ import annotations

from decimal import Decimal

import pytest
import sqlalchemy as sa

from database.db import db
from models import Empresa, Suscripcion, Usuario
from utils.passwords import verify_password

PASSWORD = "Segura-Clave-99"


# --- catalogue ---------------------------------------------------------------------------------


def test_planes_con_servicios_activos(client, make):
    activo, inactivo = make.servicio(nombre="Facturación"), make.servicio(nombre="Viejo", activo=False)
    basico = make.plan(nombre="Básico", precio_mensual=Decimal("49900.50"), precio_anual=Decimal("499000"),
                       servicios={activo: 100, inactivo: 1})
    pro = make.plan(nombre="Pro", precio_mensual=Decimal("99000"), seleccionado=True, servicios={activo: None})
    response = client.get("/public/planes")
    assert response.status_code == 200
    items = response.get_json()["items"]
    assert [p["id"] for p in items] == [basico.id, pro.id]
    assert items[0] == {
        "id": basico.id, "nombre": "Básico", "descripcion": None, "precio_mensual": 49900.5,
        "precio_anual": 499000.0, "seleccionado": False,
        "servicios": [{"id": activo.id, "nombre": "Facturación", "cantidad": 100}],
    }
    assert items[1]["seleccionado"] is True
    assert items[1]["servicios"] == [{"id": activo.id, "nombre": "Facturación", "cantidad": None}]


def test_servicios_nunca_exponen_url_api(client, make):
    make.servicio(nombre="Activo", url_api="https://interno.tratios.local/secreto")
    make.servicio(nombre="Inactivo", activo=False)
    todos = client.get("/public/servicios").get_json()["items"]
    assert [(s["nombre"], s["activo"]) for s in todos] == [("Activo", True), ("Inactivo", False)]
    assert all(set(s) == {"id", "nombre", "activo"} for s in todos)
    activos = client.get("/public/servicios?activos=1").get_json()["items"]
    assert [s["nombre"] for s in activos] == ["Activo"]
    assert b"interno.tratios" not in client.get("/public/servicios").data


def test_servicios_parametro_invalido_422(client):
    response = client.get("/public/servicios?activos=quizas")
    assert response.status_code == 422
    assert "activos" in response.get_json()["details"]


def test_empresa_publica_solo_campos_seguros(client, make):
    empresa = make.empresa(nombre="Compraventa El Sol", contacto="privado@sol.co")
    response = client.get(f"/public/empresas/{empresa.id}")
    assert response.status_code == 200
    assert response.get_json() == {"id": empresa.id, "nombre": "Compraventa El Sol", "estado": "activa"}


def test_empresa_publica_desconocida_404(client):
    response = client.get("/public/empresas/999999")
    assert response.status_code == 404
    assert response.get_json()["error"] == "empresa_no_encontrada"


# --- signup --------------------------------------------------------------------------------------


@pytest.fixture
def payload(make):
    plan = make.plan(nombre="Plan Registro", precio_mensual=Decimal("59900"), precio_anual=Decimal("599000"))

    def _payload(**cambios):
        data = {
            "empresa": {"nit": make.nit_valido(), "nombre": "Compraventa Nueva S.A.S.", "contacto": "310 555 0101"},
            "usuario": {"nombre": "Ana Gerente", "email": "Ana@Nueva.co", "password": PASSWORD},
            "plan_id": plan.id,
            "periodo": "mensual",
        }
        for clave, valor in cambios.items():
            if isinstance(valor, dict) and isinstance(data.get(clave), dict):
                data[clave] = {**data[clave], **valor}
            else:
                data[clave] = valor
        return data

    _payload.plan = plan
    return _payload


def _conteos():
    return tuple(db.session.execute(sa.select(sa.func.count()).select_from(m)).scalar_one()
                 for m in (Empresa, Usuario, Suscripcion))


def test_registro_crea_empresa_usuario_y_suscripcion_inactiva(client, payload):
    data = payload()
    response = client.post("/public/suscripcion", json=data)
    assert response.status_code == 201, response.get_json()
    body = response.get_json()
    assert set(body) == {"empresa", "usuario", "suscripcion"}
    assert body["empresa"]["nit"] == data["empresa"]["nit"]
    assert body["empresa"]["estado"] == "pendiente"  # until an admin approves it
    usuario = body["usuario"]
    assert usuario["email"] == "ana@nueva.co"
    assert usuario["rol"] == "cliente"
    assert usuario["empresa_id"] == body["empresa"]["id"]
    assert "password" not in usuario and "password_hash" not in usuario and "otp_secret" not in usuario
    suscripcion = body["suscripcion"]
    assert suscripcion["estado"] == "inactiva"
    assert suscripcion["plan"] == {"id": payload.plan.id, "nombre": "Plan Registro"}
    assert suscripcion["precio_pagado"] == 59900.0
    assert PASSWORD not in response.get_data(as_text=True)
    guardado = db.session.get(Usuario, usuario["id"])
    assert verify_password(guardado.password_hash, PASSWORD)
    assert _conteos() == (1, 1, 1)


def test_registro_anual(client, payload):
    response = client.post("/public/suscripcion", json=payload(periodo="anual"))
    assert response.status_code == 201
    body = response.get_json()["suscripcion"]
    assert body["periodo"] == "anual"
    assert body["precio_pagado"] == 599000.0


def test_registro_nit_duplicado_con_o_sin_digito_409(client, payload, make):
    existente = make.empresa()
    for nit in (existente.nit, existente.nit.split("-")[0]):
        response = client.post("/public/suscripcion", json=payload(empresa={"nit": nit}))
        assert response.status_code == 409
        assert response.get_json()["error"] == "nit_duplicado"
    assert _conteos() == (1, 0, 0)


def test_registro_email_duplicado_sin_importar_mayusculas_409(client, payload, make):
    make.usuario(email="ana@nueva.co")
    response = client.post("/public/suscripcion", json=payload(usuario={"email": "ANA@nueva.CO"}))
    assert response.status_code == 409
    assert response.get_json()["error"] == "email_duplicado"
    assert _conteos() == (0, 1, 0)


@pytest.mark.parametrize("cambios,ruta", [
    ({"usuario": {"password": "corta"}}, ("usuario", "password")),
    ({"usuario": {"password": "sinmayusculas-123"}}, ("usuario", "password")),
    ({"empresa": {"nit": "900123456-1"}}, ("empresa", "nit")),
    ({"plan_id": 999999}, ("plan_id",)),
    ({"periodo": "semanal"}, ("periodo",)),
    ({"usuario": {"email": "no-es-correo"}}, ("usuario", "email")),
    ({"usuario": {"rol": "admin"}}, ("usuario", "rol")),
    ({"empresa": {"estado": "activa"}}, ("empresa", "estado")),
    ({"estado": "activa"}, ("estado",)),
])
def test_registro_validacion_422(client, payload, cambios, ruta):
    response = client.post("/public/suscripcion", json=payload(**cambios))
    assert response.status_code == 422, response.get_json()
    details = response.get_json()["details"]
    for parte in ruta:
        assert parte in details, details
        details = details[parte]
    assert _conteos() == (0, 0, 0)


def test_registro_password_igual_al_email_422(client, payload):
    response = client.post("/public/suscripcion", json=payload(usuario={"email": "Clave-1@x.co",
                                                                       "password": "Clave-1@x.co"}))
    assert response.status_code == 422


def test_registro_campos_obligatorios(client):
    response = client.post("/public/suscripcion", json={})
    assert response.status_code == 422
    assert set(response.get_json()["details"]) == {"empresa", "usuario", "plan_id", "periodo"}


def test_registro_no_json_415(client):
    response = client.post("/public/suscripcion", data="a=b", content_type="application/x-www-form-urlencoded")
    assert response.status_code == 415


def test_registro_fallo_forzado_no_deja_nada(client, payload, monkeypatch):
    """A failure after the company (and user) inserts rolls the whole signup back."""
    import services.registro as registro

    empresas_vistas = []

    def _falla(empresa, *args, **kwargs):
        empresas_vistas.append(db.session.get(Empresa, empresa.id))  # the company row was inserted
        raise RuntimeError("fallo simulado después de insertar la empresa")

    monkeypatch.setattr(registro, "crear_suscripcion", _falla)
    data = payload()
    response = client.post("/public/suscripcion", json=data)
    assert response.status_code == 500
    assert response.get_json()["error"] == "error_interno"
    assert "fallo simulado" not in response.get_data(as_text=True)
    assert empresas_vistas and empresas_vistas[0] is not None
    db.session.remove()
    assert _conteos() == (0, 0, 0)
    assert db.session.execute(sa.select(Usuario).where(Usuario.email == "ana@nueva.co")).first() is None


def test_registro_limitado_por_ip(app, client, payload, monkeypatch):
    monkeypatch.setitem(app.config, "PUBLIC_SIGNUP_RATE_LIMIT", "2 per hour")
    assert client.post("/public/suscripcion", json=payload()).status_code == 201
    assert client.post("/public/suscripcion", json={}).status_code == 422  # failed attempts count too
    response = client.post("/public/suscripcion", json=payload())
    assert response.status_code == 429
    assert int(response.headers["Retry-After"]) > 0
    assert response.get_json()["error"] == "demasiadas_solicitudes"


def test_registro_luego_login(client, payload):
    """The first user can sign in at once (the subscription, not the user, awaits activation)."""
    data = payload()
    assert client.post("/public/suscripcion", json=data).status_code == 201
    response = client.post("/auth/login", json={"email": "ana@nueva.co", "password": PASSWORD})
    if response.status_code == 404:  # pragma: no cover - identity issue not merged yet
        pytest.skip("/auth/login todavía no existe")
    assert response.status_code == 200, response.get_json()


def test_openapi_documenta_lo_publico(client):
    paths = client.get("/api/openapi.json").get_json()["paths"]
    assert set(paths["/public/suscripcion"]["post"]["responses"]) >= {"201", "409", "422", "429"}
    assert "/public/planes" in paths and "/public/servicios" in paths
    assert set(paths["/public/empresas/{empresa_id}"]["get"]["responses"]) >= {"200", "404"}
    assert set(paths["/public/location/countries/{iso2}/cities"]["get"]["responses"]) >= {"200", "404", "429"}
