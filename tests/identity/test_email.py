"""Password change with an e-mailed code, against a real SMTP server (aiosmtpd) started by the test."""

from __future__ import annotations

import smtplib
from datetime import timedelta

import pytest
import sqlalchemy as sa

from database.db import db
from models import CodigoVerificacion
from services.correo import CorreoError, CorreoNoConfigurado, ServicioCorreo, enviar_correo
from tests.factories import DEFAULT_PASSWORD

NUEVA = "Nueva-Clave-456"


@pytest.fixture
def sesion(make, login, bearer):
    make.usuario(email="ana@x.co", nombre="Ana")
    tokens = login("ana@x.co").get_json()
    return tokens, bearer(tokens["access_token"])


def test_full_flow_code_by_email(client, smtp_server, sesion, login, bearer):
    tokens, h = sesion
    response = client.post("/account/password/request-code", headers=h)
    assert response.status_code == 200
    assert response.get_json() == {"sent": True, "expires_in": 600}

    mensaje = smtp_server.mensajes[-1]
    assert mensaje["To"] == "ana@x.co"
    assert "seguridad@tratios.test" in mensaje["From"] and "Tratios Seguridad" in mensaje["From"]
    assert mensaje.get_body(("html",)) is not None and mensaje.get_body(("plain",)) is not None
    codigo = smtp_server.ultimo_codigo()
    assert codigo in mensaje.get_body(("html",)).get_content()

    # Stored hashed, never in clear.
    fila = db.session.execute(sa.select(CodigoVerificacion)).scalar_one()
    assert codigo not in fila.codigo_hash

    assert client.post("/account/password/verify-code", headers=h, json={"code": "000000" if codigo != "000000"
                                                                          else "111111"}).status_code == 422
    verificado = client.post("/account/password/verify-code", headers=h, json={"code": codigo})
    assert verificado.status_code == 200 and verificado.get_json() == {"valid": True}

    cambio = client.post("/account/password", headers=h, json={
        "current_password": DEFAULT_PASSWORD, "new_password": NUEVA, "verification_code": codigo})
    assert cambio.status_code == 200, cambio.get_json()
    # Old sessions revoked, new pair works, old password refused, new accepted.
    assert client.post("/auth/refresh", headers=bearer(tokens["refresh_token"])).status_code == 401
    assert client.get("/account/profile", headers=h).status_code == 401
    assert client.get("/account/profile", headers=bearer(cambio.get_json()["access_token"])).status_code == 200
    assert login("ana@x.co").status_code == 401
    assert login("ana@x.co", NUEVA).status_code == 200
    # A security notice was e-mailed; the code cannot be used twice.
    assert "contraseña" in smtp_server.mensajes[-1]["Subject"].lower()
    otra = client.post("/account/password", headers=bearer(cambio.get_json()["access_token"]), json={
        "current_password": NUEVA, "new_password": "Otra-Clave-789", "verification_code": codigo})
    assert otra.status_code == 422


def test_code_burns_after_five_wrong_attempts(client, smtp_server, sesion):
    _, h = sesion
    client.post("/account/password/request-code", headers=h)
    codigo = smtp_server.ultimo_codigo()
    malo = "000000" if codigo != "000000" else "111111"
    for _ in range(5):
        assert client.post("/account/password/verify-code", headers=h, json={"code": malo}).status_code == 422
    assert client.post("/account/password/verify-code", headers=h, json={"code": codigo}).status_code == 422


def test_resend_is_throttled_and_only_newest_code_valid(client, smtp_server, sesion):
    _, h = sesion
    client.post("/account/password/request-code", headers=h)
    primero = smtp_server.ultimo_codigo()
    otra = client.post("/account/password/request-code", headers=h)
    assert otra.status_code == 429 and int(otra.headers["Retry-After"]) > 0
    fila = db.session.execute(sa.select(CodigoVerificacion)).scalar_one()
    fila.created_at = fila.created_at - timedelta(minutes=2)
    db.session.commit()
    assert client.post("/account/password/request-code", headers=h).status_code == 200
    segundo = smtp_server.ultimo_codigo()
    if segundo != primero:
        assert client.post("/account/password/verify-code", headers=h, json={"code": primero}).status_code == 422
    assert client.post("/account/password/verify-code", headers=h, json={"code": segundo}).status_code == 200


def test_smtp_not_configured_503(client, app, sesion, monkeypatch):
    _, h = sesion
    monkeypatch.setitem(app.config, "SMTP_SERVER", None)
    monkeypatch.setitem(app.config, "MAIL_BACKEND", "smtp")
    response = client.post("/account/password/request-code", headers=h)
    assert response.status_code == 503 and response.get_json()["error"] == "correo_no_configurado"
    assert db.session.execute(sa.select(CodigoVerificacion)).first() is None


def test_smtp_failure_503_and_no_code_stored(client, app, sesion, monkeypatch):
    from tests.conftest import free_port

    _, h = sesion
    monkeypatch.setitem(app.config, "MAIL_BACKEND", "smtp")
    monkeypatch.setitem(app.config, "SMTP_SERVER", "127.0.0.1")
    monkeypatch.setitem(app.config, "SMTP_PORT", free_port())  # nobody listens there
    monkeypatch.setitem(app.config, "SMTP_TIMEOUT", 2)
    response = client.post("/account/password/request-code", headers=h)
    assert response.status_code == 503 and response.get_json()["error"] == "correo_no_enviado"
    assert db.session.execute(sa.select(CodigoVerificacion)).first() is None


def test_console_backend_prints(client, app, sesion, monkeypatch, capsys):
    _, h = sesion
    monkeypatch.setitem(app.config, "MAIL_BACKEND", "console")
    monkeypatch.setitem(app.config, "SMTP_SERVER", None)
    assert client.post("/account/password/request-code", headers=h).status_code == 200
    salida = capsys.readouterr().out
    assert "To: ana@x.co" in salida and "Subject:" in salida


def test_security_notice_only_once_the_change_is_stored(client, smtp_server, usuario_2fa, login, bearer, totp):
    _, secreto, _ = usuario_2fa(email="dos@x.co")
    avisos = len(smtp_server.mensajes)  # the activation notice
    tokens = client.post("/auth/login/otp", json={"challenge_token": login("dos@x.co").get_json()["challenge_token"],
                                                  "code": totp(secreto, 0)}).get_json()
    h = bearer(tokens["access_token"])
    fallido = client.post("/auth/otp/disable", headers=h, json={"password": DEFAULT_PASSWORD, "code": "000000"})
    assert fallido.status_code == 422
    assert len(smtp_server.mensajes) == avisos
    ok = client.post("/auth/otp/disable", headers=h, json={"password": DEFAULT_PASSWORD, "code": totp(secreto, 1)})
    assert ok.status_code == 200, ok.get_json()
    assert len(smtp_server.mensajes) == avisos + 1
    assert "desactivada" in smtp_server.mensajes[-1]["Subject"]


def test_2fa_user_gets_409_and_changes_with_totp(client, usuario_2fa, login, bearer, totp):
    _, secreto, _ = usuario_2fa(email="dos@x.co")
    reto = login("dos@x.co").get_json()["challenge_token"]
    tokens = client.post("/auth/login/otp", json={"challenge_token": reto, "code": totp(secreto, 0)}).get_json()
    h = bearer(tokens["access_token"])
    assert client.post("/account/password/request-code", headers=h).status_code == 409
    sin_codigo = client.post("/account/password", headers=h, json={
        "current_password": DEFAULT_PASSWORD, "new_password": NUEVA})
    assert sin_codigo.status_code == 422 and "otp_code" in sin_codigo.get_json()["details"]
    ok = client.post("/account/password", headers=h, json={
        "current_password": DEFAULT_PASSWORD, "new_password": NUEVA, "otp_code": totp(secreto, 1)})
    assert ok.status_code == 200, ok.get_json()
    assert client.post("/auth/refresh", headers=bearer(tokens["refresh_token"])).status_code == 401


@pytest.mark.parametrize(
    ("cuerpo", "campo"),
    [
        ({"current_password": "Mala-Clave-1", "new_password": NUEVA, "verification_code": "123456"},
         "current_password"),
        ({"current_password": DEFAULT_PASSWORD, "new_password": "debil", "verification_code": "123456"},
         "new_password"),
        ({"current_password": DEFAULT_PASSWORD, "new_password": NUEVA}, "verification_code"),
        ({"current_password": DEFAULT_PASSWORD, "new_password": NUEVA, "verification_code": "123456"},
         "verification_code"),
        ({"current_password": DEFAULT_PASSWORD, "new_password": NUEVA, "rol": "admin"}, "rol"),
    ],
)
def test_password_change_validation(client, sesion, cuerpo, campo):
    _, h = sesion
    response = client.post("/account/password", headers=h, json=cuerpo)
    assert response.status_code == 422
    assert campo in response.get_json()["details"]


def test_service_errors_are_typed(app, monkeypatch):
    servicio = ServicioCorreo({"MAIL_BACKEND": "smtp", "SMTP_SERVER": None})
    with pytest.raises(CorreoNoConfigurado):
        servicio.enviar("a@x.co", "Asunto", "codigo_password", {"nombre": "A", "codigo": "1", "minutos": 10})

    def falla(*args, **kwargs):
        raise smtplib.SMTPConnectError(421, "no")

    monkeypatch.setattr(smtplib, "SMTP", falla)
    monkeypatch.setitem(app.config, "SMTP_SERVER", "smtp.example.invalid")
    monkeypatch.setitem(app.config, "SMTP_PORT", 2525)
    monkeypatch.setitem(app.config, "MAIL_BACKEND", "smtp")
    with pytest.raises(CorreoError):
        enviar_correo("a@x.co", "Asunto", "password_cambiado", {"nombre": "A", "fecha": "hoy"})


@pytest.mark.parametrize(("puerto", "ssl_directo", "starttls"), [(465, True, False), (587, False, True),
                                                                 (2525, False, False)])
def test_transport_by_port(app, monkeypatch, puerto, ssl_directo, starttls):
    llamadas = []

    class Falso:
        def __init__(self, host, port, timeout=None, context=None):
            llamadas.append(("ssl" if context is not None else "plain", port))

        def __enter__(self):
            return self

        def __exit__(self, *a):
            return False

        def ehlo(self):
            pass

        def starttls(self, context=None):
            llamadas.append(("starttls", context is not None))

        def login(self, user, password):
            llamadas.append(("login", user))

        def send_message(self, msg):
            llamadas.append(("send", msg["To"]))

    monkeypatch.setattr(smtplib, "SMTP", Falso)
    monkeypatch.setattr(smtplib, "SMTP_SSL", Falso)
    config = dict(app.config) | {"MAIL_BACKEND": "smtp", "SMTP_SERVER": "mail.test", "SMTP_PORT": puerto,
                                 "SMTP_USERNAME": "u", "SMTP_PASSWORD": "p"}
    ServicioCorreo(config).enviar("a@x.co", "Asunto", "otp_activado", {"nombre": "A", "fecha": "hoy"})
    assert (("ssl", puerto) in llamadas) is ssl_directo
    assert (("starttls", True) in llamadas) is starttls
    assert ("login", "u") in llamadas and ("send", "a@x.co") in llamadas
