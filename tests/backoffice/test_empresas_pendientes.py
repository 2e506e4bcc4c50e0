"""Finding 2 of issue 14: a self-service company is `pendiente` (licence EMPRESA_PENDIENTE) until an admin
approves it; rejecting it deletes it with its users and subscriptions, so the real owner of the NIT (and
of the e-mail) can register; stale pending registrations are removed by `flask suscripciones procesar`."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from models import AuditLog, Empresa, Suscripcion, Usuario
from tests.factories import nit_valido

PASSWORD = "Tormenta-Violeta-Kiwi-47"
URL_NIT = "/api/suscripcion-activa/{}"


def _registro(client, nit, email="dueno@squat.co", **kw):
    body = {"nombre": "Ana Pérez", "email": email, "password": PASSWORD,
            "empresa": {"nit": nit, "nombre": "Squat S.A.S."}} | kw
    return client.post("/auth/registro", json=body)


def _signup(client, nit, plan, email="gerente@nueva.co"):
    return client.post("/public/suscripcion", json={
        "empresa": {"nit": nit, "nombre": "Nueva S.A.S.", "contacto": "gerencia@nueva.co"},
        "usuario": {"nombre": "Gerente", "email": email, "password": PASSWORD},
        "plan_id": plan.id, "periodo": "mensual",
    })


def _auditadas(db, accion):
    db.session.expire_all()
    return db.session.execute(db.select(AuditLog).where(AuditLog.accion == accion)).scalars().all()


def test_el_registro_con_empresa_queda_pendiente_y_su_licencia_no_es_valida(client, api_key_headers):
    nit = nit_valido()
    response = _registro(client, nit)
    assert response.status_code == 201, response.get_json()
    body = client.get(URL_NIT.format(nit), headers=api_key_headers()).get_json()
    assert (body["codigo"], body["valida"], body["servicios"]) == ("EMPRESA_PENDIENTE", False, [])
    assert "pendiente" in body["detalle"]


def test_la_empresa_creada_por_el_admin_sigue_activa_salvo_que_diga_otra_cosa(client, ah):
    activa = client.post("/admin/empresas", json={"nit": nit_valido(), "nombre": "Directa"}, headers=ah)
    assert activa.status_code == 201 and activa.get_json()["estado"] == "activa"
    pendiente = client.post("/admin/empresas", json={"nit": nit_valido(), "nombre": "Por revisar",
                                                     "estado": "pendiente"}, headers=ah)
    assert pendiente.status_code == 201 and pendiente.get_json()["estado"] == "pendiente"


def test_aprobar_la_activa_y_la_licencia_deja_de_estar_pendiente(client, ah, api_key_headers, db):
    nit = nit_valido()
    _registro(client, nit)
    empresa_id = db.session.execute(db.select(Empresa.id).where(Empresa.nit == nit)).scalar_one()
    response = client.post(f"/admin/empresas/{empresa_id}/aprobar", headers=ah)
    assert response.status_code == 200, response.get_json()
    assert response.get_json()["estado"] == "activa"
    body = client.get(URL_NIT.format(nit), headers=api_key_headers()).get_json()
    assert body["codigo"] == "SIN_SUSCRIPCION"
    [entrada] = _auditadas(db, "aprobar")
    assert (entrada.antes["estado"], entrada.despues["estado"], entrada.entidad_id) == ("pendiente", "activa",
                                                                                        empresa_id)
    again = client.post(f"/admin/empresas/{empresa_id}/aprobar", headers=ah)
    assert again.status_code == 409
    assert again.get_json()["error"] == "transicion_invalida"


def test_rechazar_borra_empresa_usuarios_y_suscripciones_y_libera_nit_y_correo(client, ah, make, db,
                                                                               api_key_headers):
    plan = make.plan()
    nit = nit_valido()
    signup = _signup(client, nit, plan)
    assert signup.status_code == 201, signup.get_json()
    empresa_id = signup.get_json()["empresa"]["id"]
    # The real owner cannot register while the squatter's company exists.
    assert _signup(client, nit, plan, email="real@duena.co").status_code == 409

    response = client.post(f"/admin/empresas/{empresa_id}/rechazar", headers=ah)
    assert response.status_code == 200, response.get_json()
    assert response.get_json()["estado"] == "rechazada"
    db.session.expire_all()
    assert db.session.get(Empresa, empresa_id) is None
    assert db.session.execute(db.select(Usuario).where(Usuario.empresa_id == empresa_id)).first() is None
    assert db.session.execute(db.select(Suscripcion).where(Suscripcion.empresa_id == empresa_id)).first() is None
    [entrada] = _auditadas(db, "rechazar")
    assert entrada.entidad == "empresa" and entrada.antes["nit"] == nit and entrada.despues is None
    assert client.get(f"/admin/empresas/{empresa_id}", headers=ah).status_code == 404
    assert client.get(URL_NIT.format(nit), headers=api_key_headers()).status_code == 404
    assert client.post(f"/admin/empresas/{empresa_id}/rechazar", headers=ah).status_code == 404

    # NIT and e-mail are free again.
    assert _signup(client, nit, plan).status_code == 201


@pytest.mark.parametrize("accion", ["aprobar", "rechazar"])
def test_aprobar_o_rechazar_una_empresa_no_pendiente_es_409(client, ah, make, accion):
    empresa = make.empresa()
    response = client.post(f"/admin/empresas/{empresa.id}/{accion}", headers=ah)
    assert response.status_code == 409
    body = response.get_json()
    assert body["error"] == "transicion_invalida"
    assert body["details"]["estados_permitidos"] == ["pendiente"]


def test_una_pendiente_no_se_desactiva_ni_se_activa_por_otra_via(client, ah, make):
    empresa = make.empresa(estado="pendiente")
    assert client.delete(f"/admin/empresas/{empresa.id}", headers=ah).status_code == 409
    assert client.post(f"/admin/empresas/{empresa.id}/activar", headers=ah).status_code == 409
    response = client.put(f"/admin/empresas/{empresa.id}", json={"estado": "inactiva"}, headers=ah)
    assert response.status_code == 409 and response.get_json()["error"] == "transicion_invalida"


def test_el_cliente_no_puede_aprobar_su_empresa(client, make, auth_headers):
    empresa = make.empresa(estado="pendiente")
    usuario = make.usuario(empresa_id=empresa.id)
    response = client.post(f"/admin/empresas/{empresa.id}/aprobar", headers=auth_headers(usuario))
    assert response.status_code == 403


def test_la_lista_filtra_las_pendientes(client, ah, make):
    pendiente = make.empresa(estado="pendiente")
    make.empresa()
    body = client.get("/admin/empresas?estado=pendiente", headers=ah).get_json()
    assert [e["id"] for e in body["items"]] == [pendiente.id]


def test_procesar_borra_los_registros_pendientes_viejos(runner, client, make, db, app):
    viejo = datetime.now(UTC) - timedelta(days=app.config["REGISTRO_PENDIENTE_DIAS"] + 1)
    plan = make.plan()
    vieja = make.empresa(estado="pendiente", created_at=viejo)
    make.usuario(empresa_id=vieja.id, email="viejo@squat.co")
    make.suscripcion(vieja, plan, estado="inactiva")
    reciente = make.empresa(estado="pendiente")
    activa_vieja = make.empresa(created_at=viejo)
    sin_confirmar = make.usuario(email="sin2fa@squat.co", pendiente_activacion=True, is_active=False,
                                 created_at=viejo)
    confirmando = make.usuario(email="hoy@squat.co", pendiente_activacion=True, is_active=False)

    result = runner.invoke(args=["suscripciones", "procesar"])
    assert result.exit_code == 0, result.output
    assert "registros pendientes borrados=2" in result.output
    db.session.expire_all()
    assert db.session.get(Empresa, vieja.id) is None
    assert db.session.get(Usuario, sin_confirmar.id) is None
    assert db.session.execute(db.select(Usuario).where(Usuario.email == "viejo@squat.co")).first() is None
    assert db.session.get(Empresa, reciente.id) is not None
    assert db.session.get(Empresa, activa_vieja.id) is not None
    assert db.session.get(Usuario, confirmando.id) is not None
    # The freed e-mail registers again.
    response = client.post("/auth/registro", json={"nombre": "Otra", "email": "sin2fa@squat.co",
                                                   "password": PASSWORD})
    assert response.status_code == 201, response.get_json()
    again = runner.invoke(args=["suscripciones", "procesar"])
    assert "registros pendientes borrados=0" in again.output
