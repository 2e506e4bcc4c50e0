"""Instance API keys: shown once, digest only in the database, scope (404) and permission (403) on every
key-protected route, rotation grace, immediate revocation, legacy key, wrong-key throttling."""

from __future__ import annotations

import hashlib
import re
from datetime import timedelta

import pytest
import sqlalchemy as sa

from database.db import db
from extensions import limiter
from models import ClaveApi
from models.base import utcnow
from utils.security import API_KEY, INSTANCIA, INSTANCIA_SIN_EMPRESA

URL = "/admin/claves-api"
SOPORTE = "/api/internal/support"


@pytest.fixture
def crear_clave(client, admin_headers):
    def _crear(empresas=None, permisos=("licencias", "soporte"), nombre="Instancia A"):
        response = client.post(URL, json={"nombre": nombre, "empresas": empresas, "permisos": list(permisos)},
                               headers=admin_headers)
        assert response.status_code == 201, response.get_json()
        return response.get_json()

    return _crear


@pytest.fixture
def dos_empresas(make):
    return make.empresa(), make.empresa()


def _h(clave: str, empresa_id: int | None = None) -> dict:
    headers = {"X-API-Key": clave}
    if empresa_id is not None:
        headers["X-Empresa-Id"] = str(empresa_id)
    return headers


def _rutas(app, niveles):
    """(method, url) of every /api/* rule whose access level is one of `niveles` (from app.url_map)."""
    from routes import BLUEPRINTS

    por_nombre = {blp.name: blp for blp in BLUEPRINTS}
    rutas = []
    for regla in app.url_map.iter_rules():
        blp_nombre, _, nombre = regla.endpoint.partition(".")
        if blp_nombre not in por_nombre:
            continue
        blp = por_nombre[blp_nombre]
        nivel = blp._acceso_por_endpoint.get(nombre, blp.acceso)
        if not regla.rule.startswith("/api/") or nivel.nombre not in {n.nombre for n in niveles}:
            continue
        url = re.sub(r"<(?:[^:<>]+:)?([^<>]+)>", lambda m: "900123456" if "nit" in m.group(1) else "1", regla.rule)
        for metodo in sorted(regla.methods - {"HEAD", "OPTIONS"}):
            rutas.append((metodo, url))
    return rutas


# --- lifecycle -----------------------------------------------------------------------------------------


def test_clave_se_muestra_una_vez_y_solo_su_digest_queda_en_la_base(client, admin_headers, crear_clave,
                                                                    dos_empresas):
    a, _ = dos_empresas
    body = crear_clave(empresas=[a.id], permisos=["licencias"])
    clave = body["clave"]
    assert re.fullmatch(r"trt_[0-9a-f]{12}_[A-Za-z0-9_-]{43,}", clave)
    assert clave.startswith(f"trt_{body['prefijo']}_")
    assert body["empresas"] == [a.id] and body["permisos"] == ["licencias"]
    assert body["revocada"] is False and body["last_used_at"] is None

    listado = client.get(URL, headers=admin_headers)
    uno = client.get(f"{URL}/{body['id']}", headers=admin_headers)
    assert listado.status_code == 200 and uno.status_code == 200
    assert listado.get_json()["items"][0]["prefijo"] == body["prefijo"]
    for respuesta in (listado, uno):
        assert "clave" not in respuesta.get_data(as_text=True).replace("claves", "")
        assert clave.split("_", 2)[2] not in respuesta.get_data(as_text=True)

    rotada = client.post(f"{URL}/{body['id']}/rotar", json={"gracia_minutos": 5}, headers=admin_headers).get_json()
    secretos = [clave.split("_", 2)[2], rotada["clave"].split("_", 2)[2]]
    # Dump every table (audit trail included): neither key nor secret appears anywhere.
    volcado = []
    with db.engine.connect() as conn:
        for tabla in db.metadata.sorted_tables:
            volcado.extend(str(fila) for fila in conn.execute(sa.select(tabla)))
    texto = "\n".join(volcado)
    for secreto in secretos:
        assert secreto not in texto
    fila = db.session.get(ClaveApi, body["id"])
    assert fila.digest == hashlib.sha256(secretos[1].encode()).hexdigest()
    # The audit trail has the key's changes, never its digests.
    assert fila.digest not in texto.replace(fila.digest, "", 1)


def test_empresas_inexistentes_y_permisos_invalidos_son_422(client, admin_headers):
    for cuerpo in ({"nombre": "X", "empresas": [999999], "permisos": ["licencias"]},
                   {"nombre": "X", "empresas": None, "permisos": ["admin"]},
                   {"nombre": "X", "empresas": None, "permisos": []}):
        assert client.post(URL, json=cuerpo, headers=admin_headers).status_code == 422
    assert client.post(f"{URL}/1/rotar", json={"gracia_minutos": 10081}, headers=admin_headers).status_code in {
        404, 422}


def test_solo_admin(client, make, auth_headers):
    cliente = make.usuario(email="cli@test.co")
    assert client.get(URL, headers=auth_headers(cliente)).status_code == 403
    assert client.get(URL).status_code == 401


def test_cambios_auditados(client, admin_headers, crear_clave):
    from models import AuditLog

    body = crear_clave()
    client.post(f"{URL}/{body['id']}/rotar", json={"gracia_minutos": 0}, headers=admin_headers)
    client.delete(f"{URL}/{body['id']}", headers=admin_headers)
    acciones = db.session.scalars(sa.select(AuditLog.accion).where(AuditLog.entidad == "clave_api")
                                  .order_by(AuditLog.id)).all()
    assert acciones == ["crear", "rotar", "revocar"]


# --- use: scope and permissions -----------------------------------------------------------------------


def test_alcance_por_nit_404_igual_que_desconocida(client, crear_clave, dos_empresas):
    a, b = dos_empresas
    clave = crear_clave(empresas=[a.id], permisos=["licencias"])["clave"]
    assert client.get(f"/api/suscripcion-activa/{a.nit}", headers=_h(clave)).status_code == 200
    fuera = client.get(f"/api/suscripcion-activa/{b.nit}", headers=_h(clave))
    desconocida = client.get("/api/suscripcion-activa/800000001", headers=_h(clave))
    assert fuera.status_code == desconocida.status_code == 404
    cuerpo_fuera, cuerpo_desc = fuera.get_json(), desconocida.get_json()
    cuerpo_fuera.pop("request_id", None), cuerpo_desc.pop("request_id", None)
    assert cuerpo_fuera == cuerpo_desc
    servicios = client.post("/api/verificar-servicios-activos", json={"nit": b.nit, "servicios": ["x"]},
                            headers=_h(clave))
    assert servicios.status_code == 404
    assert client.post("/api/verificar-servicios-activos", json={"nit": a.nit, "servicios": ["x"]},
                       headers=_h(clave)).status_code == 200


def test_cada_ruta_de_licencias_responde_404_fuera_del_alcance(app, client, crear_clave, dos_empresas):
    a, b = dos_empresas
    clave = crear_clave(empresas=[a.id], permisos=["licencias"])["clave"]
    rutas = _rutas(app, [API_KEY])
    for empresa, esperado in ((b, {404}), (a, {200})):
        for metodo, url in rutas:
            url = url.replace("900123456", empresa.nit)
            response = client.open(url, method=metodo, headers=_h(clave),
                                   json={"nit": empresa.nit, "servicios": ["x"]} if metodo == "POST" else None)
            assert response.status_code in esperado, (metodo, url, response.get_json())
            if esperado == {404}:
                assert response.get_json()["error"] == "empresa_no_encontrada"


def test_todas_las_empresas_con_empresas_null(client, crear_clave, dos_empresas):
    clave = crear_clave(empresas=None, permisos=["licencias"])["clave"]
    for empresa in dos_empresas:
        assert client.get(f"/api/suscripcion-activa/{empresa.nit}", headers=_h(clave)).status_code == 200


def test_cada_ruta_de_licencias_exige_el_permiso_licencias(app, client, crear_clave, dos_empresas):
    a, _ = dos_empresas
    clave = crear_clave(empresas=[a.id], permisos=["soporte"])["clave"]
    rutas = _rutas(app, [API_KEY])
    assert ("GET", "/api/suscripcion-activa/900123456") in rutas
    assert ("POST", "/api/verificar-servicios-activos") in rutas
    for metodo, url in rutas:
        response = client.open(url, method=metodo, headers=_h(clave, a.id), json={})
        assert response.status_code == 403, (metodo, url, response.get_json())
        assert response.get_json()["error"] == "permiso_insuficiente"


def test_cada_ruta_de_soporte_exige_el_permiso_soporte_y_su_alcance(app, client, crear_clave, dos_empresas):
    a, b = dos_empresas
    sin_soporte = crear_clave(empresas=[a.id], permisos=["licencias"])["clave"]
    con_soporte = crear_clave(empresas=[a.id], permisos=["soporte"], nombre="B")["clave"]
    rutas = _rutas(app, [INSTANCIA, INSTANCIA_SIN_EMPRESA])
    con_empresa = _rutas(app, [INSTANCIA])
    assert len(con_empresa) >= 5 and all(url.startswith(SOPORTE) for _, url in rutas)
    for metodo, url in rutas:
        response = client.open(url, method=metodo, headers=_h(sin_soporte, a.id), json={})
        assert response.status_code == 403, (metodo, url, response.get_json())
        assert response.get_json()["error"] == "permiso_insuficiente"
    for metodo, url in con_empresa:
        fuera = client.open(url, method=metodo, headers=_h(con_soporte, b.id), json={})
        desconocida = client.open(url, method=metodo, headers=_h(con_soporte, 99999999), json={})
        assert fuera.status_code == desconocida.status_code == 404, (metodo, url)
        assert fuera.get_json()["error"] == desconocida.get_json()["error"] == "empresa_no_encontrada"
    assert client.get(f"{SOPORTE}/health", headers=_h(con_soporte)).status_code == 200


def test_last_used_at_se_escribe_a_lo_sumo_una_vez_por_minuto(client, crear_clave, dos_empresas):
    a, _ = dos_empresas
    body = crear_clave(permisos=["licencias"])
    client.get(f"/api/suscripcion-activa/{a.nit}", headers=_h(body["clave"]))
    db.session.expire_all()
    primero = db.session.get(ClaveApi, body["id"]).last_used_at
    assert primero is not None
    client.get(f"/api/suscripcion-activa/{a.nit}", headers=_h(body["clave"]))
    db.session.expire_all()
    assert db.session.get(ClaveApi, body["id"]).last_used_at == primero
    # Older than a minute: written again.
    db.session.execute(sa.update(ClaveApi).values(last_used_at=utcnow() - timedelta(minutes=2)))
    db.session.commit()
    client.get(f"/api/suscripcion-activa/{a.nit}", headers=_h(body["clave"]))
    db.session.expire_all()
    assert db.session.get(ClaveApi, body["id"]).last_used_at > primero - timedelta(seconds=1)


# --- rotation, revocation, legacy ---------------------------------------------------------------------


def test_rotacion_con_gracia(client, admin_headers, crear_clave, dos_empresas):
    a, _ = dos_empresas
    body = crear_clave(permisos=["licencias"])
    vieja = body["clave"]
    rotada = client.post(f"{URL}/{body['id']}/rotar", json={"gracia_minutos": 30}, headers=admin_headers)
    assert rotada.status_code == 200
    nueva = rotada.get_json()["clave"]
    assert nueva != vieja and nueva.startswith(f"trt_{body['prefijo']}_")
    url = f"/api/suscripcion-activa/{a.nit}"
    assert client.get(url, headers=_h(vieja)).status_code == 200
    assert client.get(url, headers=_h(nueva)).status_code == 200
    # The grace ends: the old key is refused, the new one still works.
    db.session.execute(sa.update(ClaveApi).values(anterior_expira=utcnow() - timedelta(seconds=1)))
    db.session.commit()
    assert client.get(url, headers=_h(vieja)).status_code == 401
    assert client.get(url, headers=_h(nueva)).status_code == 200


def test_rotacion_sin_gracia_rechaza_la_vieja_al_instante(client, admin_headers, crear_clave, dos_empresas):
    a, _ = dos_empresas
    body = crear_clave(permisos=["licencias"])
    nueva = client.post(f"{URL}/{body['id']}/rotar", json={"gracia_minutos": 0}, headers=admin_headers).get_json()
    url = f"/api/suscripcion-activa/{a.nit}"
    assert client.get(url, headers=_h(body["clave"])).status_code == 401
    assert client.get(url, headers=_h(nueva["clave"])).status_code == 200


def test_revocacion_inmediata(client, admin_headers, crear_clave, dos_empresas):
    a, _ = dos_empresas
    body = crear_clave()
    url = f"/api/suscripcion-activa/{a.nit}"
    assert client.get(url, headers=_h(body["clave"])).status_code == 200
    revocada = client.delete(f"{URL}/{body['id']}", headers=admin_headers)
    assert revocada.status_code == 200 and revocada.get_json()["revocada"] is True
    assert "clave" not in revocada.get_json()
    assert client.get(url, headers=_h(body["clave"])).status_code == 401
    assert client.get(f"{SOPORTE}/health", headers=_h(body["clave"])).status_code == 401
    assert client.post(f"{URL}/{body['id']}/rotar", json={}, headers=admin_headers).status_code == 409


def test_clave_heredada_sigue_funcionando(client, api_key_headers, dos_empresas):
    a, b = dos_empresas
    for empresa in (a, b):
        assert client.get(f"/api/suscripcion-activa/{empresa.nit}", headers=api_key_headers()).status_code == 200
        assert client.get(f"{SOPORTE}/tickets", headers=api_key_headers(empresa.id)).status_code == 200


def test_claves_falsas_o_mal_formadas_401(client, crear_clave, dos_empresas):
    a, _ = dos_empresas
    body = crear_clave()
    url = f"/api/suscripcion-activa/{a.nit}"
    for falsa in (f"trt_{body['prefijo']}_" + "x" * 43, "trt_ffffffffffff_" + "y" * 43, "trt_", "trt__",
                  "trt_" + body["prefijo"], body["clave"] + "x"):
        assert client.get(url, headers=_h(falsa)).status_code == 401, falsa


def test_claves_de_instancia_incorrectas_cuentan_para_el_freno(app, client, crear_clave, dos_empresas, monkeypatch):
    a, _ = dos_empresas
    body = crear_clave()
    monkeypatch.setitem(app.config, "API_KEY_MAX_FALLOS", 3)
    limiter.reset()
    url = f"/api/suscripcion-activa/{a.nit}"
    mala = f"trt_{body['prefijo']}_" + "z" * 43
    try:
        codigos = [client.get(url, headers=_h(mala)).status_code for _ in range(5)]
        assert codigos == [401] * 3 + [429] * 2
        response = client.get(url, headers=_h(body["clave"]))
        assert response.status_code == 429 and "Retry-After" in response.headers
    finally:
        limiter.reset()


def test_clave_inexistente_404(client, admin_headers):
    for metodo, url in (("GET", f"{URL}/999999"), ("DELETE", f"{URL}/999999"), ("POST", f"{URL}/999999/rotar")):
        response = client.open(url, method=metodo, headers=admin_headers, json={} if metodo == "POST" else None)
        assert response.status_code == 404
        assert response.get_json()["error"] == "clave_api_no_encontrada"
