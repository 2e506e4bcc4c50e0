"""/account: profile (mass assignment refused), subscriptions of the own company."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from database.db import db
from models import AuditLog, Suscripcion


@pytest.fixture
def cliente(make, login, bearer):
    empresa = make.empresa()
    usuario = make.usuario(email="ana@x.co", empresa_id=empresa.id)
    return usuario, bearer(login("ana@x.co").get_json()["access_token"])


def test_profile_get(client, cliente):
    usuario, h = cliente
    body = client.get("/account/profile", headers=h).get_json()
    assert body["id"] == usuario.id and body["email"] == "ana@x.co"
    assert set(body) == {"id", "nombre", "email", "rol", "empresa_id", "is_active", "otp_enabled", "telefono",
                         "direccion", "ciudad", "pais", "fecha_nacimiento", "created_at"}


def test_profile_put_allowed_fields(client, cliente):
    _, h = cliente
    datos = {"nombre": "Ana María", "telefono": "+57 300 000 0000", "direccion": "Calle 1 # 2-3",
             "ciudad": "Bogotá", "pais": "Colombia", "fecha_nacimiento": "1990-05-17"}
    response = client.put("/account/profile", headers=h, json=datos)
    assert response.status_code == 200
    assert {k: response.get_json()[k] for k in datos} == datos
    assert client.put("/account/profile", headers=h, json={"telefono": None}).get_json()["telefono"] is None


@pytest.mark.parametrize(
    "campo",
    [{"rol": "admin"}, {"email": "otro@x.co"}, {"empresa_id": 99}, {"is_active": False}, {"otp_enabled": True},
     {"otp_secret": "A" * 32}, {"password": "Clave-Segura-9"}, {"password_hash": "x"}, {"id": 5}],
)
def test_profile_put_protected_fields_422(client, cliente, campo):
    usuario, h = cliente
    response = client.put("/account/profile", headers=h, json={"nombre": "X"} | campo)
    assert response.status_code == 422
    assert next(iter(campo)) in response.get_json()["details"]
    db.session.refresh(usuario)
    assert usuario.rol == "cliente" and usuario.nombre != "X"


@pytest.mark.parametrize("datos", [{"nombre": ""}, {"fecha_nacimiento": "2999-01-01"}, {"telefono": "9" * 31}])
def test_profile_put_invalid_values_422(client, cliente, datos):
    _, h = cliente
    assert client.put("/account/profile", headers=h, json=datos).status_code == 422


def test_profile_needs_token(client):
    assert client.get("/account/profile").status_code == 401


def _suscripcion(make, empresa, **kw):
    servicio = make.servicio()
    plan = make.plan(servicios={servicio: 100})
    return make.suscripcion(empresa, plan, **kw), plan, servicio


def test_subscriptions_only_of_own_company(client, make, cliente):
    usuario, h = cliente
    propia, plan, servicio = _suscripcion(make, usuario.empresa)
    _suscripcion(make, make.empresa())  # another tenant
    for path in ("/account/subscriptions", "/account/suscripciones"):
        body = client.get(path, headers=h).get_json()
        assert [i["id"] for i in body["items"]] == [propia.id]
    item = body["items"][0]
    assert item["plan"] == {"id": plan.id, "nombre": plan.nombre}
    assert item["servicios"] == [{"id": servicio.id, "nombre": servicio.nombre, "cantidad": 100}]
    assert item["precio_pagado"] == 100000.0 and item["estado"] == "activa"
    assert item["fecha_fin"] == (propia.fecha_fin).isoformat()


def test_user_without_company_gets_empty_list(client, make, login, bearer):
    make.usuario(email="solo@x.co")
    h = bearer(login("solo@x.co").get_json()["access_token"])
    assert client.get("/account/subscriptions", headers=h).get_json() == {"items": []}


def test_patch_renovacion_own_other_cancelled(client, make, cliente):
    usuario, h = cliente
    propia, _, _ = _suscripcion(make, usuario.empresa)
    ajena, _, _ = _suscripcion(make, make.empresa())
    response = client.patch(f"/account/subscriptions/{propia.id}", headers=h, json={"renovacion_automatica": True})
    assert response.status_code == 200 and response.get_json()["renovacion_automatica"] is True
    assert db.session.get(Suscripcion, propia.id).renovacion_automatica is True
    assert db.session.execute(db.select(AuditLog).where(AuditLog.entidad_id == propia.id)).first()

    assert client.patch(f"/account/subscriptions/{ajena.id}", headers=h,
                        json={"renovacion_automatica": True}).status_code == 404
    assert client.patch("/account/subscriptions/999999", headers=h,
                        json={"renovacion_automatica": True}).status_code == 404
    assert client.patch(f"/account/subscriptions/{propia.id}", headers=h,
                        json={"renovacion_automatica": True, "estado": "activa"}).status_code == 422
    assert client.patch(f"/account/subscriptions/{propia.id}", headers=h, json={}).status_code == 422

    cancelada, _, _ = _suscripcion(make, usuario.empresa, estado="cancelada",
                                   fecha_inicio=date.today() - timedelta(days=40))
    response = client.patch(f"/account/suscripciones/{cancelada.id}", headers=h, json={"renovacion_automatica": True})
    assert response.status_code == 409 and response.get_json()["error"] == "transicion_invalida"
