"""JWT issuing and the JWT error answers (envelope of API.md).

The identity issue extends this module with refresh rotation, families and revocation.
"""

from __future__ import annotations

from datetime import timedelta

from flask import Flask
from flask_jwt_extended import create_access_token, create_refresh_token

from extensions import jwt
from models import Usuario
from utils.errors import error_response


def claims_for(usuario: Usuario) -> dict:
    return {
        "rol": usuario.rol,
        "usuario_id": usuario.id,
        "empresa_id": usuario.empresa_id,
        "otp_enabled": bool(usuario.otp_enabled),
    }


def issue_tokens(usuario: Usuario) -> dict:
    """A new access + refresh pair for `usuario` (`sub` is the user id as a string)."""
    claims = claims_for(usuario)
    identity = str(usuario.id)
    return {
        "access_token": create_access_token(identity=identity, additional_claims=claims),
        "refresh_token": create_refresh_token(identity=identity, additional_claims=claims),
    }


def configure_jwt(app: Flask) -> None:
    app.config["JWT_ACCESS_TOKEN_EXPIRES"] = timedelta(minutes=app.config["JWT_ACCESS_MINUTES"])
    app.config["JWT_REFRESH_TOKEN_EXPIRES"] = timedelta(days=app.config["JWT_REFRESH_DAYS"])


@jwt.unauthorized_loader
def _missing_token(reason: str):
    return error_response(401, "token_requerido", "Falta el token de acceso (Authorization: Bearer ...).")


@jwt.invalid_token_loader
def _invalid_token(reason: str):
    return error_response(401, "token_invalido", "El token no es válido.")


@jwt.expired_token_loader
def _expired_token(header, payload):
    return error_response(401, "token_expirado", "El token ha expirado.")


@jwt.revoked_token_loader
def _revoked_token(header, payload):
    return error_response(401, "token_revocado", "El token fue revocado.")


@jwt.needs_fresh_token_loader
def _needs_fresh(header, payload):
    return error_response(401, "token_no_fresco", "Se requiere iniciar sesión de nuevo.")


@jwt.user_lookup_error_loader
def _user_lookup_error(header, payload):
    return error_response(401, "usuario_invalido", "El usuario del token ya no existe.")


def revoke_all_for_user(usuario_id: int) -> None:
    """Revoke every refresh token (every session) of a user. Adds to the session; the caller commits.

    Placeholder until the identity issue stores revocations; the signature is fixed.
    """
    return None
