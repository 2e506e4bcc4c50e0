"""POST /auth/registro and /auth/registro/confirmar-otp."""

from __future__ import annotations

import pytest

from database.db import db
from models import Empresa, Usuario
from tests.factories import nit_valido

PASSWORD = "Clave-Segura-123"


def _registro(client, **kw):
    body = {"nombre": "Ana Pérez", "email": "ana@cliente.co", "password": PASSWORD} | kw
    return client.post("/auth/registro", json=body)


def test_registro_sin_otp_devuelve_tokens(client, bearer):
    response = _registro(client)
    assert response.status_code == 201
    body = response.get_json()
    assert set(body) == {"usuario", "access_token", "refresh_token"}
    usuario = body["usuario"]
    assert usuario["rol"] == "cliente" and usuario["is_active"] is True and usuario["otp_enabled"] is False
    for secreto in ("password", "password_hash", "otp_secret", "otp_backup_codes"):
        assert secreto not in usuario
    assert client.get("/account/profile", headers=bearer(body["access_token"])).status_code == 200


def test_registro_con_empresa_la_crea_y_la_vincula(client):
    nit = nit_valido()
    base, dv = nit.split("-")
    con_puntos = f"{base[:3]}.{base[3:6]}.{base[6:]}-{dv}"
    response = _registro(client, empresa={"nit": con_puntos, "nombre": "Compraventa S.A.S.",
                                          "contacto": "ana@cliente.co"})
    assert response.status_code == 201, response.get_json()
    empresa = db.session.execute(db.select(Empresa).where(Empresa.nit == nit)).scalar_one()
    assert empresa.nit_base == base
    assert response.get_json()["usuario"]["empresa_id"] == empresa.id


def test_registro_nit_repetido_409_con_o_sin_digito(client, make):
    empresa = make.empresa()
    response = _registro(client, empresa={"nit": empresa.nit_base, "nombre": "Otra"})
    assert response.status_code == 409
    assert response.get_json()["error"] == "nit_duplicado"
    assert db.session.execute(db.select(Usuario).where(Usuario.email == "ana@cliente.co")).first() is None


def test_registro_nit_con_digito_erroneo_422(client):
    response = _registro(client, empresa={"nit": "900123456-1", "nombre": "Mala"})
    assert response.status_code == 422
    body = response.get_json()
    assert body["error"] == "validacion"
    assert body["details"] == {"empresa": {"nit": ["El dígito de verificación del NIT no es correcto."]}}


def test_registro_email_repetido_409(client, make):
    make.usuario(email="ana@cliente.co")
    response = _registro(client, email="ANA@cliente.co")
    assert response.status_code == 409
    assert response.get_json()["error"] == "email_duplicado"


@pytest.mark.parametrize(
    ("cambio", "campo"),
    [
        ({"password": "corta"}, "password"),
        ({"password": "ana@cliente.co"}, "password"),
        ({"email": "no-es-correo"}, "email"),
        ({"rol": "admin"}, "rol"),
        ({"is_active": True}, "is_active"),
        ({"empresa_id": 1}, "empresa_id"),
        ({"otp_enabled": True}, "otp_enabled"),
    ],
)
def test_registro_validacion_y_campos_protegidos_422(client, cambio, campo):
    response = _registro(client, **cambio)
    assert response.status_code == 422
    assert campo in response.get_json()["details"]


def test_registro_con_otp_queda_pendiente_hasta_confirmar(client, login, totp, bearer):
    response = _registro(client, activar_otp=True)
    assert response.status_code == 201
    body = response.get_json()
    assert set(body) == {"usuario", "pending_token", "otp"}
    assert body["usuario"]["is_active"] is False
    assert body["otp"]["otpauth_uri"].startswith("otpauth://totp/Tratios:")
    assert body["otp"]["qr_svg"].startswith("<svg")
    secreto = body["otp"]["secret"]

    # The pending user cannot log in, and the pending token is not an access token.
    bloqueado = login("ana@cliente.co", PASSWORD)
    assert bloqueado.status_code == 403 and bloqueado.get_json()["error"] == "activacion_pendiente"
    assert client.get("/account/profile", headers=bearer(body["pending_token"])).status_code == 401
    assert client.post("/auth/refresh", headers=bearer(body["pending_token"])).status_code == 401

    malo = client.post("/auth/registro/confirmar-otp", json={"pending_token": body["pending_token"], "code": "000000"})
    assert malo.status_code == 422

    ok = client.post("/auth/registro/confirmar-otp",
                     json={"pending_token": body["pending_token"], "code": totp(secreto)})
    assert ok.status_code == 200, ok.get_json()
    confirmado = ok.get_json()
    assert len(confirmado["backup_codes"]) == 10
    assert confirmado["usuario"]["is_active"] is True and confirmado["usuario"]["otp_enabled"] is True
    assert client.get("/account/profile", headers=bearer(confirmado["access_token"])).status_code == 200

    # The pending token works once.
    otra = client.post("/auth/registro/confirmar-otp",
                       json={"pending_token": body["pending_token"], "code": totp(secreto, 1)})
    assert otra.status_code == 401

    # Now login asks for the second factor.
    assert login("ana@cliente.co", PASSWORD).status_code == 202


def test_pending_token_no_sirve_como_challenge(client):
    body = _registro(client, activar_otp=True).get_json()
    response = client.post("/auth/login/otp", json={"challenge_token": body["pending_token"], "code": "123456"})
    assert response.status_code == 401


def test_usuario_desactivado_no_puede_confirmar(client, totp):
    body = _registro(client, activar_otp=True).get_json()
    usuario = db.session.get(Usuario, body["usuario"]["id"])
    usuario.pendiente_activacion = False  # e.g. an admin decided on the account meanwhile
    db.session.commit()
    response = client.post("/auth/registro/confirmar-otp",
                           json={"pending_token": body["pending_token"], "code": totp(body["otp"]["secret"])})
    assert response.status_code == 401
