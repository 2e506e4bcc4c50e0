"""Licensing API: every code reached through real data changes, API key failures, statement count."""

from __future__ import annotations

import logging
from datetime import date, timedelta

import pytest

from database.db import db
from models import Suscripcion
from services import licencias
from tests.conftest import contar_sentencias

URL_NIT = "/api/suscripcion-activa/{}"


def licencia(client, api_key_headers, empresa):
    response = client.get(URL_NIT.format(empresa.nit), headers=api_key_headers())
    assert response.status_code == 200, response.get_json()
    return response.get_json()


# --- codes ------------------------------------------------------------------------------------


def test_valida_con_servicios_y_cantidades(client, api_key_headers, licencia_setup):
    datos = licencia_setup()
    body = licencia(client, api_key_headers, datos["empresa"])
    assert body["valida"] is True
    assert body["codigo"] == "VALIDA"
    assert body["empresa"] == {"id": datos["empresa"].id, "nit": datos["empresa"].nit, "nombre": "Compraventa La 14"}
    sus = body["suscripcion"]
    assert sus["id"] == datos["suscripcion"].id
    assert sus["plan"] == {"id": datos["plan"].id, "nombre": "Plan Pro"}
    assert sus["estado"] == "activa"
    assert sus["periodo"] == "mensual"
    assert sus["fecha_fin"] == datos["suscripcion"].fecha_fin.isoformat()
    assert sus["dias_restantes"] == (datos["suscripcion"].fecha_fin - date.today()).days
    assert body["servicios"] == [
        {"id": datos["facturacion"].id, "nombre": "Facturación", "cantidad": 500},
        {"id": datos["inventario"].id, "nombre": "Inventario", "cantidad": None},
    ]
    assert set(body) == {"valida", "codigo", "detalle", "empresa", "suscripcion", "servicios"}


def test_nit_con_o_sin_digito_de_verificacion(client, api_key_headers, licencia_setup):
    empresa = licencia_setup()["empresa"]
    base = empresa.nit.split("-")[0]
    for nit in (empresa.nit, base, f"{base[:3]}.{base[3:6]}.{base[6:]}-{empresa.nit[-1]}"):
        response = client.get(URL_NIT.format(nit), headers=api_key_headers())
        assert response.status_code == 200
        assert response.get_json()["empresa"]["id"] == empresa.id


@pytest.mark.parametrize("nit", ["900999999", "123", "900123456-1", "abc"])
def test_nit_desconocido_o_invalido_404(client, api_key_headers, nit):
    response = client.get(URL_NIT.format(nit), headers=api_key_headers())
    assert response.status_code == 404
    assert response.get_json()["error"] == "empresa_no_encontrada"


def test_sin_suscripcion(client, api_key_headers, make):
    empresa = make.empresa()
    body = licencia(client, api_key_headers, empresa)
    assert body["codigo"] == "SIN_SUSCRIPCION"
    assert body["valida"] is False
    assert body["suscripcion"] is None
    assert body["servicios"] == []


def test_suspendida_y_reactivada_por_el_admin(client, api_key_headers, admin_headers, licencia_setup):
    datos = licencia_setup()
    sid = datos["suscripcion"].id
    assert client.post(f"/admin/suscripciones/{sid}/suspender", json={}, headers=admin_headers).status_code == 200
    body = licencia(client, api_key_headers, datos["empresa"])
    assert (body["codigo"], body["valida"], body["servicios"]) == ("SUSPENDIDA", False, [])
    assert body["suscripcion"]["estado"] == "suspendida"
    assert client.post(f"/admin/suscripciones/{sid}/reactivar", json={}, headers=admin_headers).status_code == 200
    assert licencia(client, api_key_headers, datos["empresa"])["codigo"] == "VALIDA"


def test_cancelada_por_el_admin(client, api_key_headers, admin_headers, licencia_setup):
    datos = licencia_setup()
    response = client.post(f"/admin/suscripciones/{datos['suscripcion'].id}/cancelar",
                           json={"motivo_cancelacion": "No pagó"}, headers=admin_headers)
    assert response.status_code == 200
    body = licencia(client, api_key_headers, datos["empresa"])
    assert (body["codigo"], body["valida"]) == ("CANCELADA", False)


def test_cancelacion_al_final_del_periodo_sigue_valida_hasta_su_fecha(
    client, api_key_headers, admin_headers, licencia_setup, monkeypatch, runner
):
    datos = licencia_setup()
    fin = datos["suscripcion"].fecha_fin
    response = client.post(f"/admin/suscripciones/{datos['suscripcion'].id}/cancelar",
                           json={"motivo_cancelacion": "Cierra el local", "al_final_del_periodo": True},
                           headers=admin_headers)
    assert response.status_code == 200
    body = licencia(client, api_key_headers, datos["empresa"])
    assert body["codigo"] == "VALIDA" and body["servicios"]

    import services.suscripciones as ciclo

    monkeypatch.setattr(ciclo, "hoy", lambda: fin)  # the last day still counts
    body = licencia(client, api_key_headers, datos["empresa"])
    assert (body["codigo"], body["suscripcion"]["dias_restantes"]) == ("VALIDA", 0)

    monkeypatch.setattr(ciclo, "hoy", lambda: fin + timedelta(days=1))
    body = licencia(client, api_key_headers, datos["empresa"])
    assert (body["codigo"], body["valida"]) == ("VENCIDA", False)
    # The daily job then cancels it: past its date it is still reported as expired.
    result = runner.invoke(args=["suscripciones", "procesar", "--fecha", (fin + timedelta(days=1)).isoformat()])
    assert result.exit_code == 0, result.output
    db.session.expire_all()
    assert db.session.get(Suscripcion, datos["suscripcion"].id).estado == "cancelada"
    assert licencia(client, api_key_headers, datos["empresa"])["codigo"] == "VENCIDA"


def test_vencida_por_fecha_aunque_el_estado_diga_activa(client, api_key_headers, licencia_setup):
    hace_un_mes = date.today() - timedelta(days=40)
    datos = licencia_setup(fecha_inicio=hace_un_mes, fecha_fin=date.today() - timedelta(days=1))
    body = licencia(client, api_key_headers, datos["empresa"])
    assert body["codigo"] == "VENCIDA"
    assert body["valida"] is False
    assert body["suscripcion"]["estado"] == "activa"
    assert body["suscripcion"]["dias_restantes"] == 0
    assert body["servicios"] == []
    assert (date.today() - timedelta(days=1)).isoformat() in body["detalle"]


def test_vence_cuando_cambia_la_fecha_fin(client, api_key_headers, licencia_setup):
    datos = licencia_setup()
    assert licencia(client, api_key_headers, datos["empresa"])["codigo"] == "VALIDA"
    suscripcion = db.session.get(Suscripcion, datos["suscripcion"].id)
    suscripcion.fecha_fin = date.today() - timedelta(days=1)
    db.session.commit()
    assert licencia(client, api_key_headers, datos["empresa"])["codigo"] == "VENCIDA"


def test_pendiente_desde_el_registro_publico_aprobada_y_activada_por_el_admin(client, api_key_headers, admin_headers,
                                                                             make):
    plan = make.plan(servicios={make.servicio(nombre="Nómina"): 10})
    nit = make.nit_valido()
    response = client.post("/public/suscripcion", json={
        "empresa": {"nit": nit, "nombre": "Nueva S.A.S.", "contacto": "gerencia@nueva.co"},
        "usuario": {"nombre": "Gerente", "email": "gerente@nueva.co", "password": "Segura-Clave-99"},
        "plan_id": plan.id, "periodo": "anual",
    })
    assert response.status_code == 201, response.get_json()
    body = client.get(URL_NIT.format(nit), headers=api_key_headers()).get_json()
    assert (body["codigo"], body["valida"], body["servicios"]) == ("EMPRESA_PENDIENTE", False, [])
    empresa_id = response.get_json()["empresa"]["id"]
    assert client.post(f"/admin/empresas/{empresa_id}/aprobar", headers=admin_headers).status_code == 200
    body = client.get(URL_NIT.format(nit), headers=api_key_headers()).get_json()
    assert (body["codigo"], body["valida"], body["servicios"]) == ("INACTIVA", False, [])
    sid = response.get_json()["suscripcion"]["id"]
    assert client.post(f"/admin/suscripciones/{sid}/reactivar", json={}, headers=admin_headers).status_code == 200
    body = client.get(URL_NIT.format(nit), headers=api_key_headers()).get_json()
    assert body["codigo"] == "VALIDA"
    assert body["servicios"][0]["nombre"] == "Nómina"


def test_suscripcion_que_aun_no_empieza_es_inactiva(client, api_key_headers, licencia_setup):
    datos = licencia_setup(fecha_inicio=date.today() + timedelta(days=3))
    body = licencia(client, api_key_headers, datos["empresa"])
    assert body["codigo"] == "INACTIVA"
    assert "empieza" in body["detalle"]


def test_empresa_inactiva(client, api_key_headers, admin_headers, licencia_setup):
    datos = licencia_setup()
    response = client.delete(f"/admin/empresas/{datos['empresa'].id}", headers=admin_headers)
    assert response.status_code in (200, 204), response.get_json()
    body = licencia(client, api_key_headers, datos["empresa"])
    assert (body["codigo"], body["valida"], body["servicios"]) == ("EMPRESA_INACTIVA", False, [])
    assert body["suscripcion"]["estado"] == "activa"


def test_servicio_desactivado_sale_de_la_licencia(client, api_key_headers, admin_headers, licencia_setup):
    datos = licencia_setup()
    response = client.post(f"/admin/servicios/{datos['inventario'].id}/toggle", headers=admin_headers)
    assert response.status_code == 200, response.get_json()
    body = licencia(client, api_key_headers, datos["empresa"])
    assert body["codigo"] == "VALIDA"
    assert [s["nombre"] for s in body["servicios"]] == ["Facturación"]


def test_la_suscripcion_vigente_gana_a_las_antiguas(client, api_key_headers, make):
    srv = make.servicio()
    plan_viejo, plan_nuevo = make.plan(servicios={srv: 1}), make.plan(servicios={srv: 2})
    empresa = make.empresa()
    make.suscripcion(empresa, plan_viejo, estado="cancelada", fecha_inicio=date.today() - timedelta(days=400),
                     fecha_fin=date.today() - timedelta(days=35))
    actual = make.suscripcion(empresa, plan_nuevo)
    body = licencia(client, api_key_headers, empresa)
    assert body["codigo"] == "VALIDA"
    assert body["suscripcion"]["id"] == actual.id
    assert body["servicios"][0]["cantidad"] == 2


# --- JWT ----------------------------------------------------------------------------------------


def test_verificar_licencia_jwt(client, auth_headers, licencia_setup, make):
    datos = licencia_setup()
    usuario = make.usuario(empresa_id=datos["empresa"].id)
    response = client.post("/api/verificar-licencia", headers=auth_headers(usuario))
    assert response.status_code == 200
    body = response.get_json()
    assert body["codigo"] == "VALIDA"
    assert body["empresa"]["id"] == datos["empresa"].id


def test_verificar_licencia_sin_token_401(client):
    response = client.post("/api/verificar-licencia")
    assert response.status_code == 401
    assert set(response.get_json()) >= {"error", "message"}


def test_verificar_licencia_usuario_sin_empresa_404(client, auth_headers, make):
    response = client.post("/api/verificar-licencia", headers=auth_headers(make.usuario()))
    assert response.status_code == 404
    assert response.get_json()["error"] == "sin_empresa"


def test_verificar_licencia_no_sirve_para_otra_empresa(client, auth_headers, licencia_setup, make):
    """The JWT endpoint only ever answers for the caller's own company."""
    licencia_setup()
    otra = make.empresa()
    usuario = make.usuario(empresa_id=otra.id)
    body = client.post("/api/verificar-licencia", headers=auth_headers(usuario)).get_json()
    assert body["empresa"]["id"] == otra.id
    assert body["codigo"] == "SIN_SUSCRIPCION"


# --- API key ------------------------------------------------------------------------------------


@pytest.mark.parametrize("headers", [{}, {"X-API-Key": "clave-equivocada"}, {"X-API-Key": ""}])
@pytest.mark.parametrize("metodo,url", [
    ("get", URL_NIT.format("900123456-8")),
    ("post", "/api/verificar-servicios-activos"),
])
def test_api_key_ausente_o_invalida_401(client, headers, metodo, url):
    response = getattr(client, metodo)(url, headers=headers, json={"nit": "900123456-8", "servicios": ["X"]}
                                       if metodo == "post" else None)
    assert response.status_code == 401
    assert response.get_json()["error"] == "api_key_invalida"


def test_api_key_no_configurada_503(app, client, monkeypatch):
    monkeypatch.setitem(app.config, "SAAS_API_KEY", None)
    response = client.get(URL_NIT.format("900123456-8"), headers={"X-API-Key": "algo"})
    assert response.status_code == 503
    assert "SAAS_API_KEY no configurada" in response.get_json()["message"]


def test_fallos_de_api_key_en_el_log_api_sin_la_clave(client, caplog):
    intento = "clave-secreta-que-no-debe-salir-en-el-log"
    with caplog.at_level(logging.WARNING, logger="tratios.api"):
        response = client.get(URL_NIT.format("900123456-8"), headers={"X-API-Key": intento})
    assert response.status_code == 401
    mensajes = [r.getMessage() for r in caplog.records if r.name == "tratios.api"]
    assert any("inválida" in m for m in mensajes)
    assert all(intento not in m for m in mensajes)


def test_la_api_key_se_comprueba_antes_que_el_cuerpo(client):
    response = client.post("/api/verificar-servicios-activos", json={"basura": 1})
    assert response.status_code == 401


# --- services check ------------------------------------------------------------------------------


def test_verificar_servicios_activos(client, api_key_headers, licencia_setup):
    datos = licencia_setup()
    response = client.post("/api/verificar-servicios-activos", headers=api_key_headers(), json={
        "nit": datos["empresa"].nit.split("-")[0],
        "servicios": ["facturacion", "Inventario", "Nómina"],
    })
    assert response.status_code == 200
    assert response.get_json() == {
        "nit": datos["empresa"].nit,
        "valida": True,
        "servicios": [
            {"nombre": "Facturación", "activo": True, "cantidad": 500},
            {"nombre": "Inventario", "activo": True, "cantidad": None},
            {"nombre": "Nómina", "activo": False, "cantidad": None},
        ],
    }


def test_verificar_servicios_con_licencia_suspendida(client, api_key_headers, admin_headers, licencia_setup):
    datos = licencia_setup()
    client.post(f"/admin/suscripciones/{datos['suscripcion'].id}/suspender", json={}, headers=admin_headers)
    body = client.post("/api/verificar-servicios-activos", headers=api_key_headers(),
                       json={"nit": datos["empresa"].nit, "servicios": ["Facturación"]}).get_json()
    assert body["valida"] is False
    assert body["servicios"] == [{"nombre": "Facturación", "activo": False, "cantidad": None}]


@pytest.mark.parametrize("payload,campo", [
    ({"nit": "900123456-1", "servicios": ["A"]}, "nit"),
    ({"nit": "900123456-8", "servicios": []}, "servicios"),
    ({"nit": "900123456-8"}, "servicios"),
    ({"nit": "900123456-8", "servicios": ["A"], "empresa_id": 1}, "empresa_id"),
])
def test_verificar_servicios_validacion_422(client, api_key_headers, payload, campo):
    response = client.post("/api/verificar-servicios-activos", headers=api_key_headers(), json=payload)
    assert response.status_code == 422
    assert campo in response.get_json()["details"]


def test_verificar_servicios_nit_desconocido_404(client, api_key_headers):
    response = client.post("/api/verificar-servicios-activos", headers=api_key_headers(),
                           json={"nit": "900123456-8", "servicios": ["A"]})
    assert response.status_code == 404


# --- speed: a constant number of statements -------------------------------------------------------


def _empresa_con_servicios(make, n: int):
    servicios = {make.servicio(): i + 1 for i in range(n)}
    empresa = make.empresa()
    make.suscripcion(empresa, make.plan(servicios=servicios))
    return empresa


def test_una_sola_sentencia_sql_sin_importar_el_numero_de_servicios(make):
    pequena, grande = _empresa_con_servicios(make, 1), _empresa_con_servicios(make, 40)
    db.session.expire_all()
    conteos = []
    for empresa in (pequena, grande):
        nit = empresa.nit
        with contar_sentencias() as sentencias:
            respuesta = licencias.licencia_por_nit(nit)
        conteos.append(len(sentencias))
        assert respuesta["codigo"] == "VALIDA"
    assert conteos == [1, 1]
    assert len(respuesta["servicios"]) == 40


def test_el_endpoint_cuesta_lo_mismo_con_1_o_40_servicios(client, api_key_headers, make):
    pequena, grande = _empresa_con_servicios(make, 1), _empresa_con_servicios(make, 40)
    conteos = []
    for empresa in (pequena, grande):
        url = URL_NIT.format(empresa.nit)
        with contar_sentencias() as sentencias:
            response = client.get(url, headers=api_key_headers())
        assert response.status_code == 200
        conteos.append(len(sentencias))
    assert conteos[0] == conteos[1]
    assert conteos[0] <= 2


# --- catalogue through /api ------------------------------------------------------------------------


def test_api_planes_igual_que_public_planes(client, make):
    make.plan(servicios={make.servicio(): 3})
    api, public = client.get("/api/planes"), client.get("/public/planes")
    assert api.status_code == public.status_code == 200
    assert api.get_json() == public.get_json()
    assert len(api.get_json()["items"]) == 1


def test_openapi_documenta_el_licenciamiento(client):
    spec = client.get("/api/openapi.json").get_json()
    paths = spec["paths"]
    assert set(paths["/api/suscripcion-activa/{nit}"]["get"]["responses"]) >= {"200", "401", "404", "503"}
    assert set(paths["/api/verificar-servicios-activos"]["post"]["responses"]) >= {"200", "401", "404", "422", "503"}
    assert set(paths["/api/verificar-licencia"]["post"]["responses"]) >= {"200", "401", "404"}
    assert "/api/planes" in paths
    assert paths["/api/suscripcion-activa/{nit}"]["get"]["security"] == [{"apiKey": []}]
