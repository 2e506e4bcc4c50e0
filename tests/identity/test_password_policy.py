from __future__ import annotations

import pytest

from utils.password_validator import POLITICA, validar_password


@pytest.mark.parametrize(
    ("password", "fragmento"),
    [
        ("Ab1!", "al menos 8"),
        ("A" * 60 + "a" * 60 + "1!" * 5, "más de 128"),
        ("clave-segura-1", "mayúscula"),
        ("CLAVE-SEGURA-1", "minúscula"),
        ("Clave-Segura", "número"),
        ("ClaveSegura1", "especial"),
        ("Ana.Perez1@Correo.co", "igual al correo"),
    ],
)
def test_rules(password, fragmento):
    errores = validar_password(password, email="ana.perez1@correo.co")
    assert any(fragmento in e for e in errores), errores


@pytest.mark.parametrize("password", ["Clave-Segura-1", "Ñandú#2026x", "Contraseña larga 9 ñ!" + "x" * 100])
def test_valid(password):
    assert validar_password(password, email="otro@correo.co") == []


def test_exactly_128_is_valid_and_129_not():
    base = "Aa1!"
    assert validar_password(base + "x" * 124) == []
    assert validar_password(base + "x" * 125) != []


def test_public_endpoint_serves_the_same_rules(client):
    response = client.get("/public/password-policy")
    assert response.status_code == 200
    body = response.get_json()
    assert body["longitud_minima"] == 8 and body["longitud_maxima"] == 128
    assert body["patrones"] == POLITICA["patrones"]
    assert body["distinta_del_email"] is True
