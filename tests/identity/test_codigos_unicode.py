"""2FA codes written with non-ASCII digits or letters are a wrong code (401/422), never a 500.

`str.isdigit()` accepts "١٢٣٤٥٦" and "１２３４５６"; `hmac.compare_digest` then raised TypeError.
"""

from __future__ import annotations

import pytest

from tests.factories import DEFAULT_PASSWORD
from tests.identity.conftest import codigo_totp

CODIGOS = [
    "١٢٣٤٥٦",  # Arabic-Indic digits
    "１２３４５６",  # fullwidth digits
    "۱۲۳۴۵۶",  # extended Arabic-Indic
    "𝟏𝟐𝟑𝟒𝟓𝟔",  # mathematical bold digits
    "²³⁴⁵⁶⁷",  # superscripts (isdigit, not decimal)
    "１２３ ４５６",
    "ａｂｃｄｅ-ｆｇｈｊｋ",  # a fullwidth "backup code"
    "١٢٣٤٥-٦٧٨٩٠",
]


def _login_otp(client, usuario_2fa, login, bearer, codigo):
    usuario, _, _ = usuario_2fa()
    reto = login(usuario.email).get_json()["challenge_token"]
    return client.post("/auth/login/otp", json={"challenge_token": reto, "code": codigo})


def _confirmar_registro(client, usuario_2fa, login, bearer, codigo):
    body = client.post("/auth/registro", json={"nombre": "Ana", "email": "unicode@cliente.co",
                                               "password": DEFAULT_PASSWORD, "activar_otp": True}).get_json()
    return client.post("/auth/registro/confirmar-otp", json={"pending_token": body["pending_token"], "code": codigo})


def _tokens_2fa(client, usuario_2fa, login):
    usuario, secreto, _ = usuario_2fa()
    reto = login(usuario.email).get_json()["challenge_token"]
    tokens = client.post("/auth/login/otp", json={"challenge_token": reto, "code": codigo_totp(secreto, 1)})
    assert tokens.status_code == 200
    return {"Authorization": f"Bearer {tokens.get_json()['access_token']}"}


def _activar(client, usuario_2fa, login, bearer, codigo, make):
    usuario = make.usuario()
    h = bearer(login(usuario.email).get_json()["access_token"])
    assert client.post("/auth/otp/setup", headers=h).status_code == 200
    return client.post("/auth/otp/activate", headers=h, json={"code": codigo})


def _backup_codes(client, usuario_2fa, login, bearer, codigo):
    return client.post("/auth/otp/backup-codes", headers=_tokens_2fa(client, usuario_2fa, login), json={"code": codigo})


def _desactivar(client, usuario_2fa, login, bearer, codigo):
    return client.post("/auth/otp/disable", headers=_tokens_2fa(client, usuario_2fa, login),
                       json={"password": DEFAULT_PASSWORD, "code": codigo})


def _cambiar_password(client, usuario_2fa, login, bearer, codigo):
    return client.post("/account/password", headers=_tokens_2fa(client, usuario_2fa, login),
                       json={"current_password": DEFAULT_PASSWORD, "new_password": "Tratios-Caballo-Bateria-2026",
                             "otp_code": codigo})


ENDPOINTS = {
    "/auth/login/otp": (_login_otp, 401),
    "/auth/registro/confirmar-otp": (_confirmar_registro, 422),
    "/auth/otp/backup-codes": (_backup_codes, 422),
    "/auth/otp/disable": (_desactivar, 422),
    "/account/password": (_cambiar_password, 422),
}


@pytest.mark.parametrize("codigo", CODIGOS)
@pytest.mark.parametrize("endpoint", sorted(ENDPOINTS))
def test_codigo_unicode_es_codigo_incorrecto(client, usuario_2fa, login, bearer, endpoint, codigo):
    enviar, esperado = ENDPOINTS[endpoint]
    response = enviar(client, usuario_2fa, login, bearer, codigo)
    assert response.status_code == esperado, response.get_json()
    assert response.get_json()["error"] == "codigo_invalido"


@pytest.mark.parametrize("codigo", CODIGOS)
def test_activar_con_codigo_unicode_es_codigo_incorrecto(client, usuario_2fa, login, bearer, make, codigo):
    response = _activar(client, usuario_2fa, login, bearer, codigo, make)
    assert response.status_code == 422, response.get_json()
    assert response.get_json()["error"] == "codigo_invalido"
