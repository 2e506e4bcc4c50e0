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
    base = "Tratios-Caballo-Bateria-2026"
    assert validar_password(base + "x" * 100) == []
    assert validar_password(base + "x" * 101) != []


def test_public_endpoint_serves_the_same_rules(client):
    response = client.get("/public/password-policy")
    assert response.status_code == 200
    body = response.get_json()
    assert body["longitud_minima"] == 8 and body["longitud_maxima"] == 128
    assert body["patrones"] == POLITICA["patrones"]
    assert body["distinta_del_email"] is True


# --- zxcvbn (hardening, finding 5) ----------------------------------------------------------------

@pytest.mark.parametrize("password", ["Password1!", "P@ssw0rd", "Qwerty123!", "Abcd1234!", "Welcome1!", "Admin123!"])
def test_guessable_passwords_follow_the_rules_but_are_weak(password):
    from utils.password_validator import _GENERICO, _TRADUCCIONES, adivinabilidad

    assert adivinabilidad(password)[0] < 3
    errores = validar_password(password)
    assert errores and set(errores) <= {_GENERICO, *_TRADUCCIONES.values()}, errores


def test_zxcvbn_uses_the_email_and_name():
    assert validar_password("Ana.Perez.Gomez#1", email="otro@correo.co") == []
    assert validar_password("Ana.Perez.Gomez#1", email="ana.perez.gomez@correo.co", nombre="Ana Pérez Gómez")


def test_seed_password_and_factories_pass_the_policy():
    from services.seed import generate_password
    from tests.factories import DEFAULT_PASSWORD

    assert all(validar_password(generate_password()) == [] for _ in range(20))
    assert validar_password(DEFAULT_PASSWORD, email="usuario1@test.co") == []


@pytest.mark.parametrize("password", ["Password1!", "P@ssw0rd"])
def test_registro_with_guessable_password_422_with_reason(client, password):
    response = client.post("/auth/registro", json={"nombre": "Ana", "email": "debil@cliente.co",
                                                   "password": password})
    assert response.status_code == 422
    body = response.get_json()
    assert body["error"] == "password_debil"
    assert "fácil de adivinar" in body["message"] and "Se parece a una contraseña muy usada." in body["message"]
    assert "Se parece a una contraseña muy usada." in body["details"]["password"]


def test_account_password_change_refuses_guessable(client, make, login, bearer):
    usuario = make.usuario()
    h = bearer(login(usuario.email).get_json()["access_token"])
    response = client.post("/account/password", headers=h, json={
        "current_password": "Clave-Segura-123", "new_password": "P@ssw0rd", "verification_code": "123456"})
    assert response.status_code == 422 and response.get_json()["error"] == "password_debil"
    assert "new_password" in response.get_json()["details"]


def test_admin_created_user_refuses_guessable(client, admin_headers):
    response = client.post("/admin/usuarios", headers=admin_headers, json={
        "nombre": "Beto", "email": "beto@x.co", "password": "Password1!", "rol": "cliente"})
    assert response.status_code == 422 and response.get_json()["error"] == "password_debil"


def test_public_policy_publishes_minimum_score(client):
    assert client.get("/public/password-policy").get_json()["puntaje_minimo"] == 3


def test_evaluar_endpoint(client, logs_crudos):
    from extensions import limiter

    limiter.reset()
    debil = client.post("/public/password-policy/evaluar", json={"password": "P@ssw0rd"})
    assert debil.status_code == 200
    body = debil.get_json()
    assert body["puntaje"] < 3 and body["valida"] is False
    assert "Se parece a una contraseña muy usada." in body["mensajes"]
    fuerte = client.post("/public/password-policy/evaluar",
                         json={"password": "Tratios-Caballo-Bateria-2026", "email": "ana@x.co"}).get_json()
    assert fuerte == {"puntaje": 4, "valida": True, "mensajes": []}
    reglas = client.post("/public/password-policy/evaluar", json={"password": "corta"}).get_json()
    assert reglas["valida"] is False and any("al menos 8" in m for m in reglas["mensajes"])
    assert client.post("/public/password-policy/evaluar", json={}).status_code == 422
    assert not any("P@ssw0rd" in t or "Caballo-Bateria" in t for t in logs_crudos.textos)
    limiter.reset()


def test_evaluar_is_rate_limited_per_ip(app, client, monkeypatch):
    from extensions import limiter

    monkeypatch.setitem(app.config, "PASSWORD_EVALUAR_RATE_LIMIT", "3 per minute")
    limiter.reset()
    respuestas = [client.post("/public/password-policy/evaluar", json={"password": "x"}) for _ in range(4)]
    assert [r.status_code for r in respuestas] == [200, 200, 200, 429]
    assert int(respuestas[-1].headers["Retry-After"]) > 0
    otra_ip = client.post("/public/password-policy/evaluar", json={"password": "x"},
                          environ_base={"REMOTE_ADDR": "10.9.8.7"})
    assert otra_ip.status_code == 200
    limiter.reset()
