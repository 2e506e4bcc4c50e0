"""`GET /admin/auditoria`: every admin write is recorded (who, what, before/after, IP, time)
and the list filters and paginates."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from models import AuditLog


@pytest.fixture
def registros(client, ah, make, catalogo):
    empresa = client.post("/admin/empresas", headers=ah, json={"nit": "900123456-8", "nombre": "Uno"}).get_json()
    client.put(f"/admin/empresas/{empresa['id']}", headers=ah, json={"nombre": "Dos"})
    s = client.post("/admin/suscripciones", headers=ah,
                    json={"empresa_id": empresa["id"], "plan_id": catalogo["plan"].id, "periodo": "mensual"})
    client.post(f"/admin/suscripciones/{s.get_json()['id']}/suspender", headers=ah, json={})
    client.post("/admin/usuarios", headers=ah,
                json={"nombre": "U", "email": "u@x.co", "password": "Clave-Segura-77", "rol": "cliente"})
    return empresa


def test_writes_are_recorded_with_actor_ip_and_before_after(client, ah, admin, registros, db):
    body = client.get("/admin/auditoria", headers=ah).get_json()
    assert body["total"] == 5
    ultimo = body["items"][0]  # newest first
    assert ultimo["entidad"] == "usuario" and ultimo["accion"] == "crear"
    assert ultimo["usuario_id"] == admin.id and ultimo["usuario_email"] == admin.email
    assert ultimo["ip"] == "127.0.0.1" and ultimo["created_at"].endswith("+00:00")
    assert "password" not in str(ultimo["despues"]) and "Clave-Segura-77" not in str(body)
    actualizar = next(i for i in body["items"] if i["entidad"] == "empresa" and i["accion"] == "actualizar")
    assert actualizar["antes"]["nombre"] == "Uno" and actualizar["despues"]["nombre"] == "Dos"


def test_reads_are_not_recorded(client, ah, make, db):
    make.empresa()
    client.get("/admin/empresas", headers=ah)
    client.get("/admin/planes-servicios/resumen", headers=ah)
    assert db.session.query(AuditLog).count() == 0


def test_filters(client, ah, admin, registros):
    def total(query):
        response = client.get(f"/admin/auditoria?{query}", headers=ah)
        assert response.status_code == 200, response.get_json()
        return response.get_json()["total"]

    assert total("entidad=empresa") == 2
    assert total("entidad=empresa&accion=actualizar") == 1
    assert total(f"entidad=empresa&entidad_id={registros['id']}") == 2
    assert total("accion=suspender") == 1
    assert total(f"usuario_id={admin.id}") == 5
    assert total(f"empresa_id={registros['id']}") == 4
    hoy = datetime.now(UTC).date()
    assert total(f"desde={hoy}&hasta={hoy}") == 5
    assert total(f"desde={hoy + timedelta(days=1)}") == 0
    assert total(f"hasta={hoy - timedelta(days=1)}") == 0


def test_pagination_and_detail(client, ah, registros):
    page = client.get("/admin/auditoria?per_page=2&page=3", headers=ah).get_json()
    assert (page["total"], page["pages"], len(page["items"])) == (5, 3, 1)
    registro = page["items"][0]
    assert client.get(f"/admin/auditoria/{registro['id']}", headers=ah).get_json() == registro
    assert client.get("/admin/auditoria/99999", headers=ah).status_code == 404


@pytest.mark.parametrize("query", ["desde=ayer", "desde=2026-05-02&hasta=2026-05-01", "per_page=500",
                                   "usuario_id=x"])
def test_bad_filters_are_422(client, ah, query):
    assert client.get(f"/admin/auditoria?{query}", headers=ah).status_code == 422


def test_failed_write_leaves_no_audit_record(client, ah, make, db):
    make.empresa(nit="900123456-8")
    client.post("/admin/empresas", headers=ah, json={"nit": "900123456", "nombre": "Duplicada"})
    assert db.session.query(AuditLog).count() == 0
