"""`/admin/usuarios`: CRUD, password policy, self-protection, last admin, session revocation."""

from __future__ import annotations

import pytest

from models import AuditLog, Usuario
from utils.passwords import verify_password

CLAVE = "Otra-Clave-Segura-9"


def _crear(client, ah, **over):
    body = {"nombre": "Ana", "email": "ana@cliente.co", "password": CLAVE, "rol": "cliente"}
    body.update(over)
    return client.post("/admin/usuarios", headers=ah, json=body)


def test_create_hides_secrets_and_audits_without_password(client, ah, make, db):
    empresa = make.empresa()
    response = _crear(client, ah, email="ANA@Cliente.co ", empresa_id=empresa.id, telefono="3001234567")
    assert response.status_code == 201, response.get_json()
    body = response.get_json()
    assert body["email"] == "ana@cliente.co"
    assert body["empresa_id"] == empresa.id
    assert not {"password", "password_hash", "otp_secret", "otp_backup_codes"} & set(body)
    usuario = db.session.get(Usuario, body["id"])
    assert verify_password(usuario.password_hash, CLAVE)
    log = db.session.query(AuditLog).filter_by(entidad="usuario", entidad_id=usuario.id).one()
    assert "password_hash" not in log.despues and "password" not in log.despues
    assert CLAVE not in str(log.despues)


@pytest.mark.parametrize("over", [{"password": "corta"}, {"password": "sinmayusculas-123"},
                                  {"email": "no-es-correo"}, {"rol": "root"}, {"nombre": ""},
                                  {"otp_enabled": True}, {"otp_secret": "X"}, {"empresa_id": 99999}])
def test_create_validation_is_422(client, ah, over):
    response = _crear(client, ah, **over)
    assert response.status_code == 422, response.get_json()
    assert response.get_json()["details"]


@pytest.mark.parametrize("password", ["corta", "sinmayusculas-123"])
def test_weak_password_is_password_debil_under_its_field(client, ah, make, password):
    response = _crear(client, ah, password=password)
    assert response.get_json()["error"] == "password_debil"
    assert response.get_json()["details"]["password"]
    usuario = make.usuario()
    response = client.post(f"/admin/usuarios/{usuario.id}/cambiar-password", headers=ah,
                           json={"new_password": password})
    assert response.status_code == 422
    assert response.get_json()["error"] == "password_debil"
    assert response.get_json()["details"]["new_password"]


def test_duplicate_email_is_409(client, ah, make):
    make.usuario(email="ana@cliente.co")
    assert _crear(client, ah, email="Ana@Cliente.co").status_code == 409


def test_update_and_protected_fields(client, ah, make):
    usuario = make.usuario()
    response = client.put(f"/admin/usuarios/{usuario.id}", headers=ah, json={"nombre": "Nuevo", "ciudad": "Cali"})
    assert response.status_code == 200
    assert response.get_json()["ciudad"] == "Cali"
    for campo in ({"password": CLAVE}, {"otp_enabled": False}, {"password_hash": "x"}, {"created_at": "2020-01-01"}):
        assert client.put(f"/admin/usuarios/{usuario.id}", headers=ah, json=campo).status_code == 422
    assert client.get("/admin/usuarios/99999", headers=ah).status_code == 404


def test_list_filters(client, ah, make, admin):
    empresa = make.empresa()
    make.usuario(nombre="Carlos Pérez", empresa_id=empresa.id)
    make.usuario(nombre="Diana", email="diana@x.co", is_active=False)
    assert client.get("/admin/usuarios?q=carlos", headers=ah).get_json()["total"] == 1
    assert client.get("/admin/usuarios?q=DIANA@", headers=ah).get_json()["total"] == 1
    assert client.get(f"/admin/usuarios?empresa_id={empresa.id}", headers=ah).get_json()["total"] == 1
    assert client.get("/admin/usuarios?rol=admin", headers=ah).get_json()["items"][0]["id"] == admin.id
    assert client.get("/admin/usuarios?is_active=false", headers=ah).get_json()["total"] == 1
    nombres = [u["nombre"] for u in client.get("/admin/usuarios?sort=-nombre", headers=ah).get_json()["items"]]
    assert nombres == sorted(nombres, reverse=True)


def test_cambiar_password_revokes_sessions(client, ah, make, db, monkeypatch):
    import services.usuarios as svc

    revocados = []
    monkeypatch.setattr(svc, "revoke_all_for_user", revocados.append)
    usuario = make.usuario()
    response = client.post(f"/admin/usuarios/{usuario.id}/cambiar-password", headers=ah,
                           json={"new_password": CLAVE})
    assert response.status_code == 200
    db.session.refresh(usuario)
    assert verify_password(usuario.password_hash, CLAVE)
    assert revocados == [usuario.id]
    assert client.post(f"/admin/usuarios/{usuario.id}/cambiar-password", headers=ah,
                       json={"new_password": "debil"}).status_code == 422
    assert client.post(f"/admin/usuarios/{usuario.id}/cambiar-password", headers=ah,
                       json={"password": CLAVE}).status_code == 422


def test_toggle_estado_and_revocation(client, ah, make, monkeypatch):
    import services.usuarios as svc

    revocados = []
    monkeypatch.setattr(svc, "revoke_all_for_user", revocados.append)
    usuario = make.usuario()
    assert client.post(f"/admin/usuarios/{usuario.id}/toggle-estado", headers=ah).get_json()["is_active"] is False
    assert revocados == [usuario.id]
    assert client.post(f"/admin/usuarios/{usuario.id}/toggle-estado", headers=ah).get_json()["is_active"] is True
    assert revocados == [usuario.id]


def test_deactivated_user_cannot_use_old_token(client, ah, make, auth_headers):
    usuario = make.usuario(rol="admin")
    headers = auth_headers(usuario)
    client.post(f"/admin/usuarios/{usuario.id}/toggle-estado", headers=ah)
    assert client.get("/admin/empresas", headers=headers).status_code in (401, 403)


def test_admin_cannot_remove_deactivate_or_demote_themself(client, ah, admin, make):
    make.usuario(rol="admin")  # not the last admin: the self rule alone applies
    for response in (
        client.delete(f"/admin/usuarios/{admin.id}", headers=ah),
        client.post(f"/admin/usuarios/{admin.id}/toggle-estado", headers=ah),
        client.put(f"/admin/usuarios/{admin.id}", headers=ah, json={"is_active": False}),
        client.put(f"/admin/usuarios/{admin.id}", headers=ah, json={"rol": "cliente"}),
    ):
        assert response.status_code == 409
        assert response.get_json()["error"] == "operacion_sobre_si_mismo"
    # editing their own profile is fine
    assert client.put(f"/admin/usuarios/{admin.id}", headers=ah, json={"telefono": "1"}).status_code == 200


def test_last_active_admin_cannot_be_removed_or_demoted(client, ah, admin, make, auth_headers, db):
    otro = make.usuario(rol="admin")
    # two admins: `admin` may demote `otro`, then `otro` is a customer
    assert client.put(f"/admin/usuarios/{otro.id}", headers=ah, json={"rol": "cliente"}).status_code == 200
    # Simulate a second admin session acting on the only remaining admin
    tercero = make.usuario(rol="admin", is_active=False)  # inactive admins do not count
    assert tercero.is_active is False
    db.session.refresh(admin)
    # `admin` is the last active admin: an inactive admin cannot be used to remove it; use a service-level check
    from services import usuarios as svc
    from utils.errors import APIError

    for accion in (lambda: svc.borrar(admin, actor=tercero),
                   lambda: svc.toggle_estado(admin, actor=tercero),
                   lambda: svc.actualizar(admin, {"rol": "cliente"}, actor=tercero),
                   lambda: svc.actualizar(admin, {"is_active": False}, actor=tercero)):
        with pytest.raises(APIError) as info:
            accion()
        assert info.value.status == 409 and info.value.error == "ultimo_admin"
    db.session.rollback()


def test_delete_user(client, ah, make, db):
    usuario = make.usuario()
    uid = usuario.id
    response = client.delete(f"/admin/usuarios/{uid}", headers=ah)
    assert response.status_code == 204
    db.session.expire_all()
    assert db.session.get(Usuario, uid) is None
    assert client.delete(f"/admin/usuarios/{uid}", headers=ah).status_code == 404
    log = db.session.query(AuditLog).filter_by(entidad="usuario", accion="eliminar").one()
    assert log.entidad_id == uid and log.antes["email"] == usuario.email


def test_delete_other_admin_when_two(client, ah, make):
    otro = make.usuario(rol="admin")
    assert client.delete(f"/admin/usuarios/{otro.id}", headers=ah).status_code == 204


def test_admin_password_change_really_revokes_the_old_token(client, ah, make, auth_headers, db):
    otro = make.usuario(rol="admin")
    viejo = auth_headers(otro)
    db.session.commit()
    assert client.get("/admin/empresas", headers=viejo).status_code == 200
    response = client.post(f"/admin/usuarios/{otro.id}/cambiar-password", headers=ah, json={"new_password": CLAVE})
    assert response.status_code == 200
    assert client.get("/admin/empresas", headers=viejo).status_code == 401
