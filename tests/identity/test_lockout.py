"""Brute-force protection: per account and per IP, in the database, exact under concurrency."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

from database.db import db
from models import ContadorAcceso, LogAcceso
from services import intentos
from tests.conftest import requires_mysql

MALA = "Mala-Clave-123"


def _expirar_bloqueo(clave: str) -> None:
    db.session.execute(sa.update(ContadorAcceso).where(ContadorAcceso.clave == clave)
                       .values(bloqueado_hasta=datetime.now(UTC) - timedelta(seconds=1)))
    db.session.commit()


def test_five_failures_lock_60s_same_body_for_unknown(make, login):
    make.usuario(email="ana@x.co")
    cuerpos = {}
    for email in ("ana@x.co", "nadie@x.co"):
        for _ in range(5):
            assert login(email, MALA).status_code == 401
        bloqueado = login(email, MALA)
        assert bloqueado.status_code == 429
        assert 55 <= int(bloqueado.headers["Retry-After"]) <= 60
        cuerpos[email] = bloqueado.get_json()
    assert cuerpos["ana@x.co"] == cuerpos["nadie@x.co"]
    # Even the right password waits while locked.
    assert login("ana@x.co").status_code == 429
    tipos = db.session.execute(sa.select(LogAcceso.tipo)).scalars().all()
    assert "cuenta_bloqueada" in tipos and "intento_bloqueado" in tipos


def test_wait_doubles_up_to_15_minutes(app, make, login, monkeypatch):
    monkeypatch.setitem(app.config, "LOGIN_IP_MAX_FALLOS", 1000)
    make.usuario(email="ana@x.co")
    clave = intentos.clave_cuenta("ana@x.co")
    esperas = []
    for _ in range(6):
        for _ in range(5):
            assert login("ana@x.co", MALA).status_code == 401
        respuesta = login("ana@x.co", MALA)
        assert respuesta.status_code == 429
        esperas.append(int(respuesta.headers["Retry-After"]))
        _expirar_bloqueo(clave)
    assert [round(e / 60) * 60 for e in esperas] == [60, 120, 240, 480, 900, 900]


def test_success_resets_the_account_counter(make, login):
    make.usuario(email="ana@x.co")
    for _ in range(4):
        login("ana@x.co", MALA)
    assert login("ana@x.co").status_code == 200
    for _ in range(4):
        assert login("ana@x.co", MALA).status_code == 401
    assert login("ana@x.co").status_code == 200


def test_ip_counter_stops_spraying_many_accounts(app, login, monkeypatch):
    monkeypatch.setitem(app.config, "LOGIN_IP_MAX_FALLOS", 8)
    for n in range(8):
        assert login(f"victima{n}@x.co", MALA).status_code == 401
    respuesta = login("otra@x.co", MALA)
    assert respuesta.status_code == 429 and "Retry-After" in respuesta.headers
    # Another client IP is not affected.
    assert login("otra@x.co", MALA, environ_base={"REMOTE_ADDR": "10.0.0.9"}).status_code == 401


def test_parallel_wrong_attempts_get_exactly_five_checks_threads(make, app):
    """SQLite-safe variant: 20 threads against the in-process app."""
    make.usuario(email="ana@x.co")

    def intento(_):
        with app.test_client() as c:
            return c.post("/auth/login", json={"email": "ana@x.co", "password": MALA}).status_code

    with ThreadPoolExecutor(max_workers=8) as pool:
        codigos = list(pool.map(intento, range(20)))
    assert codigos.count(401) == 5, codigos
    assert codigos.count(429) == 15, codigos


def _post(url: str, body: dict) -> int:
    request = urllib.request.Request(url, data=json.dumps(body).encode(), method="POST",  # noqa: S310
                                     headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 - local test server
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


@requires_mysql
def test_lockout_holds_under_20_parallel_attempts_multiprocess_mariadb(make, gunicorn_server):
    make.usuario(email="ana@x.co")
    base = gunicorn_server(workers=4)
    with ThreadPoolExecutor(max_workers=20) as pool:
        codigos = list(pool.map(lambda _: _post(base + "/auth/login", {"email": "ana@x.co", "password": MALA}),
                                range(20)))
    assert codigos.count(401) == 5, codigos
    assert codigos.count(429) == 15, codigos
    # The right password is refused too while locked.
    assert _post(base + "/auth/login", {"email": "ana@x.co", "password": "Clave-Segura-123"}) == 429


@pytest.mark.parametrize("workers", [4])
def test_lockout_multiprocess_sqlite_file(make, gunicorn_server, database_url, workers):
    if not database_url.startswith("sqlite:///"):
        pytest.skip("variante SQLite (con MariaDB corre la prueba requires_mysql)")
    make.usuario(email="ana@x.co")
    base = gunicorn_server(workers=workers)
    with ThreadPoolExecutor(max_workers=20) as pool:
        codigos = list(pool.map(lambda _: _post(base + "/auth/login", {"email": "ana@x.co", "password": MALA}),
                                range(20)))
    assert codigos.count(401) == 5, codigos
    assert codigos.count(429) == 15, codigos
