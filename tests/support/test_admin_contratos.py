"""Admin: support types, contracts and payments (validation, activation, audit)."""

from __future__ import annotations

from datetime import date

import pytest

from database.db import db
from models import AuditLog
from services.suscripciones import add_months


@pytest.mark.parametrize("body,campo", [
    ({"nombre": "T", "modalidad": "por_tickets", "precio": 10}, "max_tickets"),
    ({"nombre": "T", "modalidad": "por_horas", "precio": 10}, "max_horas"),
    ({"nombre": "T", "modalidad": "mensual", "precio": 10, "max_tickets": 3}, "max_tickets"),
    ({"nombre": "T", "modalidad": "semanal", "precio": 10}, "modalidad"),
    ({"nombre": "T", "modalidad": "mensual", "precio": -1}, "precio"),
    ({"nombre": "T", "modalidad": "mensual", "precio": 10, "id": 5}, "id"),
    ({"modalidad": "mensual", "precio": 10}, "nombre"),
])
def test_tipo_validacion(client, admin_headers, body, campo):
    r = client.post("/admin/soporte-tipos", json=body, headers=admin_headers)
    assert r.status_code == 422 and campo in r.json["details"], r.json


def test_tipo_crud(client, admin_headers, contrato):
    body = {"nombre": "Bolsa 10", "modalidad": "por_tickets", "precio": 99000.5, "max_tickets": 10}
    r = client.post("/admin/soporte-tipos", json=body, headers=admin_headers)
    assert r.status_code == 201 and r.json["precio"] == 99000.5 and r.json["activo"] is True
    tid = r.json["id"]
    assert client.post("/admin/soporte-tipos", json=body, headers=admin_headers).status_code == 409
    r = client.put(f"/admin/soporte-tipos/{tid}", json={"max_tickets": 12}, headers=admin_headers)
    assert r.status_code == 200 and r.json["max_tickets"] == 12
    r = client.put(f"/admin/soporte-tipos/{tid}", json={"max_horas": 3}, headers=admin_headers)
    assert r.status_code == 422
    r = client.put(f"/admin/soporte-tipos/{tid}", json={"modalidad": "por_horas", "max_horas": 8},
                   headers=admin_headers)
    assert r.status_code == 200 and r.json["max_tickets"] is None and r.json["max_horas"] == 8
    assert client.get("/admin/soporte-tipos?modalidad=por_horas", headers=admin_headers).json["total"] == 1
    assert client.delete(f"/admin/soporte-tipos/{tid}", headers=admin_headers).status_code == 204
    assert client.get(f"/admin/soporte-tipos/{tid}", headers=admin_headers).status_code == 404
    # a type already contracted cannot be deleted nor change modality
    usado = contrato("mensual").soporte_tipo_id
    assert client.delete(f"/admin/soporte-tipos/{usado}", headers=admin_headers).status_code == 409
    r = client.put(f"/admin/soporte-tipos/{usado}", json={"modalidad": "anual"}, headers=admin_headers)
    assert r.status_code == 409
    r = client.put(f"/admin/soporte-tipos/{usado}", json={"activo": False}, headers=admin_headers)
    assert r.status_code == 200 and r.json["activo"] is False
    acciones = [a.accion for a in db.session.query(AuditLog).filter_by(entidad="soporte_tipo")]
    assert acciones.count("crear") == 1 and "borrar" in acciones and "actualizar" in acciones


def test_contrato_crear_pagar_activar(client, admin_headers, make, api):
    empresa = make.empresa()
    suscripcion = make.suscripcion(empresa, make.plan())
    tipo = make.soporte_tipo("por_tickets", max_tickets=5)
    body = {"empresa_id": empresa.id, "suscripcion_id": suscripcion.id, "soporte_tipo_id": tipo.id, "notas": "N1"}
    r = client.post("/admin/soporte-suscripciones", json=body, headers=admin_headers)
    assert r.status_code == 201, r.json
    c = r.json
    assert c["estado"] == "pendiente_pago" and c["precio_actual"] == float(tipo.precio)
    assert c["fecha_inicio"] == date.today().isoformat()
    assert c["fecha_fin"] == add_months(date.today(), 1).isoformat()
    assert c["modalidad"] == "por_tickets" and c["tickets_consumidos"] == 0 and c["creado_por"] is not None
    # one open contract per company
    assert client.post("/admin/soporte-suscripciones", json=body, headers=admin_headers).status_code == 409
    # unpaid: no tickets
    r = api("POST", "/create_tickets", empresa.id, json={"titulo": "x", "descripcion": "y", "prioridad": "baja"})
    assert r.status_code == 403

    # a failed payment does not activate; a pending one marked exitoso does
    pago = {"soporte_suscripcion_id": c["id"], "monto": 150000, "estado": "fallido", "detalle": {"ref": "A1"}}
    r = client.post("/admin/soporte-pagos", json=pago, headers=admin_headers)
    assert r.status_code == 201 and r.json["empresa_id"] == empresa.id and r.json["detalle"] == {"ref": "A1"}
    assert client.get(f"/admin/soporte-suscripciones/{c['id']}", headers=admin_headers).json["estado"] \
        == "pendiente_pago"
    r = client.post("/admin/soporte-pagos", json={**pago, "estado": "pendiente"}, headers=admin_headers)
    pid = r.json["id"]
    r = client.patch(f"/admin/soporte-pagos/{pid}", json={"estado": "exitoso"}, headers=admin_headers)
    assert r.status_code == 200 and r.json["estado"] == "exitoso"
    assert client.get(f"/admin/soporte-suscripciones/{c['id']}", headers=admin_headers).json["estado"] == "activo"
    assert client.patch(f"/admin/soporte-pagos/{pid}", json={"estado": "fallido"}, headers=admin_headers).status_code \
        == 409
    r = api("POST", "/create_tickets", empresa.id, json={"titulo": "x", "descripcion": "y", "prioridad": "baja"})
    assert r.status_code == 201

    lista = client.get(f"/admin/soporte-pagos?soporte_suscripcion_id={c['id']}", headers=admin_headers).json
    assert lista["total"] == 2
    assert client.get("/admin/soporte-pagos?estado=exitoso", headers=admin_headers).json["total"] == 1
    assert client.get(f"/admin/soporte-suscripciones?empresa_id={empresa.id}&estado=activo",
                      headers=admin_headers).json["total"] == 1
    r = client.patch(f"/admin/soporte-suscripciones/{c['id']}", json={"notas": "N2"}, headers=admin_headers)
    assert r.status_code == 200 and r.json["notas"] == "N2"
    r = client.patch(f"/admin/soporte-suscripciones/{c['id']}", json={"tickets_consumidos": 0}, headers=admin_headers)
    assert r.status_code == 422
    acciones = {a.accion for a in db.session.query(AuditLog).filter_by(entidad="soporte_suscripcion")}
    assert {"crear", "activar", "actualizar"} <= acciones
    assert db.session.query(AuditLog).filter_by(entidad="soporte_pago").count() == 3


def test_pago_exitoso_directo_activa(client, admin_headers, contrato):
    c = contrato("mensual", estado="pendiente_pago")
    r = client.post("/admin/soporte-pagos", json={"soporte_suscripcion_id": c.id, "monto": 1, "estado": "exitoso"},
                    headers=admin_headers)
    assert r.status_code == 201
    assert client.get(f"/admin/soporte-suscripciones/{c.id}", headers=admin_headers).json["estado"] == "activo"


@pytest.mark.parametrize("body,campo", [
    ({"soporte_suscripcion_id": 999999, "monto": 10, "estado": "exitoso"}, "soporte_suscripcion_id"),
    ({"soporte_suscripcion_id": 1, "monto": 0, "estado": "exitoso"}, "monto"),
    ({"soporte_suscripcion_id": 1, "monto": 10, "estado": "raro"}, "estado"),
    ({"soporte_suscripcion_id": 1, "monto": 10, "estado": "exitoso", "empresa_id": 2}, "empresa_id"),
])
def test_pago_validacion(client, admin_headers, body, campo):
    r = client.post("/admin/soporte-pagos", json=body, headers=admin_headers)
    assert r.status_code == 422 and campo in r.json["details"]


def test_contrato_validacion(client, admin_headers, make):
    e1, e2 = make.empresa(), make.empresa()
    s2 = make.suscripcion(e2, make.plan())
    tipo = make.soporte_tipo("mensual")
    body = {"empresa_id": e1.id, "suscripcion_id": s2.id, "soporte_tipo_id": tipo.id}
    r = client.post("/admin/soporte-suscripciones", json=body, headers=admin_headers)
    assert r.status_code == 422 and "suscripcion_id" in r.json["details"]
    body = {"empresa_id": e2.id, "suscripcion_id": s2.id, "soporte_tipo_id": tipo.id, "estado": "activo"}
    assert client.post("/admin/soporte-suscripciones", json=body, headers=admin_headers).status_code == 422
    body = {"empresa_id": 999999, "suscripcion_id": s2.id, "soporte_tipo_id": tipo.id}
    assert client.post("/admin/soporte-suscripciones", json=body, headers=admin_headers).status_code == 404
