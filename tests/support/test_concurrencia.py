"""The race test: several gunicorn worker processes, 20 simultaneous creations, one slot left."""

from __future__ import annotations

import json
import threading
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest

from database.db import db
from models import SoporteSuscripcion, SoporteTicket
from tests.conftest import requires_mysql

N = 20


def _post(url: str, headers: dict, body: dict, barrera: threading.Barrier) -> tuple[int, dict]:
    data = json.dumps(body).encode()
    request = urllib.request.Request(url, data=data, method="POST",  # noqa: S310 - local test server
                                     headers={**headers, "Content-Type": "application/json"})
    barrera.wait()
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read())


@requires_mysql
@pytest.mark.slow
def test_veinte_creaciones_simultaneas_un_cupo(gunicorn_server, contrato, app):
    c = contrato("por_tickets", tipo_kw={"max_tickets": 5}, tickets_consumidos=4)
    base = gunicorn_server(workers=4)
    url = base + "/api/internal/support/create_tickets"
    headers = {"X-API-Key": app.config["SAAS_API_KEY"], "X-Empresa-Id": str(c.empresa_id)}
    barrera = threading.Barrier(N)
    with ThreadPoolExecutor(max_workers=N) as pool:
        futuros = [pool.submit(_post, url, headers, {"titulo": f"T{i}", "descripcion": "carrera", "prioridad": "alta"},
                               barrera) for i in range(N)]
        resultados = [f.result() for f in futuros]
    codigos = sorted(code for code, _ in resultados)
    assert codigos.count(201) == 1, codigos
    assert codigos.count(409) == N - 1, codigos
    assert all(body["error"] == "cupo_agotado" for code, body in resultados if code == 409)
    db.session.rollback()  # leave the REPEATABLE READ snapshot taken before the requests
    assert db.session.get(SoporteSuscripcion, c.id).tickets_consumidos == 5
    assert db.session.query(SoporteTicket).filter_by(empresa_id=c.empresa_id).count() == 1


@requires_mysql
@pytest.mark.slow
def test_carrera_con_varios_cupos(gunicorn_server, contrato, app):
    """With 3 slots left, exactly 3 of 20 simultaneous creations succeed."""
    c = contrato("por_tickets", tipo_kw={"max_tickets": 3})
    base = gunicorn_server(workers=4)
    headers = {"X-API-Key": app.config["SAAS_API_KEY"], "X-Empresa-Id": str(c.empresa_id)}
    barrera = threading.Barrier(N)
    with ThreadPoolExecutor(max_workers=N) as pool:
        futuros = [pool.submit(_post, base + "/api/internal/support/create_tickets", headers,
                               {"titulo": "T", "descripcion": "carrera", "prioridad": "media"}, barrera)
                   for _ in range(N)]
        codigos = sorted(f.result()[0] for f in futuros)
    assert codigos.count(201) == 3 and codigos.count(409) == N - 3, codigos
    db.session.rollback()  # leave the REPEATABLE READ snapshot taken before the requests
    assert db.session.get(SoporteSuscripcion, c.id).tickets_consumidos == 3
