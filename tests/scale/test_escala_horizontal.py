"""Scale-out: two gunicorn instances (two "hosts") on two ports share MariaDB and Redis.

Requests alternate between both instances (each with several worker processes). What one instance
learns must hold on the other: the support quota, the login lockout, the location rate limit and
token revocation. Needs TEST_DATABASE_URL on MariaDB/MySQL and Redis at REDIS_TEST_URL
(default redis://127.0.0.1:6379/13, a database used only by this test and emptied at its start).
"""

from __future__ import annotations

import json
import os
import threading
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest

from database.db import db
from models import SoporteSuscripcion, SoporteTicket
from tests.conftest import requires_mysql

REDIS_URL = os.environ.get("REDIS_TEST_URL_SCALE", "redis://127.0.0.1:6379/13")
LIMITE_UBICACION = 9


def _redis_o_saltar() -> str:
    try:
        import redis

        cliente = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1)
        cliente.ping()
        cliente.flushdb()  # this test's own database number: no limits left over from an earlier run
    except Exception as exc:  # noqa: BLE001 - any failure means "no Redis here"
        pytest.skip(f"Redis no disponible en {REDIS_URL}: {exc}")
    return REDIS_URL


def http(method: str, url: str, body: dict | None = None, headers: dict | None = None,
         barrera: threading.Barrier | None = None) -> tuple[int, dict, dict]:
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(url, data=data, method=method,  # noqa: S310 - local test servers
                                     headers={"Content-Type": "application/json", **(headers or {})})
    if barrera is not None:
        barrera.wait()
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
            return response.status, json.loads(response.read() or b"{}"), dict(response.headers)
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read() or b"{}"), dict(exc.headers)


@pytest.fixture
def dos_hosts(gunicorn_server):
    """Two independent gunicorn instances (2 workers each) on the same database and Redis."""
    redis_url = _redis_o_saltar()
    env = {
        "RATELIMIT_STORAGE_URI": redis_url,
        "LOCATION_RATE_LIMIT_REQUESTS": str(LIMITE_UBICACION),
        "LOCATION_RATE_LIMIT_WINDOW": "600",
    }
    return gunicorn_server(workers=2, env=env), gunicorn_server(workers=2, env=env)


@pytest.fixture
def contrato_por_tickets(make):
    def _crear(max_tickets: int):
        empresa = make.empresa()
        suscripcion = make.suscripcion(empresa, make.plan())
        tipo = make.soporte_tipo("por_tickets", max_tickets=max_tickets)
        return make.soporte_suscripcion(suscripcion, tipo)

    return _crear


@requires_mysql
@pytest.mark.slow
def test_estado_compartido_entre_dos_instancias(dos_hosts, make, app, contrato_por_tickets):
    a, b = dos_hosts
    hosts = [a, b]

    # 1. Support quota: 3 slots, 24 simultaneous creations spread over both instances -> exactly 3.
    contrato = contrato_por_tickets(3)
    headers = {"X-API-Key": app.config["SAAS_API_KEY"], "X-Empresa-Id": str(contrato.empresa_id)}
    barrera = threading.Barrier(24)
    with ThreadPoolExecutor(max_workers=24) as pool:
        futuros = [pool.submit(http, "POST", hosts[i % 2] + "/api/internal/support/create_tickets",
                               {"titulo": f"T{i}", "descripcion": "escala", "prioridad": "media"}, headers, barrera)
                   for i in range(24)]
        codigos = sorted(f.result()[0] for f in futuros)
    assert codigos.count(201) == 3 and codigos.count(409) == 21, codigos
    db.session.rollback()  # a fresh snapshot after the requests (REPEATABLE READ)
    assert db.session.get(SoporteSuscripcion, contrato.id).tickets_consumidos == 3
    assert db.session.query(SoporteTicket).filter_by(empresa_id=contrato.empresa_id).count() == 3

    # 2. Login lockout: 5 failures alternating between instances lock the account on both.
    make.usuario(email="bloqueo@escala.co")
    fallos = [http("POST", hosts[i % 2] + "/auth/login", {"email": "bloqueo@escala.co", "password": "Mala-Clave-1"})[0]
              for i in range(5)]
    assert fallos == [401] * 5
    for host in hosts:
        code, body, cabeceras = http("POST", host + "/auth/login",
                                     {"email": "bloqueo@escala.co", "password": "Clave-Segura-123"})
        assert code == 429, body
        assert int(cabeceras["Retry-After"]) >= 1

    # 3. Location rate limit per IP, counted in Redis: the budget is shared by both instances.
    codigos = [http("GET", hosts[i % 2] + "/public/location/countries?q=co")[0] for i in range(LIMITE_UBICACION + 4)]
    assert codigos.count(200) == LIMITE_UBICACION and codigos.count(429) == 4, codigos
    assert codigos[LIMITE_UBICACION:] == [429] * 4

    # 4. Revocation: a logout on A is refused on B (access and refresh token).
    make.usuario(email="sesion@escala.co")
    code, sesion, _ = http("POST", a + "/auth/login", {"email": "sesion@escala.co", "password": "Clave-Segura-123"})
    assert code == 200, sesion
    access = {"Authorization": f"Bearer {sesion['access_token']}"}
    refresh = {"Authorization": f"Bearer {sesion['refresh_token']}"}
    assert http("GET", b + "/account/profile", headers=access)[0] == 200
    # Refresh rotation on B; the old refresh token replayed on A is refused.
    code, rotados, _ = http("POST", b + "/auth/refresh", headers=refresh)
    assert code == 200, rotados
    assert http("POST", a + "/auth/refresh", headers=refresh)[0] == 401
    # ...and that replay revoked the whole session on both instances.
    nuevo = {"Authorization": f"Bearer {rotados['access_token']}"}
    assert http("GET", b + "/account/profile", headers=nuevo)[0] == 401

    code, sesion, _ = http("POST", b + "/auth/login", {"email": "sesion@escala.co", "password": "Clave-Segura-123"})
    access = {"Authorization": f"Bearer {sesion['access_token']}"}
    assert http("GET", a + "/account/profile", headers=access)[0] == 200
    assert http("POST", a + "/auth/logout", {"refresh_token": sesion["refresh_token"]}, headers=access)[0] == 200
    code, body, _ = http("GET", b + "/account/profile", headers=access)
    assert code == 401 and body["error"] == "token_revocado", body
    refresh = {"Authorization": f"Bearer {sesion['refresh_token']}"}
    assert http("POST", b + "/auth/refresh", headers=refresh)[0] == 401
