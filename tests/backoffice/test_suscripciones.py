"""`/admin/suscripciones`: creation rules, the state machine (every legal and illegal transition),
Empresa.plan mirroring, filters, audit."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from models import AuditLog, Empresa, Suscripcion
from services.estados.suscripciones import SUSCRIPCION
from services.suscripciones import ACCIONES, suscripcion_vigente


@pytest.fixture
def empresa(make):
    return make.empresa()


def _crear(client, ah, **body):
    return client.post("/admin/suscripciones", headers=ah, json=body)


def test_create_prices_dates_mirror_and_audit(client, ah, admin, empresa, catalogo, db):
    plan = catalogo["plan"]
    response = _crear(client, ah, empresa_id=empresa.id, plan_id=plan.id, periodo="anual",
                      fecha_inicio="2028-02-29", renovacion_automatica=True, notas="Cliente nuevo")
    assert response.status_code == 201, response.get_json()
    body = response.get_json()
    assert body["estado"] == "activa"
    assert body["fecha_fin"] == "2029-02-28"
    assert body["precio_pagado"] == 1000000.0 and body["porcentaje_descuento"] == 0
    assert body["plan"] == {"id": plan.id, "nombre": "Pro"}
    assert body["empresa"]["nit"] == empresa.nit
    assert body["creado_por"] == admin.id
    db.session.expire_all()
    assert db.session.get(Empresa, empresa.id).plan == "Pro"
    assert db.session.query(AuditLog).filter_by(entidad="suscripcion", accion="crear").count() == 1


def test_create_inactiva_does_not_mirror(client, ah, empresa, catalogo, db):
    body = _crear(client, ah, empresa_id=empresa.id, plan_id=catalogo["plan"].id, periodo="mensual",
                  estado="inactiva").get_json()
    assert body["estado"] == "inactiva"
    db.session.expire_all()
    assert db.session.get(Empresa, empresa.id).plan is None


def test_one_non_cancelled_subscription_per_company(client, ah, empresa, catalogo, make):
    plan = catalogo["plan"]
    existente = make.suscripcion(empresa, plan, estado="suspendida")
    response = _crear(client, ah, empresa_id=empresa.id, plan_id=plan.id, periodo="mensual")
    assert response.status_code == 409
    assert response.get_json()["details"] == {"suscripcion_id": existente.id, "estado_actual": "suspendida"}
    client.post(f"/admin/suscripciones/{existente.id}/cancelar", headers=ah, json={"motivo_cancelacion": "cambio"})
    assert _crear(client, ah, empresa_id=empresa.id, plan_id=plan.id, periodo="mensual").status_code == 201


@pytest.mark.parametrize("over", [
    {"periodo": "semanal"}, {"estado": "cancelada"}, {"estado": "suspendida"}, {"plan_id": 99999},
    {"empresa_id": 99999}, {"precio_pagado": 1}, {"porcentaje_descuento": 10}, {"fecha_inicio": "31/01/2026"},
    {"fecha_fin": "2030-01-01"}, {"periodo": None},
])
def test_create_validation(client, ah, empresa, catalogo, over):
    body = {"empresa_id": empresa.id, "plan_id": catalogo["plan"].id, "periodo": "mensual", **over}
    assert _crear(client, ah, **body).status_code == 422


def test_create_for_inactive_company_is_409(client, ah, make, catalogo):
    empresa = make.empresa(estado="inactiva")
    response = _crear(client, ah, empresa_id=empresa.id, plan_id=catalogo["plan"].id, periodo="mensual")
    assert response.status_code == 409 and response.get_json()["error"] == "empresa_inactiva"


# --- the state machine ----------------------------------------------------------------------

CANCELAR = {"motivo_cancelacion": "No paga"}
CANCELAR_FIN = {"motivo_cancelacion": "Se va", "al_final_del_periodo": True}
DESCUENTO = {"porcentaje_descuento": 10}

# (estado inicial, cancelar_al_final, acción, cuerpo, estado final o None si es 409)
CASOS = [
    ("activa", False, "renovar", {}, "activa"),
    ("activa", False, "cancelar", CANCELAR, "cancelada"),
    ("activa", False, "cancelar", CANCELAR_FIN, "activa"),
    ("activa", False, "suspender", {}, "suspendida"),
    ("activa", False, "reactivar", {}, None),
    ("activa", False, "descuento", DESCUENTO, "activa"),
    ("activa", True, "renovar", {}, None),
    ("activa", True, "cancelar", CANCELAR, "cancelada"),
    ("activa", True, "cancelar", CANCELAR_FIN, None),
    ("activa", True, "suspender", {}, "suspendida"),
    ("activa", True, "reactivar", {}, "activa"),
    ("activa", True, "descuento", DESCUENTO, "activa"),
    ("inactiva", False, "renovar", {}, "activa"),
    ("inactiva", False, "cancelar", CANCELAR, "cancelada"),
    ("inactiva", False, "cancelar", CANCELAR_FIN, None),
    ("inactiva", False, "suspender", {}, None),
    ("inactiva", False, "reactivar", {}, "activa"),
    ("inactiva", False, "descuento", DESCUENTO, "inactiva"),
    ("suspendida", False, "renovar", {}, None),
    ("suspendida", False, "cancelar", CANCELAR, "cancelada"),
    ("suspendida", False, "cancelar", CANCELAR_FIN, None),
    ("suspendida", False, "suspender", {}, None),
    ("suspendida", False, "reactivar", {}, "activa"),
    ("suspendida", False, "descuento", DESCUENTO, "suspendida"),
    ("cancelada", False, "renovar", {}, None),
    ("cancelada", False, "cancelar", CANCELAR, None),
    ("cancelada", False, "cancelar", CANCELAR_FIN, None),
    ("cancelada", False, "suspender", {}, None),
    ("cancelada", False, "reactivar", {}, None),
    ("cancelada", False, "descuento", DESCUENTO, None),
]


def _id(caso):
    estado, pendiente, accion, body, destino = caso
    extra = "+fin" if body.get("al_final_del_periodo") else ""
    return f"{estado}{'(cancelación programada)' if pendiente else ''}-{accion}{extra}->{destino or '409'}"


@pytest.mark.parametrize("caso", CASOS, ids=[_id(c) for c in CASOS])
def test_transition(client, ah, make, empresa, catalogo, db, caso):
    estado, pendiente, accion, body, destino = caso
    suscripcion = make.suscripcion(empresa, catalogo["plan"], estado=estado, cancelar_al_final=pendiente)
    antes = db.session.query(AuditLog).count()
    response = client.post(f"/admin/suscripciones/{suscripcion.id}/{accion}", headers=ah, json=body)
    db.session.expire_all()
    guardada = db.session.get(Suscripcion, suscripcion.id)
    if destino is None:
        assert response.status_code == 409, response.get_json()
        error = response.get_json()
        assert error["error"] == "transicion_invalida"
        assert error["details"]["estado_actual"] == estado
        assert guardada.estado == estado
        assert db.session.query(AuditLog).count() == antes
    else:
        assert response.status_code == 200, response.get_json()
        assert response.get_json()["estado"] == destino == guardada.estado
        log = db.session.query(AuditLog).filter_by(entidad="suscripcion", entidad_id=suscripcion.id).one()
        assert log.accion == accion and log.antes["estado"] == estado and log.despues["estado"] == destino
        # Empresa.plan mirrors the active subscription's plan
        assert db.session.get(Empresa, empresa.id).plan == ("Pro" if destino == "activa" else None)


def test_every_action_of_the_machine_is_tested():
    probados = {(estado, accion) for estado, _pendiente, accion, _body, destino in CASOS if destino is not None}
    legales = {(estado, accion) for accion in ACCIONES for estado in SUSCRIPCION.desde(accion)}
    assert legales == probados


def test_unknown_subscription_is_404(client, ah):
    for accion in ("renovar", "suspender", "reactivar"):
        assert client.post(f"/admin/suscripciones/99999/{accion}", headers=ah, json={}).status_code == 404
    assert client.get("/admin/suscripciones/99999", headers=ah).status_code == 404


def test_renovar_extends_from_fecha_fin_or_today(client, ah, make, empresa, catalogo):
    plan = catalogo["plan"]
    hoy = date.today()
    futura = make.suscripcion(empresa, plan, fecha_inicio=hoy - timedelta(days=3))
    body = client.post(f"/admin/suscripciones/{futura.id}/renovar", headers=ah, json={"notas": "pagó"}).get_json()
    from services.suscripciones import add_months

    assert body["fecha_fin"] == add_months(futura.fecha_inicio, 2).isoformat()
    assert body["notas"] == "pagó"

    otra = make.empresa()
    vencida = make.suscripcion(otra, plan, estado="inactiva", fecha_inicio=date(2020, 1, 31))
    body = client.post(f"/admin/suscripciones/{vencida.id}/renovar", headers=ah, json={}).get_json()
    assert body["estado"] == "activa"
    assert body["fecha_inicio"] == hoy.isoformat()
    assert body["fecha_fin"] == add_months(hoy, 1).isoformat()


def test_renovar_uses_current_price_and_discount(client, ah, make, empresa, catalogo, db):
    plan = catalogo["plan"]
    suscripcion = make.suscripcion(empresa, plan)
    client.post(f"/admin/suscripciones/{suscripcion.id}/descuento", headers=ah, json={"porcentaje_descuento": 50})
    client.put(f"/admin/planes/{plan.id}", headers=ah, json={"precio_mensual": 300000})
    body = client.post(f"/admin/suscripciones/{suscripcion.id}/renovar", headers=ah, json={}).get_json()
    assert body["precio_pagado"] == 150000


def test_cancelar_sets_reason_and_date(client, ah, make, empresa, catalogo):
    suscripcion = make.suscripcion(empresa, catalogo["plan"])
    body = client.post(f"/admin/suscripciones/{suscripcion.id}/cancelar", headers=ah, json=CANCELAR).get_json()
    assert body["motivo_cancelacion"] == "No paga" and body["fecha_cancelacion"]
    assert suscripcion_vigente(empresa.id) is None


def test_cancelar_at_end_of_term_then_reactivar_undoes_it(client, ah, make, empresa, catalogo):
    suscripcion = make.suscripcion(empresa, catalogo["plan"])
    body = client.post(f"/admin/suscripciones/{suscripcion.id}/cancelar", headers=ah, json=CANCELAR_FIN).get_json()
    assert body["estado"] == "activa" and body["cancelar_al_final"] is True and body["fecha_cancelacion"] is None
    body = client.post(f"/admin/suscripciones/{suscripcion.id}/reactivar", headers=ah, json={}).get_json()
    assert body["estado"] == "activa" and body["cancelar_al_final"] is False and body["motivo_cancelacion"] is None


@pytest.mark.parametrize("body", [{}, {"motivo_cancelacion": ""}, {"motivo_cancelacion": "   "},
                                  {"motivo_cancelacion": "x", "al_final_del_periodo": "tal vez"},
                                  {"motivo_cancelacion": "x" * 501}])
def test_cancelar_validation(client, ah, make, empresa, catalogo, body):
    suscripcion = make.suscripcion(empresa, catalogo["plan"])
    assert client.post(f"/admin/suscripciones/{suscripcion.id}/cancelar", headers=ah, json=body).status_code == 422


@pytest.mark.parametrize(("porcentaje", "precio"), [(0, 100000), (12.5, 87500), (100, 0), ("33.33", 66670)])
def test_descuento_recomputes_price(client, ah, make, empresa, catalogo, porcentaje, precio):
    suscripcion = make.suscripcion(empresa, catalogo["plan"])
    response = client.post(f"/admin/suscripciones/{suscripcion.id}/descuento", headers=ah,
                           json={"porcentaje_descuento": porcentaje})
    assert response.status_code == 200
    assert response.get_json()["precio_pagado"] == precio


@pytest.mark.parametrize("porcentaje", [-1, 100.01, "abc", None, 1e400])
def test_descuento_out_of_range_is_422(client, ah, make, empresa, catalogo, porcentaje):
    suscripcion = make.suscripcion(empresa, catalogo["plan"])
    response = client.post(f"/admin/suscripciones/{suscripcion.id}/descuento", headers=ah,
                           json={"porcentaje_descuento": porcentaje})
    assert response.status_code == 422


def test_actions_refuse_unknown_fields(client, ah, make, empresa, catalogo):
    suscripcion = make.suscripcion(empresa, catalogo["plan"])
    for accion in ("renovar", "suspender"):
        response = client.post(f"/admin/suscripciones/{suscripcion.id}/{accion}", headers=ah,
                               json={"estado": "cancelada"})
        assert response.status_code == 422


def test_reactivar_expired_inactiva_starts_a_new_term(client, ah, make, empresa, catalogo):
    suscripcion = make.suscripcion(empresa, catalogo["plan"], estado="inactiva", fecha_inicio=date(2020, 1, 1))
    body = client.post(f"/admin/suscripciones/{suscripcion.id}/reactivar", headers=ah, json={}).get_json()
    assert body["fecha_inicio"] == date.today().isoformat()


def test_put_updates_only_flags(client, ah, make, empresa, catalogo):
    suscripcion = make.suscripcion(empresa, catalogo["plan"])
    url = f"/admin/suscripciones/{suscripcion.id}"
    body = client.put(url, headers=ah, json={"renovacion_automatica": True, "notas": "VIP"}).get_json()
    assert body["renovacion_automatica"] is True and body["notas"] == "VIP"
    for campo in ({"estado": "cancelada"}, {"precio_pagado": 0}, {"fecha_fin": "2099-01-01"}):
        assert client.put(url, headers=ah, json=campo).status_code == 422
    client.post(f"{url}/cancelar", headers=ah, json=CANCELAR)
    assert client.put(url, headers=ah, json={"notas": "x"}).status_code == 409


def test_list_filters(client, ah, make, catalogo):
    plan = catalogo["plan"]
    otro_plan = make.plan()
    a = make.suscripcion(make.empresa(), plan, fecha_inicio=date(2026, 1, 31))            # fin 2026-02-28
    b = make.suscripcion(make.empresa(), otro_plan, estado="suspendida", fecha_inicio=date(2026, 3, 1))
    c = make.suscripcion(make.empresa(), plan, periodo="anual", fecha_inicio=date(2026, 1, 1),
                         renovacion_automatica=True)

    def ids(query):
        response = client.get(f"/admin/suscripciones?{query}", headers=ah)
        assert response.status_code == 200, response.get_json()
        return [s["id"] for s in response.get_json()["items"]]

    assert ids(f"empresa_id={a.empresa_id}") == [a.id]
    assert ids(f"plan_id={plan.id}") == [a.id, c.id]
    assert ids("estado=suspendida") == [b.id]
    assert ids("periodo=anual") == [c.id]
    assert ids("renovacion_automatica=true") == [c.id]
    assert ids("vence_antes=2026-04-01") == [a.id, b.id]
    assert ids("vence_antes=2026-04-01&vence_despues=2026-03-01") == [b.id]
    assert ids("sort=-fecha_fin") == [c.id, b.id, a.id]
    assert client.get("/admin/suscripciones?sort=notas", headers=ah).status_code == 422
    assert client.get("/admin/suscripciones?vence_antes=mañana", headers=ah).status_code == 422
    page = client.get("/admin/suscripciones?per_page=1&page=3", headers=ah).get_json()
    assert (page["total"], page["pages"], len(page["items"])) == (3, 3, 1)


def test_suscripcion_vigente_ignores_cancelled(make, empresa, catalogo):
    make.suscripcion(empresa, catalogo["plan"], estado="cancelada")
    assert suscripcion_vigente(empresa.id) is None
    viva = make.suscripcion(empresa, catalogo["plan"], estado="inactiva")
    assert suscripcion_vigente(empresa.id).id == viva.id
