"""JWT issuing, refresh rotation with token families, revocation and the JWT error answers.

- Every login opens a *family* (`SesionToken`, claim `fam`). Access and refresh tokens carry it.
- `POST /auth/refresh` revokes the refresh token used (its `jti` goes to `TokenRevocado`) and
  issues a new pair in the same family. Presenting a revoked refresh token again is a replay:
  the whole family is revoked (every access and refresh token of that login).
- `revoke_all_for_user` revokes every family of a user (password change, 2FA disabled,
  admin deactivation).
- Token types are enforced: only `access` tokens pass `verify_jwt_in_request()`, only `refresh`
  tokens pass `verify_jwt_in_request(refresh=True)`; `challenge` (login 2FA step) and `pending`
  (registration awaiting OTP confirmation) tokens are accepted only by the endpoint that reads them
  from the body (`decode_special_token`).
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from functools import cache

import sqlalchemy as sa
from flask import Flask, current_app
from flask_jwt_extended import create_access_token, create_refresh_token, decode_token
from flask_jwt_extended.exceptions import JWTExtendedException
from jwt.exceptions import PyJWTError
from sqlalchemy.exc import IntegrityError

from database.db import db
from extensions import jwt
from models import SesionToken, TokenRevocado, Usuario
from services import fallar_guardando
from services.intentos import registrar_evento
from utils.errors import APIError, error_response
from utils.logger import AppLogger

log = AppLogger.get("auth")

TIPOS_SESION = ("access", "refresh")
CHALLENGE = "challenge"
PENDING = "pending"
TOKEN_REVOCADO = ("token_revocado", "El token fue revocado.")


def claims_for(usuario: Usuario) -> dict:
    return {
        "rol": usuario.rol,
        "usuario_id": usuario.id,
        "empresa_id": usuario.empresa_id,
        "otp_enabled": bool(usuario.otp_enabled),
    }


def _refresh_delta() -> timedelta:
    return current_app.config.get("JWT_REFRESH_TOKEN_EXPIRES") or timedelta(days=current_app.config["JWT_REFRESH_DAYS"])


def issue_tokens(usuario: Usuario, familia: str | None = None) -> dict:
    """A new access + refresh pair for `usuario` (`sub` is the user id as a string).

    Without `familia` a new login session (family) is opened.
    """
    ahora = datetime.now(UTC)
    expira = ahora + _refresh_delta()
    if familia is None:
        familia = str(uuid.uuid4())
        db.session.add(SesionToken(familia=familia, usuario_id=usuario.id, created_at=ahora, expira_en=expira))
    else:
        db.session.execute(
            sa.update(SesionToken).where(SesionToken.familia == familia).values(expira_en=expira)
            .execution_options(synchronize_session=False)
        )
    claims = claims_for(usuario) | {"fam": familia}
    identity = str(usuario.id)
    return {
        "access_token": create_access_token(identity=identity, additional_claims=claims),
        "refresh_token": create_refresh_token(identity=identity, additional_claims=claims),
    }


def create_special_token(usuario: Usuario, tipo: str, minutos: int) -> str:
    """A short-lived `challenge` or `pending` token (never usable as an access token)."""
    return create_access_token(
        identity=str(usuario.id), expires_delta=timedelta(minutes=minutos),
        additional_claims={"type": tipo, "usuario_id": usuario.id},
    )


def decode_special_token(token: str, tipo: str) -> dict:
    """Decode a challenge/pending token from a request body; 401 if invalid, expired, wrong type or used."""
    mensajes = {
        CHALLENGE: ("reto_invalido", "El reto de inicio de sesión no es válido o expiró; inicie sesión de nuevo."),
        PENDING: ("activacion_invalida", "El token de activación no es válido o expiró; regístrese de nuevo."),
    }
    codigo, mensaje = mensajes[tipo]
    try:
        payload = decode_token(token)
    except (PyJWTError, JWTExtendedException, ValueError) as exc:
        raise APIError(401, codigo, mensaje) from exc
    if payload.get("type") != tipo or _jti_revocado(payload.get("jti")):
        raise APIError(401, codigo, mensaje)
    return payload


def _expira(payload: dict) -> datetime:
    exp = payload.get("exp")
    if exp is None:
        return datetime.now(UTC) + _refresh_delta()
    return datetime.fromtimestamp(int(exp), UTC)


def _jti_revocado(jti: str | None) -> bool:
    if not jti:
        return True
    return db.session.execute(sa.select(TokenRevocado.id).where(TokenRevocado.jti == jti)).first() is not None


def revoke_token(payload: dict) -> bool:
    """Revoke one token by its `jti` (savepoint). False if it was already revoked."""
    try:
        with db.session.begin_nested():
            db.session.add(TokenRevocado(
                jti=payload["jti"], tipo=str(payload.get("type", "access"))[:20],
                usuario_id=_usuario_id(payload), familia=payload.get("fam"), expira_en=_expira(payload),
            ))
    except IntegrityError:
        return False
    return True


def _usuario_id(payload: dict) -> int | None:
    try:
        return int(payload.get("sub"))
    except (TypeError, ValueError):
        return None


def _revocar_sesiones(condicion, motivo: str) -> None:
    db.session.execute(
        sa.update(SesionToken)
        .where(condicion, SesionToken.revocada_en.is_(None))
        .values(revocada_en=datetime.now(UTC), motivo=motivo[:50])
        .execution_options(synchronize_session=False)
    )


def revoke_family(familia: str | None, motivo: str) -> None:
    """Revoke one login session (every access and refresh token issued in it)."""
    if familia:
        _revocar_sesiones(SesionToken.familia == familia, motivo)


def revoke_all_for_user(usuario_id: int, motivo: str = "revocacion_total") -> None:
    """Revoke every session of a user (password change, 2FA disabled, admin deactivation)."""
    _revocar_sesiones(SesionToken.usuario_id == usuario_id, motivo)


def rotate_refresh(payload: dict, usuario: Usuario) -> dict:
    """Revoke the refresh token used and issue a new pair in the same family."""
    if not revoke_token(payload):
        _rechazar_reuso(payload)  # lost a race with another use of the same refresh token: a replay too
    return issue_tokens(usuario, familia=payload.get("fam"))


def _rechazar_reuso(payload: dict) -> None:
    """A revoked refresh token presented again: the whole family is revoked (kept), then 401."""
    revoke_family(payload.get("fam"), "reuso_refresh")
    registrar_evento("refresh_reutilizado", usuario=db.session.get(Usuario, _usuario_id(payload) or 0),
                     detalle="familia revocada por reuso de refresh token")
    log.warning("Reuso de refresh token revocado: usuario_id=%s; se revoca toda la sesión", _usuario_id(payload))
    fallar_guardando(APIError(401, *TOKEN_REVOCADO))


@cache
def _estado_token_stmt() -> sa.Select:
    """One statement (one round trip on every authenticated request): is the jti revoked, does the
    family exist, is it revoked. Built once per process with bind parameters."""
    jti, familia = sa.bindparam("jti", type_=sa.String()), sa.bindparam("fam", type_=sa.String())
    return sa.select(
        sa.exists().where(TokenRevocado.jti == jti).label("jti_revocado"),
        sa.exists().where(SesionToken.familia == familia).label("familia_existe"),
        sa.exists().where(SesionToken.familia == familia, SesionToken.revocada_en.is_not(None))
        .label("familia_revocada"),
    )


def is_revoked(payload: dict) -> bool:
    """Whether a session token was revoked. A revoked refresh token presented again is a replay:
    `_rechazar_reuso` revokes its whole family and answers 401 itself."""
    tipo = payload.get("type")
    if tipo not in TIPOS_SESION:
        return False  # refused by the type check (`_verify_type`)
    jti, familia = payload.get("jti"), payload.get("fam")
    estado = None
    if jti:
        estado = db.session.execute(_estado_token_stmt(), {"jti": jti, "fam": familia or ""}).one()
    if estado is None or estado.jti_revocado:
        if tipo == "refresh":
            _rechazar_reuso(payload)
        return True
    if not familia or not estado.familia_existe:
        # Refresh tokens must belong to a known session; access tokens are short-lived.
        return tipo == "refresh"
    return bool(estado.familia_revocada)


def configure_jwt(app: Flask) -> None:
    app.config["JWT_ACCESS_TOKEN_EXPIRES"] = timedelta(minutes=app.config["JWT_ACCESS_MINUTES"])
    app.config["JWT_REFRESH_TOKEN_EXPIRES"] = timedelta(days=app.config["JWT_REFRESH_DAYS"])


@jwt.token_in_blocklist_loader
def _blocklist(header, payload) -> bool:
    return is_revoked(payload)


@jwt.token_verification_loader
def _verify_type(header, payload) -> bool:
    # verify_jwt_in_request() refuses refresh tokens and refresh=True requires them;
    # challenge/pending tokens are refused everywhere a session token is expected.
    return payload.get("type") in TIPOS_SESION


def _respuesta_401(codigo: str, mensaje: str):
    return lambda *_: error_response(401, codigo, mensaje)


# Every JWT failure flask-jwt-extended detects, answered in the envelope of API.md.
for _loader, _codigo, _mensaje in (
    (jwt.token_verification_failed_loader, "tipo_token_incorrecto",
     "Este tipo de token no sirve para esta operación."),
    (jwt.unauthorized_loader, "token_requerido", "Falta el token de acceso (Authorization: Bearer ...)."),
    (jwt.invalid_token_loader, "token_invalido", "El token no es válido."),
    (jwt.expired_token_loader, "token_expirado", "El token ha expirado."),
    (jwt.revoked_token_loader, *TOKEN_REVOCADO),
    (jwt.needs_fresh_token_loader, "token_no_fresco", "Se requiere iniciar sesión de nuevo."),
    (jwt.user_lookup_error_loader, "usuario_invalido", "El usuario del token ya no existe."),
):
    _loader(_respuesta_401(_codigo, _mensaje))
