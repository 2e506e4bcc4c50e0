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
from models import ContadorAcceso, Dispositivo, LogAcceso
from services import intentos
from tests.conftest import requires_mysql
from tests.factories import DEFAULT_PASSWORD

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


# --- known devices (issue 14, finding 3): a lockout caused by others does not stop a known client -------

def _desde(ip: str, token: str | None = None) -> dict:
    kw = {"environ_base": {"REMOTE_ADDR": ip}}
    if token:
        kw["headers"] = {"X-Dispositivo": token}
    return kw


def test_un_dispositivo_conocido_entra_aunque_otros_bloqueen_la_cuenta(make, login):
    make.usuario(email="ana@x.co")
    make.usuario(email="eva@x.co")
    legitimo = login("ana@x.co", **_desde("10.0.0.1"))
    assert legitimo.status_code == 200
    token = legitimo.get_json()["dispositivo_token"]
    assert len(token) >= 32
    # Only the digest is stored, bound to the user.
    guardados = db.session.execute(sa.select(Dispositivo)).scalars().all()
    assert [d.digest for d in guardados] != [token] and token not in str([d.digest for d in guardados])

    # The attacker locks the account from five IPs (per-account lockout, no IP lockout).
    for n in range(5):
        assert login("ana@x.co", MALA, **_desde(f"10.6.6.{n}")).status_code == 401
    assert login("ana@x.co", MALA, **_desde("10.6.6.10")).status_code == 429
    assert login("ana@x.co", **_desde("10.6.6.11")).status_code == 429

    # The legitimate client with its device token still signs in, and keeps its token.
    otra_vez = login("ana@x.co", **_desde("10.0.0.1", token))
    assert otra_vez.status_code == 200, otra_vez.get_json()
    assert otra_vez.get_json()["dispositivo_token"] == token
    # ... without lifting the attacker's lockout, even with the right password or a made-up token.
    assert login("ana@x.co", MALA, **_desde("10.6.6.12")).status_code == 429
    assert login("ana@x.co", **_desde("10.6.6.13", "x" * 43)).status_code == 429
    # A token handed to another account is no key to this one.
    de_eva = login("eva@x.co", **_desde("10.0.0.2")).get_json()["dispositivo_token"]
    assert login("ana@x.co", **_desde("10.6.6.14", de_eva)).status_code == 429


def test_el_dispositivo_tiene_su_propio_contador(make, login):
    make.usuario(email="ana@x.co")
    token = login("ana@x.co").get_json()["dispositivo_token"]
    for _ in range(5):
        assert login("ana@x.co", MALA, **_desde("10.0.0.1", token)).status_code == 401
    assert login("ana@x.co", **_desde("10.0.0.1", token)).status_code == 429
    # The device's failures did not lock the account for the user's other clients.
    assert login("ana@x.co", **_desde("10.0.0.2")).status_code == 200


def test_el_inicio_con_2fa_tambien_entrega_el_token_de_dispositivo(client, usuario_2fa, login, totp):
    usuario, secreto, _ = usuario_2fa()
    reto = login(usuario.email).get_json()["challenge_token"]
    respuesta = client.post("/auth/login/otp", json={"challenge_token": reto, "code": totp(secreto, 1)})
    assert respuesta.status_code == 200
    token = respuesta.get_json()["dispositivo_token"]
    for n in range(5):
        login(usuario.email, MALA, **_desde(f"10.6.6.{n}"))
    assert login(usuario.email, **_desde("10.6.6.9")).status_code == 429
    otra = login(usuario.email, **_desde("10.0.0.1", token))
    assert otra.status_code == 202 and "challenge_token" in otra.get_json()


def _post_desde(url: str, body: dict, ip: str, token: str | None = None) -> tuple[int, dict]:
    cabeceras = {"Content-Type": "application/json", "X-Forwarded-For": ip}
    if token:
        cabeceras["X-Dispositivo"] = token
    request = urllib.request.Request(url, data=json.dumps(body).encode(), method="POST",  # noqa: S310
                                     headers=cabeceras)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 - local test server
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, {}


def test_dispositivo_conocido_con_varios_procesos(make, gunicorn_server):
    """Several gunicorn workers (SQLite file, or MariaDB with TEST_DATABASE_URL): the same guarantee."""
    make.usuario(email="ana@x.co")
    base = gunicorn_server(workers=4, env={"PROXY_FIX_HOPS": "1"})
    url = base + "/auth/login"
    bien = {"email": "ana@x.co", "password": DEFAULT_PASSWORD}
    estado, cuerpo = _post_desde(url, bien, "10.0.0.1")
    assert estado == 200
    token = cuerpo["dispositivo_token"]
    with ThreadPoolExecutor(max_workers=10) as pool:
        codigos = list(pool.map(lambda n: _post_desde(url, {"email": "ana@x.co", "password": MALA},
                                                      f"10.6.6.{n}")[0], range(10)))
    assert codigos.count(401) == 5 and codigos.count(429) == 5, codigos
    assert _post_desde(url, bien, "10.6.6.20")[0] == 429
    assert _post_desde(url, bien, "10.0.0.1", token)[0] == 200
    assert _post_desde(url, bien, "10.6.6.21")[0] == 429
