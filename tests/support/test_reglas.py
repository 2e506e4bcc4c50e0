"""The support rules per modality, through the internal API and the admin actions."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest

from database.db import db
from models import AuditLog, SoporteSuscripcion, SoporteTicket


def _recargar(obj):
    db.session.expire_all()
    return db.session.get(type(obj), obj.id)


def test_sin_contrato_403(make, nuevo_ticket):
    empresa = make.empresa()
    r = nuevo_ticket(empresa.id)
    assert r.status_code == 403
    assert r.json["error"] == "sin_soporte_activo"


@pytest.mark.parametrize("kw", [
    {"estado": "pendiente_pago"},
    {"estado": "cancelado"},
    {"estado": "vencido"},
    # stored as activo but the period is over: still refused
    {"fecha_inicio": date.today() - timedelta(days=40), "fecha_fin": date.today() - timedelta(days=1)},
    {"fecha_inicio": date.today() + timedelta(days=1), "fecha_fin": date.today() + timedelta(days=30)},
])
def test_contrato_no_vigente_403(contrato, nuevo_ticket, kw):
    c = contrato("mensual", **kw)
    r = nuevo_ticket(c.empresa_id)
    assert r.status_code == 403, r.json
    assert r.json["error"] == "sin_soporte_activo"


def test_empresa_inactiva_403(make, contrato, nuevo_ticket):
    empresa = make.empresa(estado="inactiva")
    contrato("mensual", empresa=empresa)
    assert nuevo_ticket(empresa.id).status_code == 403


@pytest.mark.parametrize("modalidad", ["mensual", "anual"])
def test_ilimitado(contrato, nuevo_ticket, api, modalidad):
    c = contrato(modalidad)
    for _ in range(5):
        r = nuevo_ticket(c.empresa_id)
        assert r.status_code == 201
    ticket = r.json["ticket"]
    assert set(ticket) == {"id", "empresa_id", "usuario_id", "titulo", "descripcion", "prioridad", "estado",
                           "metadata", "horas_dedicadas", "created_at", "updated_at", "closed_at", "archivos"}
    assert ticket["estado"] == "abierto" and ticket["empresa_id"] == c.empresa_id
    status = api("GET", "/status", c.empresa_id).json
    assert status == {"activo": True, "modalidad": modalidad, "fecha_fin": c.fecha_fin.isoformat(),
                      "tickets_disponibles": None, "horas_disponibles": None}
    assert _recargar(c).tickets_consumidos == 0


def test_por_tickets_cupo_y_liberacion(contrato, nuevo_ticket, api, client, admin_headers):
    c = contrato("por_tickets", tipo_kw={"max_tickets": 2})
    t1 = nuevo_ticket(c.empresa_id).json["ticket"]
    t2 = nuevo_ticket(c.empresa_id).json["ticket"]
    r = nuevo_ticket(c.empresa_id)
    assert r.status_code == 409 and r.json["error"] == "cupo_agotado"
    assert api("GET", "/status", c.empresa_id).json["tickets_disponibles"] == 0
    assert db.session.query(SoporteTicket).count() == 2

    # closing does not give the slot back
    r = client.post(f"/admin/soporte-tickets/{t1['id']}/cerrar", json={}, headers=admin_headers)
    assert r.status_code == 200 and r.json["estado"] == "cerrado" and r.json["closed_at"]
    assert nuevo_ticket(c.empresa_id).status_code == 409

    # cancelling an open one does, once
    r = client.post(f"/admin/soporte-tickets/{t2['id']}/cancelar", headers=admin_headers)
    assert r.status_code == 200 and r.json["estado"] == "cancelado"
    assert client.post(f"/admin/soporte-tickets/{t2['id']}/cancelar", headers=admin_headers).status_code == 409
    assert _recargar(c).tickets_consumidos == 1
    assert api("GET", "/status", c.empresa_id).json["tickets_disponibles"] == 1
    assert nuevo_ticket(c.empresa_id).status_code == 201
    assert nuevo_ticket(c.empresa_id).status_code == 409


def test_por_horas_cierre_y_agotamiento(contrato, nuevo_ticket, api, client, admin_headers):
    c = contrato("por_horas", tipo_kw={"max_horas": Decimal("5")})
    t1 = nuevo_ticket(c.empresa_id).json["ticket"]
    t2 = nuevo_ticket(c.empresa_id).json["ticket"]
    # hours are required to close under a per-hour contract
    r = client.post(f"/admin/soporte-tickets/{t1['id']}/cerrar", json={}, headers=admin_headers)
    assert r.status_code == 422 and "horas_dedicadas" in r.json["details"]
    assert _recargar(c).horas_consumidas == 0
    r = client.post(f"/admin/soporte-tickets/{t1['id']}/cerrar", json={"horas_dedicadas": 3.5}, headers=admin_headers)
    assert r.status_code == 200 and r.json["horas_dedicadas"] == 3.5
    assert api("GET", "/status", c.empresa_id).json["horas_disponibles"] == 1.5
    assert nuevo_ticket(c.empresa_id).status_code == 201
    # passing the limit is recorded and exhausts the contract
    r = client.post(f"/admin/soporte-tickets/{t2['id']}/cerrar", json={"horas_dedicadas": 4}, headers=admin_headers)
    assert r.status_code == 200
    c = _recargar(c)
    assert c.horas_consumidas == Decimal("7.50") and c.agotado is True
    r = nuevo_ticket(c.empresa_id)
    assert r.status_code == 409 and r.json["error"] == "cupo_agotado"
    assert api("GET", "/status", c.empresa_id).json["horas_disponibles"] == 0
    disp = client.get(f"/admin/soporte-tickets/disponibilidad?empresa_id={c.empresa_id}", headers=admin_headers).json
    assert disp["agotado"] is True and disp["horas_consumidas"] == 7.5 and disp["max_horas"] == 5

    # renewing starts a new period with counters at zero
    r = client.post(f"/admin/soporte-suscripciones/{c.id}/renovar", json={}, headers=admin_headers)
    assert r.status_code == 200
    assert r.json["horas_consumidas"] == 0 and r.json["agotado"] is False and r.json["estado"] == "activo"
    assert nuevo_ticket(c.empresa_id).status_code == 201


def test_renovar_resetea_tickets_y_no_devuelve_cupos_viejos(contrato, nuevo_ticket, client, admin_headers):
    c = contrato("por_tickets", tipo_kw={"max_tickets": 1})
    viejo = nuevo_ticket(c.empresa_id).json["ticket"]
    assert nuevo_ticket(c.empresa_id).status_code == 409
    r = client.post(f"/admin/soporte-suscripciones/{c.id}/renovar", json={"notas": "pagó"}, headers=admin_headers)
    assert r.status_code == 200 and r.json["tickets_consumidos"] == 0 and r.json["notas"] == "pagó"
    assert r.json["fecha_inicio"] == date.today().isoformat()
    # a ticket of the old period cancelled now does not add a slot to the new one
    client.post(f"/admin/soporte-tickets/{viejo['id']}/cancelar", headers=admin_headers)
    assert _recargar(c).tickets_consumidos == 0
    assert nuevo_ticket(c.empresa_id).status_code == 201
    assert nuevo_ticket(c.empresa_id).status_code == 409


def test_transiciones(contrato, nuevo_ticket, client, admin_headers):
    c = contrato("mensual")
    t = nuevo_ticket(c.empresa_id).json["ticket"]
    url = f"/admin/soporte-tickets/{t['id']}"
    assert client.post(url + "/reabrir", headers=admin_headers).status_code == 409
    r = client.patch(url, json={"estado": "en_proceso", "prioridad": "alta"}, headers=admin_headers)
    assert r.status_code == 200 and r.json["estado"] == "en_proceso" and r.json["prioridad"] == "alta"
    r = client.patch(url, json={"estado": "abierto"}, headers=admin_headers)
    assert r.status_code == 409 and r.json["error"] == "transicion_invalida"
    assert client.patch(url, json={"estado": "cerrado"}, headers=admin_headers).status_code == 422
    assert client.patch(url, json={"empresa_id": 3}, headers=admin_headers).status_code == 422
    assert client.post(url + "/cerrar", json={"horas_dedicadas": 1}, headers=admin_headers).status_code == 200
    assert client.patch(url, json={"estado": "en_proceso"}, headers=admin_headers).status_code == 409
    r = client.post(url + "/reabrir", headers=admin_headers)
    assert r.status_code == 200 and r.json["estado"] == "abierto" and r.json["closed_at"] is None
    assert client.post(url + "/cancelar", headers=admin_headers).status_code == 200
    for accion in ("cerrar", "reabrir", "cancelar"):
        assert client.post(url + "/" + accion, json={}, headers=admin_headers).status_code == 409
    acciones = {a.accion for a in db.session.query(AuditLog).filter_by(entidad="soporte_ticket")}
    assert {"actualizar", "cerrar", "reabrir", "cancelar"} <= acciones


def test_asignar_solo_admin(contrato, nuevo_ticket, client, admin_headers, make):
    c = contrato("mensual")
    t = nuevo_ticket(c.empresa_id).json["ticket"]
    cliente = make.usuario(empresa_id=c.empresa_id)
    admin2 = make.usuario(rol="admin")
    url = f"/admin/soporte-tickets/{t['id']}"
    assert client.patch(url, json={"asignado_a": cliente.id}, headers=admin_headers).status_code == 422
    r = client.patch(url, json={"asignado_a": admin2.id}, headers=admin_headers)
    assert r.status_code == 200 and r.json["asignado_a"] == admin2.id
    assert client.patch(url, json={"asignado_a": None}, headers=admin_headers).json["asignado_a"] is None


def test_comentarios_y_estados(contrato, nuevo_ticket, api, client, admin_headers):
    c = contrato("mensual")
    t = nuevo_ticket(c.empresa_id).json["ticket"]
    url = f"/admin/soporte-tickets/{t['id']}"
    r = client.post(url + "/comentarios", json={"contenido": "nota privada", "interno": True}, headers=admin_headers)
    assert r.status_code == 201 and r.json["interno"] is True
    assert _recargar(db.session.get(SoporteTicket, t["id"])).first_response_at is None
    r = client.post(url + "/comentarios", json={"contenido": "¿Qué versión usa?"}, headers=admin_headers)
    assert r.status_code == 201
    assert set(r.json) == {"id", "ticket_id", "contenido", "es_admin", "interno", "autor", "adjuntos", "created_at"}
    assert r.json["es_admin"] is True and r.json["adjuntos"] == []
    assert _recargar(db.session.get(SoporteTicket, t["id"])).first_response_at is not None
    client.patch(url, json={"estado": "pendiente_respuesta"}, headers=admin_headers)

    r = api("POST", f"/tickets/{t['id']}/comentarios", c.empresa_id, json={"contenido": "La 1.2.3"})
    assert r.status_code == 201 and r.json["comentario"]["es_admin"] is False
    detalle = api("GET", f"/ticket_id/{t['id']}", c.empresa_id).json
    assert detalle["ticket"]["estado"] == "en_proceso"
    assert [x["contenido"] for x in detalle["comentarios"]] == ["¿Qué versión usa?", "La 1.2.3"]
    assert all(x["interno"] is False for x in detalle["comentarios"])
    # the admin sees the internal note
    todos = client.get(url, headers=admin_headers).json["comentarios"]
    assert [x["contenido"] for x in todos] == ["nota privada", "¿Qué versión usa?", "La 1.2.3"]

    client.post(url + "/cerrar", json={}, headers=admin_headers)
    r = api("POST", f"/tickets/{t['id']}/comentarios", c.empresa_id, json={"contenido": "otra"})
    assert r.status_code == 409


def test_usuario_de_otra_empresa_422(contrato, nuevo_ticket, make, api):
    c = contrato("mensual")
    propio = make.usuario(empresa_id=c.empresa_id)
    ajeno = make.usuario(empresa_id=make.empresa().id)
    r = nuevo_ticket(c.empresa_id, usuario_id=ajeno.id)
    assert r.status_code == 422 and "usuario_id" in r.json["details"]
    r = nuevo_ticket(c.empresa_id, usuario_id=propio.id, metadata={"origen": "web", "version": "1.2.3"})
    assert r.status_code == 201
    assert r.json["ticket"]["usuario_id"] == propio.id
    assert r.json["ticket"]["metadata"] == {"origen": "web", "version": "1.2.3"}
    tid = r.json["ticket"]["id"]
    r = api("POST", f"/tickets/{tid}/comentarios", c.empresa_id, json={"contenido": "x", "usuario_id": ajeno.id})
    assert r.status_code == 422


@pytest.mark.parametrize("body", [
    {"descripcion": "x", "prioridad": "media"},
    {"titulo": "x", "descripcion": "x", "prioridad": "altísima"},
    {"titulo": "x", "descripcion": "x", "estado": "cerrado"},
    {"titulo": "x", "descripcion": "x", "consumio_cupo": False},
    {"titulo": "   ", "descripcion": "x"},
])
def test_validacion_crear(contrato, nuevo_ticket, api, body):
    c = contrato("mensual")
    r = api("POST", "/create_tickets", c.empresa_id, json=body)
    assert r.status_code == 422


def test_admin_crea_a_nombre_de_empresa(contrato, client, admin_headers, make):
    c = contrato("por_tickets", tipo_kw={"max_tickets": 1})
    body = {"empresa_id": c.empresa_id, "titulo": "Llamada", "descripcion": "Cliente llamó", "prioridad": "alta"}
    r = client.post("/admin/soporte-tickets", json=body, headers=admin_headers)
    assert r.status_code == 201 and r.json["consumio_cupo"] is True
    assert client.post("/admin/soporte-tickets", json=body, headers=admin_headers).status_code == 409
    sin = make.empresa()
    r = client.post("/admin/soporte-tickets", json={**body, "empresa_id": sin.id}, headers=admin_headers)
    assert r.status_code == 403
    r = client.post("/admin/soporte-tickets", json={**body, "empresa_id": 999999}, headers=admin_headers)
    assert r.status_code == 404
    assert db.session.query(AuditLog).filter_by(entidad="soporte_ticket", accion="crear").count() == 1


def test_admin_listado_filtros(contrato, nuevo_ticket, client, admin_headers):
    c1 = contrato("mensual")
    c2 = contrato("mensual")
    nuevo_ticket(c1.empresa_id, titulo="Factura electrónica falla", prioridad="alta")
    nuevo_ticket(c1.empresa_id, titulo="Otro", prioridad="baja")
    nuevo_ticket(c2.empresa_id, titulo="Factura duplicada", prioridad="alta")
    r = client.get("/admin/soporte-tickets?q=factura&prioridad=alta", headers=admin_headers)
    assert r.status_code == 200 and r.json["total"] == 2
    r = client.get(f"/admin/soporte-tickets?empresa_id={c1.empresa_id}&per_page=1", headers=admin_headers)
    assert r.json["total"] == 2 and r.json["pages"] == 2 and len(r.json["items"]) == 1
    assert client.get("/admin/soporte-tickets?estado=raro", headers=admin_headers).status_code == 422


def test_estadisticas(contrato, nuevo_ticket, client, admin_headers):
    c = contrato("por_horas", tipo_kw={"max_horas": Decimal("100")})
    ids = [nuevo_ticket(c.empresa_id, prioridad=p).json["ticket"]["id"] for p in ("alta", "alta", "baja")]
    client.post(f"/admin/soporte-tickets/{ids[0]}/comentarios", json={"contenido": "hola"}, headers=admin_headers)
    client.post(f"/admin/soporte-tickets/{ids[0]}/cerrar", json={"horas_dedicadas": 2}, headers=admin_headers)
    client.post(f"/admin/soporte-tickets/{ids[1]}/cerrar", json={"horas_dedicadas": 1.25}, headers=admin_headers)
    r = client.get("/admin/soporte-tickets/estadisticas", headers=admin_headers)
    assert r.status_code == 200
    s = r.json
    assert s["total"] == 3
    assert s["por_estado"]["cerrado"] == 2 and s["por_estado"]["abierto"] == 1
    assert s["por_prioridad"] == {"baja": 1, "media": 0, "alta": 2, "urgente": 0}
    assert s["tiempo_primera_respuesta_horas"] is not None and s["tiempo_primera_respuesta_horas"] >= 0
    assert s["tiempo_resolucion_horas"] is not None
    assert s["horas_por_empresa"] == [{"empresa_id": c.empresa_id, "empresa": c.empresa.nombre,
                                       "periodo": date.today().strftime("%Y-%m"), "horas": 3.25, "tickets": 2}]
    vacio = client.get("/admin/soporte-tickets/estadisticas?empresa_id=999999", headers=admin_headers).json
    assert vacio["total"] == 0 and vacio["tiempo_resolucion_horas"] is None


def test_contrato_cancelado_no_admite_tickets(contrato, nuevo_ticket, client, admin_headers):
    c = contrato("mensual")
    r = client.post(f"/admin/soporte-suscripciones/{c.id}/cancelar", json={"notas": "no pagó"}, headers=admin_headers)
    assert r.status_code == 200 and r.json["estado"] == "cancelado"
    assert client.post(f"/admin/soporte-suscripciones/{c.id}/cancelar", json={}, headers=admin_headers).status_code \
        == 409
    assert client.post(f"/admin/soporte-suscripciones/{c.id}/renovar", json={}, headers=admin_headers).status_code \
        == 409
    assert nuevo_ticket(c.empresa_id).status_code == 403
    assert db.session.get(SoporteSuscripcion, c.id).estado == "cancelado"
