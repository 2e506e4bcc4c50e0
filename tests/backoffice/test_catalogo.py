"""Plans, services, plan <-> service entitlements, the summary and the delete-in-use rules."""

from __future__ import annotations

import pytest

from models import AuditLog, Empresa, Plan, PlanServicio, Servicio

PLAN = {"nombre": "Oro", "descripcion": "Todo", "precio_mensual": 189000.5, "precio_anual": 1890000}


# --- planes ---------------------------------------------------------------------------------

def test_plan_crud(client, ah, db):
    response = client.post("/admin/planes", headers=ah, json=PLAN)
    assert response.status_code == 201, response.get_json()
    plan = response.get_json()
    assert plan["precio_mensual"] == 189000.5 and plan["servicios"] == []
    assert client.post("/admin/planes", headers=ah, json={**PLAN, "nombre": "oro"}).status_code == 409
    response = client.put(f"/admin/planes/{plan['id']}", headers=ah, json={"precio_anual": "2000000.00"})
    assert response.status_code == 200 and response.get_json()["precio_anual"] == 2000000
    assert client.get(f"/admin/planes/{plan['id']}", headers=ah).get_json()["nombre"] == "Oro"
    assert client.delete(f"/admin/planes/{plan['id']}", headers=ah).status_code == 204
    assert client.get(f"/admin/planes/{plan['id']}", headers=ah).status_code == 404
    acciones = [a.accion for a in db.session.query(AuditLog).filter_by(entidad="plan").order_by(AuditLog.id)]
    assert acciones == ["crear", "actualizar", "eliminar"]


@pytest.mark.parametrize("over", [{"precio_mensual": -1}, {"precio_mensual": "abc"}, {"nombre": ""},
                                  {"precio_anual": None}, {"servicios": []}, {"id": 3}, {"precio_mensual": "NaN"}])
def test_plan_validation(client, ah, over):
    assert client.post("/admin/planes", headers=ah, json={**PLAN, **over}).status_code == 422


def test_only_one_plan_is_highlighted(client, ah, make):
    viejo = make.plan(seleccionado=True)
    nuevo = client.post("/admin/planes", headers=ah, json={**PLAN, "seleccionado": True}).get_json()
    listado = client.get("/admin/planes?seleccionado=true", headers=ah).get_json()
    assert [p["id"] for p in listado["items"]] == [nuevo["id"]]
    assert client.get(f"/admin/planes/{viejo.id}", headers=ah).get_json()["seleccionado"] is False


def test_plan_list_sort_and_q(client, ah, make):
    make.plan(nombre="Básico", precio_mensual=50)
    make.plan(nombre="Premium", precio_mensual=300)
    make.plan(nombre="Medio", precio_mensual=100)
    items = client.get("/admin/planes?sort=-precio_mensual", headers=ah).get_json()["items"]
    assert [p["nombre"] for p in items] == ["Premium", "Medio", "Básico"]
    assert client.get("/admin/planes?q=prem", headers=ah).get_json()["total"] == 1


def test_delete_plan_in_use_is_409_with_reason(client, ah, make, catalogo):
    plan = catalogo["plan"]
    suscripcion = make.suscripcion(make.empresa(), plan, estado="suspendida")
    response = client.delete(f"/admin/planes/{plan.id}", headers=ah)
    assert response.status_code == 409
    body = response.get_json()
    assert body["error"] == "plan_en_uso" and body["details"]["suscripciones"] == 1
    client.post(f"/admin/suscripciones/{suscripcion.id}/cancelar", headers=ah, json={"motivo_cancelacion": "x"})
    response = client.delete(f"/admin/planes/{plan.id}", headers=ah)
    assert response.status_code == 409 and response.get_json()["error"] == "plan_con_historial"


def test_renaming_a_plan_updates_the_mirror(client, ah, make, catalogo, db):
    empresa = make.empresa()
    make.suscripcion(empresa, catalogo["plan"])
    client.put(f"/admin/planes/{catalogo['plan'].id}", headers=ah, json={"nombre": "Pro Plus"})
    db.session.expire_all()
    assert db.session.get(Empresa, empresa.id).plan == "Pro Plus"


# --- servicios ------------------------------------------------------------------------------

def test_servicio_crud_and_toggle(client, ah, db):
    response = client.post("/admin/servicios", headers=ah,
                           json={"nombre": "Nómina", "url_api": "https://nomina.tratios.co/api"})
    assert response.status_code == 201
    servicio = response.get_json()
    assert servicio["activo"] is True
    assert client.post("/admin/servicios", headers=ah, json={"nombre": "nómina"}).status_code == 409
    assert client.post(f"/admin/servicios/{servicio['id']}/toggle", headers=ah).get_json()["activo"] is False
    assert client.get("/admin/servicios?activo=false", headers=ah).get_json()["total"] == 1
    assert client.get("/admin/servicios?activo=true", headers=ah).get_json()["total"] == 0
    assert client.post(f"/admin/servicios/{servicio['id']}/toggle", headers=ah).get_json()["activo"] is True
    response = client.put(f"/admin/servicios/{servicio['id']}", headers=ah, json={"descripcion": "Nómina DIAN"})
    assert response.get_json()["descripcion"] == "Nómina DIAN"
    assert client.delete(f"/admin/servicios/{servicio['id']}", headers=ah).status_code == 204
    assert db.session.get(Servicio, servicio["id"]) is None
    assert client.post("/admin/servicios/99999/toggle", headers=ah).status_code == 404


@pytest.mark.parametrize("body", [{"nombre": "X", "url_api": "ftp://x"}, {"nombre": "X", "url_api": "no url"},
                                  {"activo": True}, {"nombre": "X", "activo": "quizá"}])
def test_servicio_validation(client, ah, body):
    assert client.post("/admin/servicios", headers=ah, json=body).status_code == 422


def test_delete_servicio_in_use_is_409_and_unused_removes_its_links(client, ah, make, catalogo, db):
    fact = catalogo["facturacion"]
    make.suscripcion(make.empresa(), catalogo["plan"])
    response = client.delete(f"/admin/servicios/{fact.id}", headers=ah)
    assert response.status_code == 409
    assert response.get_json()["details"]["planes"] == ["Pro"]
    # a plan without subscriptions does not block the deletion; its link goes away
    suelto = make.servicio()
    otro = make.plan(servicios={suelto: 3})
    assert client.delete(f"/admin/servicios/{suelto.id}", headers=ah).status_code == 204
    assert db.session.query(PlanServicio).filter_by(plan_id=otro.id).count() == 0


# --- plan <-> servicio ---------------------------------------------------------------------

def test_list_add_update_remove_association(client, ah, make, catalogo):
    plan = catalogo["plan"]
    items = client.get(f"/admin/planes/{plan.id}/servicios", headers=ah).get_json()["items"]
    assert {(i["nombre"], i["cantidad"]) for i in items} == {("Facturación", 100), ("Inventario", None)}
    nuevo = make.servicio(nombre="POS")
    url = f"/admin/planes/{plan.id}/servicios/{nuevo.id}"
    response = client.post(url, headers=ah, json={"cantidad": 2})
    assert response.status_code == 201 and response.get_json()["cantidad"] == 2
    assert client.post(url, headers=ah, json={}).status_code == 409
    assert client.put(url, headers=ah, json={"cantidad": None}).get_json()["cantidad"] is None
    assert client.put(url, headers=ah, json={"cantidad": 7}).get_json()["cantidad"] == 7
    assert client.delete(url, headers=ah).status_code == 204
    assert client.put(url, headers=ah, json={"cantidad": 7}).status_code == 404
    assert client.delete(url, headers=ah).status_code == 404
    assert client.post(f"/admin/planes/{plan.id}/servicios/99999", headers=ah, json={}).status_code == 404
    assert client.get("/admin/planes/99999/servicios", headers=ah).status_code == 404


@pytest.mark.parametrize("cantidad", [0, -1, 1.5, "3", True, 2**40])
def test_cantidad_must_be_positive_int_or_null(client, ah, catalogo, cantidad):
    url = f"/admin/planes/{catalogo['plan'].id}/servicios/{catalogo['facturacion'].id}"
    assert client.put(url, headers=ah, json={"cantidad": cantidad}).status_code == 422
    assert client.put(url, headers=ah, json={}).status_code == 422  # PUT needs cantidad


def _asociaciones(db, plan_id):
    db.session.expire_all()
    return {ps.servicio_id: ps.cantidad for ps in db.session.query(PlanServicio).filter_by(plan_id=plan_id)}


def test_replace_all_with_objects(client, ah, make, catalogo, db):
    plan, fact, inv = catalogo["plan"], catalogo["facturacion"], catalogo["inventario"]
    pos = make.servicio()
    body = {"servicios": [{"servicio_id": fact.id, "cantidad": 500}, {"servicio_id": pos.id, "cantidad": None}]}
    response = client.post(f"/admin/planes/{plan.id}/servicios", headers=ah, json=body)
    assert response.status_code == 200, response.get_json()
    assert {i["servicio_id"] for i in response.get_json()["items"]} == {fact.id, pos.id}
    assert _asociaciones(db, plan.id) == {fact.id: 500, pos.id: None}
    assert inv.id not in _asociaciones(db, plan.id)


@pytest.mark.parametrize("clave", ["servicios", "servicio_ids"])
def test_replace_all_legacy_ids_only_keeps_existing_cantidad(client, ah, make, catalogo, db, clave):
    plan, fact = catalogo["plan"], catalogo["facturacion"]
    pos = make.servicio()
    response = client.post(f"/admin/planes/{plan.id}/servicios", headers=ah, json={clave: [fact.id, pos.id]})
    assert response.status_code == 200, response.get_json()
    assert _asociaciones(db, plan.id) == {fact.id: 100, pos.id: None}


def test_replace_all_empty_list_removes_everything(client, ah, catalogo, db):
    plan = catalogo["plan"]
    assert client.post(f"/admin/planes/{plan.id}/servicios", headers=ah, json={"servicios": []}).status_code == 200
    assert _asociaciones(db, plan.id) == {}


@pytest.mark.parametrize("body", [
    {},
    {"servicios": [1], "servicio_ids": [1]},
    {"servicios": "1,2"},
    {"servicios": [{"servicio_id": 1, "cantidad": 0}]},
    {"servicios": [{"servicio_id": 1, "extra": 1}]},
    {"servicios": [{"cantidad": 3}]},
    {"servicios": ["1"]},
    {"servicios": [True]},
    {"servicio_ids": [0]},
])
def test_replace_all_validation(client, ah, catalogo, db, body):
    plan = catalogo["plan"]
    antes = _asociaciones(db, plan.id)
    assert client.post(f"/admin/planes/{plan.id}/servicios", headers=ah, json=body).status_code == 422
    assert _asociaciones(db, plan.id) == antes


def test_replace_all_unknown_or_repeated_ids_change_nothing(client, ah, catalogo, db):
    plan, fact = catalogo["plan"], catalogo["facturacion"]
    antes = _asociaciones(db, plan.id)
    response = client.post(f"/admin/planes/{plan.id}/servicios", headers=ah, json={"servicios": [fact.id, 99999]})
    assert response.status_code == 422 and "99999" in response.get_json()["details"]["servicios"][0]
    response = client.post(f"/admin/planes/{plan.id}/servicios", headers=ah, json={"servicio_ids": [fact.id, fact.id]})
    assert response.status_code == 422
    assert _asociaciones(db, plan.id) == antes


def test_resumen(client, ah, make, catalogo):
    make.suscripcion(make.empresa(), catalogo["plan"])
    make.plan(nombre="Vacío")
    body = client.get("/admin/planes-servicios/resumen", headers=ah).get_json()
    pro = next(p for p in body["planes"] if p["nombre"] == "Pro")
    assert pro["total_servicios"] == 2 and pro["suscripciones_activas"] == 1
    assert {(s["nombre"], s["cantidad"]) for s in pro["servicios"]} == {("Facturación", 100), ("Inventario", None)}
    fact = next(s for s in body["servicios"] if s["nombre"] == "Facturación")
    assert fact["planes"] == [catalogo["plan"].id]
    assert body["totales"] == {"planes": 2, "servicios": 2, "servicios_activos": 2, "asociaciones": 2}


def test_plan_output_lists_services(client, ah, catalogo):
    plan = client.get(f"/admin/planes/{catalogo['plan'].id}", headers=ah).get_json()
    assert {(s["id"], s["cantidad"]) for s in plan["servicios"]} == {
        (catalogo["facturacion"].id, 100), (catalogo["inventario"].id, None)}
    assert Plan  # noqa: B018 - imported for clarity of the module
