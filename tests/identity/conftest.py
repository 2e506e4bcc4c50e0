"""Identity fixtures: real logins, TOTP helpers, an in-process SMTP server, raw log capture."""

from __future__ import annotations

import email
import logging
import re
import time
from email import policy

import pyotp
import pytest

from tests.conftest import free_port
from tests.factories import DEFAULT_PASSWORD


def codigo_totp(secret: str, pasos: int = 0) -> str:
    """The TOTP code `pasos` steps from now (the server accepts -1..+1)."""
    return pyotp.TOTP(secret).at(time.time() + 30 * pasos)


@pytest.fixture
def totp():
    return codigo_totp


@pytest.fixture
def login(client):
    """`login(email, password)` -> the response of POST /auth/login."""

    def _login(email: str, password: str = DEFAULT_PASSWORD, **kw):
        return client.post("/auth/login", json={"email": email, "password": password}, **kw)

    return _login


@pytest.fixture
def bearer():
    def _bearer(token: str) -> dict:
        return {"Authorization": f"Bearer {token}"}

    return _bearer


@pytest.fixture
def usuario_2fa(make, client, login, bearer):
    """An active user with 2FA enabled through the real endpoints: (usuario, secret, backup_codes)."""

    def _crear(**kw):
        usuario = make.usuario(**kw)
        tokens = login(usuario.email).get_json()
        setup = client.post("/auth/otp/setup", headers=bearer(tokens["access_token"])).get_json()
        activado = client.post("/auth/otp/activate", headers=bearer(tokens["access_token"]),
                               json={"code": codigo_totp(setup["secret"], -1)})
        assert activado.status_code == 200, activado.get_json()
        return usuario, setup["secret"], activado.get_json()["backup_codes"]

    return _crear


class _Buzon:
    def __init__(self):
        self.mensajes: list[email.message.EmailMessage] = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd hook name
        self.mensajes.append(email.message_from_bytes(envelope.original_content or envelope.content,
                                                      policy=policy.default))
        return "250 OK"

    def ultimo_codigo(self) -> str:
        texto = self.mensajes[-1].get_body(("plain",)).get_content()
        return re.search(r"\b(\d{6})\b", texto).group(1)


@pytest.fixture
def smtp_server(app, monkeypatch):
    """A real SMTP server (aiosmtpd) on a free local port; the app is pointed at it (plain SMTP)."""
    from aiosmtpd.controller import Controller

    buzon = _Buzon()
    port = free_port()
    controller = Controller(buzon, hostname="127.0.0.1", port=port)
    controller.start()
    monkeypatch.setitem(app.config, "MAIL_BACKEND", "smtp")
    monkeypatch.setitem(app.config, "SMTP_SERVER", "127.0.0.1")
    monkeypatch.setitem(app.config, "SMTP_PORT", port)
    monkeypatch.setitem(app.config, "SMTP_USERNAME", None)
    monkeypatch.setitem(app.config, "SENDER_EMAIL", "seguridad@tratios.test")
    monkeypatch.setitem(app.config, "SENDER_NAME", "Tratios Seguridad")
    try:
        yield buzon
    finally:
        controller.stop()


class _Capturador(logging.Handler):
    """Keeps each message *before* the redaction filters of the real handlers run."""

    def __init__(self):
        super().__init__(level=logging.DEBUG)
        self.textos: list[str] = []

    def emit(self, record):
        if record.name.startswith("mail."):
            return  # the test SMTP server's own log, not the application's
        try:
            texto = record.getMessage()
        except Exception:  # noqa: BLE001
            texto = str(record.msg)
        if record.exc_info:
            texto += logging.Formatter().formatException(record.exc_info)
        self.textos.append(texto)


@pytest.fixture
def logs_crudos():
    """Every log message of the app (tratios.* and root), captured unredacted."""
    capturador = _Capturador()
    nombres = ["", "tratios", "tratios.access", "tratios.errors",
               *(f"tratios.{c}" for c in ("auth", "admin", "soporte", "api", "public"))]
    loggers = [logging.getLogger(n) for n in nombres]
    niveles = [lg.level for lg in loggers]
    for lg in loggers:
        lg.handlers.insert(0, capturador)
        if lg.level > logging.INFO or lg.level == logging.NOTSET:
            lg.setLevel(logging.INFO)
    yield capturador
    for lg, nivel in zip(loggers, niveles, strict=True):
        lg.removeHandler(capturador)
        lg.setLevel(nivel)
