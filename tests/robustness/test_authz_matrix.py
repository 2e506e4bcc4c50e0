"""Authorization matrix generated from `app.url_map`: every route x every role -> the expected status.

Roles: anonymous, customer of company A, customer of company B, admin, API key with X-Empresa-Id A and a
wrong API key. Each route is classified by its URL prefix in `CLASES`; a route under a prefix the table
does not know fails the test, so a new route cannot escape the matrix. Tenant-scoped object routes are
also tried with the other tenant's ids (404, never the object).
"""

from __future__ import annotations

import io
import re

import pytest

from app import create_app
from config import TestConfig

# (prefix, class). First match wins: more specific prefixes first.
CLASES: list[tuple[str, str]] = [
    ("/health", "publica"),
    ("/public/", "publica"),
    ("/api/openapi.json", "publica"),
    ("/api/docs", "publica"),
    ("/api/planes", "publica"),
    ("/auth/registro", "publica"),
    ("/auth/login", "publica"),
    ("/auth/refresh", "refresh"),
    ("/auth/logout", "jwt"),
    ("/auth/otp/", "jwt"),
    ("/account/", "jwt_empresa"),
    ("/api/verificar-licencia", "jwt"),
    ("/api/internal/support/health", "api_key"),
    ("/api/internal/support/", "api_key_empresa"),
    ("/api/suscripcion-activa/", "api_key"),
    ("/api/licencia-firmada/", "api_key"),
    ("/api/licencia/jwks.json", "publica"),
    ("/api/verificar-servicios-activos", "api_key"),
    ("/admin/", "admin"),
]
# Not part of the API: the SPA's catch-all and Flask's static route.
FUERA = {"static", "spa.catch_all"}
METODOS = ("GET", "POST", "PUT", "PATCH", "DELETE")
ROLES = ("anonimo", "cliente_a", "cliente_b", "admin", "api_key_a", "api_key_mala")
# Path parameters naming objects that belong to one company: tried with the other company's ids.
DEL_TENANT = {"ticket_id", "suscripcion_id", "filename", "contrato_id", "pago_id"}
_PARAM = re.compile(r"<(?:[^:<>]+:)?([^<>]+)>")


def clase(rule: str) -> str | None:
    for prefix, nombre in CLASES:
        if rule == prefix.rstrip("/") or rule.startswith(prefix):
            return nombre
    return None


def _rutas() -> list:
    app = create_app(TestConfig)
    params = []
    for rule in app.url_map.iter_rules():
        if rule.endpoint in FUERA or rule.endpoint.startswith("swagger_ui"):
            continue
        for method in sorted(set(rule.methods) & set(METODOS)):
            params.append(pytest.param(method, rule.rule, id=f"{method} {rule.rule}"))
    return params


RUTAS = _rutas()


def url(rule: str, ids: dict) -> str:
    def valor(match):
        nombre = match.group(1)
        assert nombre in ids, f"parámetro de ruta sin valor de prueba: {nombre} (añádalo a World.ids)"
        return str(ids[nombre])

    return _PARAM.sub(valor, rule)


def esperado(clase_ruta: str, rol: str) -> set[int] | None:
    """Statuses allowed for a role; None = 'admitted' (any answer that is neither 401/403 nor 5xx)."""
    jwt_roles = {"cliente_a", "cliente_b", "admin"}
    if clase_ruta == "publica":
        return None
    if clase_ruta == "admin":
        if rol == "admin":
            return None
        return {403} if rol in {"cliente_a", "cliente_b"} else {401}
    if clase_ruta in {"jwt", "jwt_empresa"}:
        return None if rol in jwt_roles else {401}
    if clase_ruta == "refresh":
        # An access token is not a refresh token.
        return {401, 422}
    if clase_ruta in {"api_key", "api_key_empresa"}:
        return None if rol == "api_key_a" else {401}
    raise AssertionError(clase_ruta)


# Query strings a legitimate GET needs.
QUERY = {"/admin/soporte-tickets/disponibilidad": lambda ids: {"empresa_id": ids["empresa_id"]}}
# Valid bodies for the tenant-scoped writes, so the cross-tenant probe gets past validation to the lookup.
CUERPOS = {
    "comentarios": lambda: {"json": {"contenido": "Comentario de prueba"}},
    "subscriptions": lambda: {"json": {"renovacion_automatica": True}},
    "suscripciones": lambda: {"json": {"renovacion_automatica": True}},
    "archivos": lambda: {"data": {"archivo": (io.BytesIO(b"hola"), "nota.txt")}, "content_type": "multipart/form-data"},
    "upload": lambda: {"data": {"archivo": (io.BytesIO(b"hola"), "nota.txt")}, "content_type": "multipart/form-data"},
}


def _call(client, method: str, rule: str, ids: dict, headers: dict, valido: bool = False):
    kwargs = {"json": {}} if method in {"POST", "PUT", "PATCH"} else {}
    if valido and method != "GET":
        ultimo = [parte for parte in rule.split("/") if parte and not parte.startswith("<")][-1]
        if ultimo in CUERPOS:
            kwargs = CUERPOS[ultimo]()
    if rule in QUERY:
        kwargs["query_string"] = QUERY[rule](ids)
    return client.open(url(rule, ids), method=method, headers=headers, **kwargs)


def _ids_de(world, rol: str) -> dict:
    base = dict(world.a.ids)
    base.update(iso2="CO", servicio_id=world.servicio.id)
    if rol == "cliente_b":
        base.update(world.b.ids)
    return base


@pytest.mark.parametrize(("method", "rule"), RUTAS)
def test_matriz_de_autorizacion(client, world, method, rule):
    clase_ruta = clase(rule)
    assert clase_ruta, f"{rule} no está en CLASES: clasifique la ruta nueva (pública, jwt, admin, api_key...)"
    roles = world.roles()
    # The admin goes last: its writes (DELETE ...) may remove the objects the others are tried on.
    for rol in ("anonimo", "api_key_mala", "cliente_b", "api_key_a", "cliente_a", "admin"):
        headers = _headers(world, rol, roles[rol])
        response = _call(client, method, rule, _ids_de(world, rol), headers)
        permitido = esperado(clase_ruta, rol)
        cuerpo = response.get_json(silent=True)
        assert response.status_code < 500, f"{method} {rule} como {rol}: {response.status_code} {cuerpo}"
        if rule.startswith("/api/docs"):
            continue
        descarga = response.status_code == 200 and rule.endswith("<string:filename>")
        assert response.is_json or descarga, f"{method} {rule} como {rol}: respuesta no JSON"
        if permitido is None:
            assert response.status_code not in {401, 403} or (rol == "admin" and clase_ruta == "jwt_empresa"), (
                f"{method} {rule} como {rol}: {response.status_code} {cuerpo}"
            )
            if method == "GET" and rol in {"cliente_a", "api_key_a"} and clase_ruta != "publica":
                assert response.status_code == 200, f"{method} {rule} como {rol}: {response.status_code} {cuerpo}"
            if method == "GET" and rol == "admin" and clase_ruta == "admin":
                assert response.status_code == 200, f"{method} {rule} como admin: {response.status_code} {cuerpo}"
        else:
            assert response.status_code in permitido, (
                f"{method} {rule} como {rol}: {response.status_code} (esperado {sorted(permitido)}) {cuerpo}"
            )
            if response.status_code in {401, 403}:
                assert set(cuerpo) >= {"error", "message"}


def _headers(world, rol: str, headers: dict) -> dict:
    """Fresh tokens for the JWT roles (an earlier logout in the same test revokes the fixture's)."""
    from services.auth_tokens import issue_tokens

    usuario = {"cliente_a": world.a.usuario, "cliente_b": world.b.usuario, "admin": world.admin}.get(rol)
    if usuario is None:
        return headers
    return {"Authorization": f"Bearer {issue_tokens(usuario)['access_token']}"}


TENANT_RUTAS = [p for p in RUTAS if clase(p.values[1]) in {"jwt_empresa", "api_key_empresa"}
                and DEL_TENANT & set(_PARAM.findall(p.values[1]))]


@pytest.mark.parametrize(("method", "rule"), TENANT_RUTAS)
def test_objetos_de_otra_empresa_son_404(client, world, method, rule):
    """Customer of A and the API key of A, with B's ids (and B's customer with A's ids): 404."""
    intentos = [
        ("cliente_a", world.b.ids),
        ("cliente_b", world.a.ids),
    ]
    if clase(rule) == "api_key_empresa":
        intentos = [("api_key_a", world.b.ids)]
    for rol, ids_ajenos in intentos:
        headers = _headers(world, rol, world.roles()[rol])
        response = _call(client, method, rule, ids_ajenos, headers, valido=True)
        assert response.status_code == 404, (
            f"{method} {rule} como {rol} con ids de la otra empresa: {response.status_code} "
            f"{response.get_data(as_text=True)[:300]}"
        )
        assert response.get_json()["error"]


def test_la_matriz_cubre_todas_las_rutas():
    """Counts for the docs, and a guard: every API rule of the URL map is in the matrix."""
    app = create_app(TestConfig)
    reglas = {r.rule for r in app.url_map.iter_rules() if r.endpoint not in FUERA}
    cubiertas = {p.values[1] for p in RUTAS}
    assert reglas - cubiertas <= {"/api/docs/", "/api/docs/<path:path>"}
    assert all(clase(p.values[1]) for p in RUTAS)
    assert len(RUTAS) * len(ROLES) >= 600
    assert len(TENANT_RUTAS) >= 10
