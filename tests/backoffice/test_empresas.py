"""`/admin/empresas`: CRUD, NIT rules, soft delete, filters, sorting, pagination, audit."""

from __future__ import annotations

import pytest

from models import AuditLog, Empresa
from tests.factories import nit_valido


def test_create_normalises_nit_and_audits(client, ah, db):
    response = client.post("/admin/empresas", headers=ah,
                           json={"nit": "900.123.456-8", "nombre": "  Compraventa El Sol  ", "contacto": "a@b.co"})
    assert response.status_code == 201, response.get_json()
    body = response.get_json()
    assert body["nit"] == "900123456-8"
    assert body["nombre"] == "Compraventa El Sol"
    assert body["estado"] == "activa"
    assert body["plan"] is None
    log = db.session.query(AuditLog).filter_by(entidad="empresa", entidad_id=body["id"]).one()
    assert log.accion == "crear" and log.usuario_email == "jefe@tratios.co"
    assert log.despues["nit"] == "900123456-8"


@pytest.mark.parametrize("nit", ["900123456-1", "12", "abc", "900123456-", "9001234567890123"])
def test_invalid_nit_is_422(client, ah, nit):
    response = client.post("/admin/empresas", headers=ah, json={"nit": nit, "nombre": "X"})
    assert response.status_code == 422
    assert "nit" in response.get_json()["details"]


def test_duplicate_nit_with_or_without_check_digit_is_409(client, ah, make):
    make.empresa(nit="900123456-8")
    for nit in ("900123456-8", "900123456"):
        response = client.post("/admin/empresas", headers=ah, json={"nit": nit, "nombre": "Otra"})
        assert response.status_code == 409
        assert response.get_json()["error"] == "nit_duplicado"


@pytest.mark.parametrize("body", [{"nombre": "X"}, {"nit": "900123456-8"}, {"nit": "900123456-8", "nombre": ""},
                                  {"nit": "900123456-8", "nombre": "X", "plan": "Pro"},
                                  {"nit": "900123456-8", "nombre": "X", "estado": "borrada"},
                                  {"nit": "900123456-8", "nombre": "X", "id": 5}])
def test_create_validation(client, ah, body):
    response = client.post("/admin/empresas", headers=ah, json=body)
    assert response.status_code == 422
    assert response.get_json()["details"]


def test_get_update_and_unknown(client, ah, make):
    empresa = make.empresa()
    assert client.get(f"/admin/empresas/{empresa.id}", headers=ah).get_json()["nit"] == empresa.nit
    assert client.get("/admin/empresas/99999", headers=ah).status_code == 404
    response = client.put(f"/admin/empresas/{empresa.id}", headers=ah, json={"nombre": "Nuevo nombre"})
    assert response.status_code == 200
    assert response.get_json()["nombre"] == "Nuevo nombre"
    assert response.get_json()["nit"] == empresa.nit
    assert client.put("/admin/empresas/99999", headers=ah, json={"nombre": "x"}).status_code == 404


def test_update_to_a_taken_nit_is_409(client, ah, make):
    a = make.empresa()
    b = make.empresa()
    response = client.put(f"/admin/empresas/{b.id}", headers=ah, json={"nit": a.nit_base})
    assert response.status_code == 409
    # its own NIT (other form) is fine
    assert client.put(f"/admin/empresas/{b.id}", headers=ah, json={"nit": b.nit_base}).status_code == 200


def test_delete_is_soft_and_activar_undoes_it(client, ah, make, db):
    empresa = make.empresa()
    response = client.delete(f"/admin/empresas/{empresa.id}", headers=ah)
    assert response.status_code == 200
    assert response.get_json()["estado"] == "inactiva"
    assert db.session.get(Empresa, empresa.id) is not None
    response = client.post(f"/admin/empresas/{empresa.id}/activar", headers=ah)
    assert response.get_json()["estado"] == "activa"
    acciones = [a.accion for a in db.session.query(AuditLog).filter_by(entidad="empresa").order_by(AuditLog.id)]
    assert acciones == ["desactivar", "activar"]


def test_list_filters_sort_and_pagination(client, ah, make):
    make.empresa(nombre="Alfa Joyería", nit=nit_valido(811111111))
    make.empresa(nombre="Beta Compraventa", nit=nit_valido(822222222))
    make.empresa(nombre="Gamma Compraventa", nit=nit_valido(833333333), estado="inactiva")

    body = client.get("/admin/empresas?q=compraventa", headers=ah).get_json()
    assert body["total"] == 2
    body = client.get("/admin/empresas?q=8222", headers=ah).get_json()
    assert [e["nombre"] for e in body["items"]] == ["Beta Compraventa"]
    body = client.get("/admin/empresas?estado=inactiva", headers=ah).get_json()
    assert [e["nombre"] for e in body["items"]] == ["Gamma Compraventa"]
    body = client.get("/admin/empresas?sort=-nombre", headers=ah).get_json()
    assert [e["nombre"] for e in body["items"]] == ["Gamma Compraventa", "Beta Compraventa", "Alfa Joyería"]
    body = client.get("/admin/empresas?sort=nombre&per_page=2&page=2", headers=ah).get_json()
    assert body == {**body, "total": 3, "page": 2, "per_page": 2, "pages": 2}
    assert [e["nombre"] for e in body["items"]] == ["Gamma Compraventa"]


@pytest.mark.parametrize("query", ["sort=password", "sort=--nombre", "per_page=101", "page=0", "estado=x",
                                   "sort=nombre,id"])
def test_list_bad_query_is_422(client, ah, query):
    assert client.get(f"/admin/empresas?{query}", headers=ah).status_code == 422


def test_q_treats_wildcards_literally(client, ah, make):
    make.empresa(nombre="100% Oro")
    make.empresa(nombre="Plata")
    assert client.get("/admin/empresas?q=%25", headers=ah).get_json()["total"] == 1
