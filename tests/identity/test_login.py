"""Login, 2FA second step, token types, refresh rotation/replay, logout, revocation."""

from __future__ import annotations

import pytest

from database.db import db
from models import LogAcceso, SesionToken
from services.auth_tokens import revoke_all_for_user
from tests.factories import DEFAULT_PASSWORD


def test_login_ok_claims_and_user(client, make, login, bearer):
    empresa = make.empresa()
    usuario = make.usuario(email="ana@x.co", empresa_id=empresa.id)
    response = login("ANA@x.co ")
    assert response.status_code == 200
    body = response.get_json()
    assert set(body) == {"access_token", "refresh_token", "usuario", "dispositivo_token"}
    assert body["usuario"]["id"] == usuario.id and "password_hash" not in body["usuario"]
    from flask_jwt_extended import decode_token

    claims = decode_token(body["access_token"])
    assert claims["sub"] == str(usuario.id) and claims["type"] == "access"
    assert claims["rol"] == "cliente" and claims["usuario_id"] == usuario.id
    assert claims["empresa_id"] == empresa.id and claims["otp_enabled"] is False
    assert decode_token(body["refresh_token"])["type"] == "refresh"
    assert db.session.execute(db.select(LogAcceso).where(LogAcceso.tipo == "login_ok")).first()


def test_wrong_password_and_unknown_email_same_answer(make, login):
    make.usuario(email="ana@x.co")
    malo = login("ana@x.co", "Otra-Clave-123")
    desconocido = login("nadie@x.co", "Otra-Clave-123")
    assert malo.status_code == desconocido.status_code == 401
    assert malo.get_json() == desconocido.get_json()
    tipos = db.session.execute(db.select(LogAcceso.tipo)).scalars().all()
    assert tipos.count("login_fallido") == 2


def test_inactive_user_403_only_with_right_password(make, login):
    make.usuario(email="ana@x.co", is_active=False)
    assert login("ana@x.co", "Mala-Clave-123").status_code == 401
    response = login("ana@x.co")
    assert response.status_code == 403 and response.get_json()["error"] == "usuario_inactivo"
    # The refused use case still keeps its trace.
    assert db.session.execute(db.select(LogAcceso).where(LogAcceso.tipo == "login_inactivo")).first()


@pytest.mark.parametrize("body", [{}, {"email": "a@x.co"}, {"email": "a@x.co", "password": "x", "rol": "admin"}])
def test_login_validation_422(client, body):
    assert client.post("/auth/login", json=body).status_code == 422


def test_login_2fa_challenge_flow(client, usuario_2fa, login, totp, bearer):
    usuario, secreto, backup = usuario_2fa(email="dos@x.co")
    response = login("dos@x.co")
    assert response.status_code == 202
    reto = response.get_json()
    assert reto["requires_otp"] is True and set(reto) == {"requires_otp", "challenge_token"}

    # The challenge is never an access or refresh token.
    assert client.get("/account/profile", headers=bearer(reto["challenge_token"])).status_code == 401
    assert client.post("/auth/refresh", headers=bearer(reto["challenge_token"])).status_code == 401

    ok = client.post("/auth/login/otp", json={"challenge_token": reto["challenge_token"], "code": totp(secreto, 0)})
    assert ok.status_code == 200, ok.get_json()
    assert client.get("/account/profile", headers=bearer(ok.get_json()["access_token"])).status_code == 200
    from flask_jwt_extended import decode_token

    assert decode_token(ok.get_json()["access_token"])["otp_enabled"] is True
    # The challenge is single use.
    otra = client.post("/auth/login/otp", json={"challenge_token": reto["challenge_token"], "code": totp(secreto, 1)})
    assert otra.status_code == 401


def test_totp_code_replay_refused_across_logins(client, usuario_2fa, login, totp):
    _, secreto, _ = usuario_2fa(email="dos@x.co")
    codigo = totp(secreto, 0)
    reto1 = login("dos@x.co").get_json()["challenge_token"]
    assert client.post("/auth/login/otp", json={"challenge_token": reto1, "code": codigo}).status_code == 200
    reto2 = login("dos@x.co").get_json()["challenge_token"]
    replay = client.post("/auth/login/otp", json={"challenge_token": reto2, "code": codigo})
    assert replay.status_code == 401 and replay.get_json()["error"] == "codigo_invalido"
    # An earlier step is refused too; the next step is fine.
    assert client.post("/auth/login/otp", json={"challenge_token": reto2, "code": totp(secreto, -1)}).status_code == 401
    assert client.post("/auth/login/otp", json={"challenge_token": reto2, "code": totp(secreto, 1)}).status_code == 200


def test_backup_code_works_once(client, usuario_2fa, login):
    _, _, backup = usuario_2fa(email="dos@x.co")
    reto = login("dos@x.co").get_json()["challenge_token"]
    ok = client.post("/auth/login/otp", json={"challenge_token": reto, "code": backup[0]})
    assert ok.status_code == 200 and ok.get_json()["backup_codes_restantes"] == 9
    reto = login("dos@x.co").get_json()["challenge_token"]
    assert client.post("/auth/login/otp", json={"challenge_token": reto, "code": backup[0]}).status_code == 401
    assert client.post("/auth/login/otp", json={"challenge_token": reto, "code": backup[1]}).status_code == 200


def test_five_wrong_codes_burn_the_challenge(client, usuario_2fa, login, totp):
    _, secreto, _ = usuario_2fa(email="dos@x.co")
    reto = login("dos@x.co").get_json()["challenge_token"]
    for _ in range(5):
        assert client.post("/auth/login/otp", json={"challenge_token": reto, "code": "000000"}).status_code == 401
    quemado = client.post("/auth/login/otp", json={"challenge_token": reto, "code": totp(secreto, 1)})
    assert quemado.status_code == 401 and quemado.get_json()["error"] == "reto_invalido"
    # And the OTP counter of the user is locked (own counter, separate from the password one).
    nuevo = login("dos@x.co")
    assert nuevo.status_code == 202
    bloqueado = client.post("/auth/login/otp",
                            json={"challenge_token": nuevo.get_json()["challenge_token"], "code": totp(secreto, 1)})
    assert bloqueado.status_code == 429 and int(bloqueado.headers["Retry-After"]) > 0


def test_refresh_rotation_and_replay_revokes_family(client, make, login, bearer):
    make.usuario(email="ana@x.co")
    primera = login("ana@x.co").get_json()
    segunda = client.post("/auth/refresh", headers=bearer(primera["refresh_token"]))
    assert segunda.status_code == 200
    par = segunda.get_json()
    assert set(par) == {"access_token", "refresh_token"} and par["refresh_token"] != primera["refresh_token"]
    # The used refresh token is revoked; replaying it revokes the whole family.
    replay = client.post("/auth/refresh", headers=bearer(primera["refresh_token"]))
    assert replay.status_code == 401
    assert client.post("/auth/refresh", headers=bearer(par["refresh_token"])).status_code == 401
    assert client.get("/account/profile", headers=bearer(par["access_token"])).status_code == 401
    assert client.get("/account/profile", headers=bearer(primera["access_token"])).status_code == 401
    assert db.session.execute(db.select(LogAcceso).where(LogAcceso.tipo == "refresh_reutilizado")).first()


def test_replay_in_one_family_does_not_touch_other_logins(client, make, login, bearer):
    make.usuario(email="ana@x.co")
    a = login("ana@x.co").get_json()
    b = login("ana@x.co").get_json()
    client.post("/auth/refresh", headers=bearer(a["refresh_token"]))
    client.post("/auth/refresh", headers=bearer(a["refresh_token"]))  # replay -> family A revoked
    assert client.get("/account/profile", headers=bearer(b["access_token"])).status_code == 200
    assert client.post("/auth/refresh", headers=bearer(b["refresh_token"])).status_code == 200


def test_token_types_enforced(client, make, login, bearer):
    make.usuario(email="ana@x.co")
    tokens = login("ana@x.co").get_json()
    assert client.get("/account/profile", headers=bearer(tokens["refresh_token"])).status_code == 401
    assert client.post("/auth/refresh", headers=bearer(tokens["access_token"])).status_code == 401
    assert client.post("/auth/refresh").status_code == 401
    assert client.get("/account/profile", headers=bearer("no.es.jwt")).status_code == 401


@pytest.mark.parametrize("con_refresh", [True, False], ids=["con_refresh_token", "sin_cuerpo"])
def test_logout_revokes_access_and_refresh(client, make, login, bearer, con_refresh):
    make.usuario(email="ana@x.co")
    tokens = login("ana@x.co").get_json()
    cuerpo = {"refresh_token": tokens["refresh_token"]} if con_refresh else None
    assert client.post("/auth/logout", headers=bearer(tokens["access_token"]), json=cuerpo).status_code == 200
    assert client.get("/account/profile", headers=bearer(tokens["access_token"])).status_code == 401
    assert client.post("/auth/refresh", headers=bearer(tokens["refresh_token"])).status_code == 401


def test_logout_refuses_foreign_refresh_token(client, make, login, bearer):
    make.usuario(email="ana@x.co")
    make.usuario(email="beto@x.co")
    ana = login("ana@x.co").get_json()
    beto = login("beto@x.co").get_json()
    response = client.post("/auth/logout", headers=bearer(ana["access_token"]),
                           json={"refresh_token": beto["refresh_token"]})
    assert response.status_code == 422
    assert client.post("/auth/refresh", headers=bearer(beto["refresh_token"])).status_code == 200


def test_revoke_all_for_user_kills_every_session(client, make, login, bearer):
    usuario = make.usuario(email="ana@x.co")
    a = login("ana@x.co").get_json()
    b = login("ana@x.co").get_json()
    revoke_all_for_user(usuario.id)
    db.session.commit()
    for tokens in (a, b):
        assert client.post("/auth/refresh", headers=bearer(tokens["refresh_token"])).status_code == 401
        assert client.get("/account/profile", headers=bearer(tokens["access_token"])).status_code == 401
    assert db.session.execute(db.select(SesionToken).where(SesionToken.revocada_en.is_(None))).first() is None


def test_deactivated_user_cannot_refresh(client, make, login, bearer):
    usuario = make.usuario(email="ana@x.co")
    tokens = login("ana@x.co").get_json()
    usuario.is_active = False
    db.session.commit()
    assert client.get("/account/profile", headers=bearer(tokens["access_token"])).status_code == 403
    assert client.post("/auth/refresh", headers=bearer(tokens["refresh_token"])).status_code == 403
    # ...and that refresh attempt closed the session for good.
    assert client.get("/account/profile", headers=bearer(tokens["access_token"])).status_code == 401


def test_otp_setup_activate_disable(client, make, login, bearer, totp):
    make.usuario(email="ana@x.co")
    tokens = login("ana@x.co").get_json()
    h = bearer(tokens["access_token"])
    setup = client.post("/auth/otp/setup", headers=h)
    assert setup.status_code == 200 and set(setup.get_json()) == {"secret", "otpauth_uri", "qr_svg"}
    secreto = setup.get_json()["secret"]
    assert client.post("/auth/otp/activate", headers=h, json={"code": "123"}).status_code == 422
    activado = client.post("/auth/otp/activate", headers=h, json={"code": totp(secreto)})
    assert activado.status_code == 200 and activado.get_json()["otp_enabled"] is True
    assert client.post("/auth/otp/setup", headers=h).status_code == 409
    assert client.post("/auth/otp/activate", headers=h, json={"code": totp(secreto, 1)}).status_code == 409

    # New backup codes need a valid TOTP and void the old set.
    viejos = activado.get_json()["backup_codes"]
    nuevos = client.post("/auth/otp/backup-codes", headers=h, json={"code": totp(secreto, 1)})
    assert nuevos.status_code == 200 and len(nuevos.get_json()["backup_codes"]) == 10
    reto = login("ana@x.co").get_json()["challenge_token"]
    assert client.post("/auth/login/otp", json={"challenge_token": reto, "code": viejos[0]}).status_code == 401

    # Disable: wrong password -> 422; right password + backup code -> off, sessions revoked.
    malo = client.post("/auth/otp/disable", headers=h, json={"password": "Mala-Clave-1", "code": totp(secreto, 1)})
    assert malo.status_code == 422
    off = client.post("/auth/otp/disable", headers=h,
                      json={"password": DEFAULT_PASSWORD, "code": nuevos.get_json()["backup_codes"][0]})
    assert off.status_code == 200, off.get_json()
    assert off.get_json()["otp_enabled"] is False
    assert client.get("/account/profile", headers=h).status_code == 401  # old session revoked
    assert client.post("/auth/refresh", headers=bearer(tokens["refresh_token"])).status_code == 401
    assert client.get("/account/profile", headers=bearer(off.get_json()["access_token"])).status_code == 200
    assert login("ana@x.co").status_code == 200  # no second factor any more


def test_otp_endpoints_need_access_token(client):
    for path in ("/auth/otp/setup", "/auth/otp/activate", "/auth/otp/disable", "/auth/otp/backup-codes",
                 "/auth/logout"):
        assert client.post(path, json={}).status_code == 401


def test_unknown_email_costs_one_hash_verification_like_a_known_one(make, login, monkeypatch):
    """Similar timing: an unknown e-mail still runs one argon2 verification (dummy hash)."""
    import services.identidad as identidad

    llamadas = []
    real_dummy, real_verify = identidad.dummy_verify, identidad.verify_password
    monkeypatch.setattr(identidad, "dummy_verify", lambda p: llamadas.append("dummy") or real_dummy(p))
    monkeypatch.setattr(identidad, "verify_password",
                        lambda h, p: llamadas.append("real") or real_verify(h, p))
    make.usuario(email="ana@x.co")
    login("nadie@x.co", "Mala-Clave-123")
    login("ana@x.co", "Mala-Clave-123")
    assert llamadas == ["dummy", "real"]


def test_refresh_token_of_unknown_session_refused(client, make, bearer):
    from flask_jwt_extended import create_refresh_token

    usuario = make.usuario()
    sin_sesion = create_refresh_token(identity=str(usuario.id), additional_claims={"fam": "no-existe"})
    sin_familia = create_refresh_token(identity=str(usuario.id))
    assert client.post("/auth/refresh", headers=bearer(sin_sesion)).status_code == 401
    assert client.post("/auth/refresh", headers=bearer(sin_familia)).status_code == 401
