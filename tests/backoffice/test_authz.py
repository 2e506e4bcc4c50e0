"""Every `/admin` rule, every method: no token -> 401, customer token -> 403 (parametrised over the
URL map, so routes added later by other modules are covered automatically)."""

from __future__ import annotations

import re

import pytest

from app import create_app
from config import TestConfig


def _admin_routes() -> list[tuple[str, str]]:
    application = create_app(TestConfig)
    rutas = set()
    for rule in application.url_map.iter_rules():
        if not (rule.rule == "/admin" or rule.rule.startswith("/admin/")):
            continue
        url = re.sub(r"<(?:[^>:]+:)?([^>]+)>", "1", rule.rule)
        for method in rule.methods - {"HEAD", "OPTIONS"}:
            rutas.add((method, url))
    return sorted(rutas)


ADMIN_ROUTES = _admin_routes()


def test_the_map_has_the_back_office_routes():
    urls = {url for _, url in ADMIN_ROUTES}
    for esperado in ("/admin/empresas", "/admin/usuarios/1/cambiar-password", "/admin/planes-servicios/resumen",
                     "/admin/suscripciones/1/descuento", "/admin/auditoria", "/admin/planes/1/servicios/1"):
        assert esperado in urls
    assert len(ADMIN_ROUTES) >= 35


def _call(client, method, url, headers=None):
    kwargs = {"headers": headers or {}}
    if method in {"POST", "PUT", "PATCH"}:
        kwargs["json"] = {}
    return client.open(url, method=method, **kwargs)


@pytest.mark.parametrize(("method", "url"), ADMIN_ROUTES, ids=[f"{m} {u}" for m, u in ADMIN_ROUTES])
def test_without_token_is_401(client, method, url):
    response = _call(client, method, url)
    assert response.status_code == 401, response.get_data(as_text=True)
    assert response.get_json()["error"]


@pytest.mark.parametrize(("method", "url"), ADMIN_ROUTES, ids=[f"{m} {u}" for m, u in ADMIN_ROUTES])
def test_customer_token_is_403(client, cliente, auth_headers, method, url):
    response = _call(client, method, url, auth_headers(cliente))
    assert response.status_code == 403, response.get_data(as_text=True)
    assert response.get_json()["error"] == "solo_admin"


def test_demoted_admin_is_refused_at_once(client, make, auth_headers, db):
    otro = make.usuario(rol="admin")
    headers = auth_headers(otro)  # token still says rol=admin
    assert client.get("/admin/empresas", headers=headers).status_code == 200
    otro.rol = "cliente"
    db.session.commit()
    assert client.get("/admin/empresas", headers=headers).status_code == 403


def test_deactivated_admin_is_refused(client, make, auth_headers, db):
    otro = make.usuario(rol="admin")
    headers = auth_headers(otro)
    otro.is_active = False
    db.session.commit()
    assert client.get("/admin/planes", headers=headers).status_code in (401, 403)


def test_every_admin_operation_is_documented_with_401_and_403(client):
    spec = client.get("/api/openapi.json").get_json()
    for path, operations in spec["paths"].items():
        if not path.startswith("/admin/"):
            continue
        for method, operation in operations.items():
            if method == "parameters":
                continue
            assert {"401", "403"} <= set(operation["responses"]), (method, path)


def test_every_admin_operation_has_a_summary(client):
    """`routes.crud` gives each declared view its summary: the document keeps one per operation."""
    spec = client.get("/api/openapi.json").get_json()
    sin_resumen = [(method, path) for path, operations in spec["paths"].items() if path.startswith("/admin/")
                   for method, operation in operations.items()
                   if method != "parameters" and not operation.get("summary")]
    assert sin_resumen == []


def test_a_write_logs_one_line_once_committed(client, ah, caplog):
    with caplog.at_level("INFO", logger="tratios.admin"):
        empresa = client.post("/admin/empresas", headers=ah, json={"nit": "900123456-8", "nombre": "Uno"}).get_json()
        client.post("/admin/empresas", headers=ah, json={"nit": "900123456-8", "nombre": "Otra"})  # 409: no line
    lineas = [r.getMessage() for r in caplog.records if r.name == "tratios.admin"]
    assert lineas == [f"crear /admin/empresas/{empresa['id']}"]
