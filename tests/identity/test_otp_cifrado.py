"""TOTP secrets are encrypted at rest (Fernet, OTP_CIFRADO_CLAVES) and the key can be rotated."""

from __future__ import annotations

import os
import stat

import pytest
import sqlalchemy as sa
from alembic import command
from cryptography.fernet import Fernet, MultiFernet

import config as config_module
from config import Config, ConfigError
from database.db import db
from models import Usuario
from tests.identity.conftest import codigo_totp


def _crudo(usuario_id: int) -> str | None:
    """The column as stored, with a plain SQL SELECT (no ORM type in between)."""
    return db.session.execute(sa.text("SELECT otp_secret FROM usuarios WHERE id = :id"),
                              {"id": usuario_id}).scalar_one()


def _fernet(app, claves: str | None = None) -> MultiFernet:
    valor = claves or app.config["OTP_CIFRADO_CLAVES"]
    return MultiFernet([Fernet(c.strip().encode()) for c in valor.split(",")])


def _login_totp(client, login, email: str, secreto: str, pasos: int):
    reto = login(email).get_json()["challenge_token"]
    return client.post("/auth/login/otp", json={"challenge_token": reto, "code": codigo_totp(secreto, pasos)})


def test_secret_is_not_stored_in_clear_and_login_still_works(app, client, usuario_2fa, login):
    usuario, secreto, _ = usuario_2fa()
    crudo = _crudo(usuario.id)
    assert crudo and secreto not in crudo and crudo != secreto
    assert _fernet(app).decrypt(crudo.encode()).decode() == secreto
    # Nothing else in the database holds the secret either.
    filas = db.session.execute(sa.text("SELECT * FROM usuarios")).all()
    assert not any(secreto in str(valor) for fila in filas for valor in fila)
    db.session.expire_all()
    assert db.session.get(Usuario, usuario.id).otp_secret == secreto
    assert _login_totp(client, login, usuario.email, secreto, 1).status_code == 200


def test_registration_with_2fa_stores_the_secret_encrypted(app, client):
    body = client.post("/auth/registro", json={"nombre": "Ana", "email": "cifrado@cliente.co",
                                               "password": "Tratios-Caballo-Bateria-2026",
                                               "activar_otp": True}).get_json()
    crudo = _crudo(body["usuario"]["id"])
    assert crudo != body["otp"]["secret"]
    assert _fernet(app).decrypt(crudo.encode()).decode() == body["otp"]["secret"]


def test_rotation_reencrypts_with_the_first_key(app, client, runner, usuario_2fa, login, monkeypatch):
    usuario, secreto, _ = usuario_2fa()
    vieja = app.config["OTP_CIFRADO_CLAVES"]
    nueva = Fernet.generate_key().decode()
    monkeypatch.setitem(app.config, "OTP_CIFRADO_CLAVES", f"{nueva},{vieja}")
    antes = _crudo(usuario.id)

    result = runner.invoke(args=["otp", "rotar-clave"])
    assert result.exit_code == 0, result.output
    assert "1" in result.output

    despues = _crudo(usuario.id)
    assert despues != antes
    assert Fernet(nueva.encode()).decrypt(despues.encode()).decode() == secreto
    # The old key can be dropped now: login with TOTP still works with only the new one.
    monkeypatch.setitem(app.config, "OTP_CIFRADO_CLAVES", nueva)
    db.session.expire_all()
    assert _login_totp(client, login, usuario.email, secreto, 1).status_code == 200


def test_unreadable_secret_fails_closed_not_500(app, client, usuario_2fa, login, monkeypatch):
    usuario, secreto, _ = usuario_2fa()
    monkeypatch.setitem(app.config, "OTP_CIFRADO_CLAVES", Fernet.generate_key().decode())  # old key dropped
    db.session.expire_all()
    response = _login_totp(client, login, usuario.email, secreto, 1)
    assert response.status_code == 401 and response.get_json()["error"] == "codigo_invalido"


def test_rotation_reports_secrets_no_key_opens(app, runner, usuario_2fa, monkeypatch):
    usuario_2fa()
    monkeypatch.setitem(app.config, "OTP_CIFRADO_CLAVES", Fernet.generate_key().decode())
    result = runner.invoke(args=["otp", "rotar-clave"])
    assert result.exit_code == 1
    assert "ninguna clave" in result.output


def test_production_requires_the_key(monkeypatch):
    class Prod(Config):
        APP_ENV = "production"
        SECRET_KEY = "s" * 40
        JWT_SECRET_KEY = "j" * 40
        OTP_CIFRADO_CLAVES = None

    with pytest.raises(ConfigError, match="OTP_CIFRADO_CLAVES"):
        Prod.finalize({k: getattr(Prod, k) for k in dir(Prod) if k.isupper()})
    with pytest.raises(ConfigError, match="OTP_CIFRADO_CLAVES"):
        Prod.finalize({**{k: getattr(Prod, k) for k in dir(Prod) if k.isupper()}, "OTP_CIFRADO_CLAVES": "no-es-fernet"})


def test_development_generates_the_key_once_0600(tmp_path, monkeypatch):
    monkeypatch.setattr(config_module, "INSTANCE_DIR", tmp_path)
    base = {k: getattr(Config, k) for k in dir(Config) if k.isupper()} | {
        "APP_ENV": "development", "OTP_CIFRADO_CLAVES": None, "SQLALCHEMY_DATABASE_URI": "sqlite://"}
    primera, segunda = dict(base), dict(base)
    Config.finalize(primera)
    Config.finalize(segunda)
    assert primera["OTP_CIFRADO_CLAVES"] == segunda["OTP_CIFRADO_CLAVES"]
    Fernet(primera["OTP_CIFRADO_CLAVES"].encode())
    archivo = tmp_path / "otp_cifrado_claves"
    assert stat.S_IMODE(os.stat(archivo).st_mode) == 0o600


@pytest.fixture
def app_migracion(test_config, tmp_path):
    """An app on an empty database of its own (SQLite file, or `<db>_mig7` on MariaDB)."""
    from app import create_app
    from tests.conftest import url_base_vacia

    url = url_base_vacia(tmp_path, "mig7")

    class _Config(test_config):
        SQLALCHEMY_DATABASE_URI = url

    application = create_app(_Config)
    with application.app_context():
        yield application
        db.session.remove()
        db.engine.dispose()


def test_migration_0007_encrypts_existing_secrets_and_downgrade_decrypts(app_migracion):
    from tests.test_migrations import alembic_config

    cfg = alembic_config()
    command.upgrade(cfg, "0006")
    secreto = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
    with db.engine.begin() as conn:
        conn.execute(sa.text(
            "INSERT INTO usuarios (nombre, email, password_hash, rol, is_active, pendiente_activacion, otp_secret, "
            "otp_enabled, created_at, updated_at) VALUES ('A', 'a@x.co', 'h', 'cliente', 1, 0, :s, 1, "
            "'2026-01-01 00:00:00', '2026-01-01 00:00:00')"), {"s": secreto})

    def crudo() -> str:
        with db.engine.connect() as conn:
            return conn.execute(sa.text("SELECT otp_secret FROM usuarios")).scalar_one()

    command.upgrade(cfg, "0007")
    cifrado = crudo()
    assert cifrado != secreto and _fernet(app_migracion).decrypt(cifrado.encode()).decode() == secreto
    command.downgrade(cfg, "0006")
    assert crudo() == secreto
    command.upgrade(cfg, "head")
    db.session.expire_all()
    assert db.session.execute(sa.select(Usuario.otp_secret)).scalar_one() == secreto
