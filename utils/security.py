"""Cross-cutting access decorators: `login_required`, `admin_required`, `require_api_key`."""

from __future__ import annotations

import hmac
from functools import wraps

from flask import current_app, g, request
from flask_jwt_extended import get_jwt, verify_jwt_in_request

from database.db import db
from models import Empresa, Usuario
from utils.errors import APIError
from utils.log import AppLogger


def _load_active_user() -> Usuario:
    verify_jwt_in_request()
    claims = get_jwt()
    try:
        usuario_id = int(claims.get("sub"))
    except (TypeError, ValueError) as exc:
        raise APIError(401, "token_invalido", "El token no es válido.") from exc
    usuario = db.session.get(Usuario, usuario_id)
    if usuario is None:
        raise APIError(401, "usuario_invalido", "El usuario del token ya no existe.")
    if not usuario.is_active:
        raise APIError(403, "usuario_inactivo", "El usuario está inactivo.")
    g.current_usuario = usuario
    return usuario


def current_usuario() -> Usuario:
    usuario = getattr(g, "current_usuario", None)
    if usuario is None:
        usuario = _load_active_user()
    return usuario


def login_required(fn):
    """A valid access token of an existing, active user (any role)."""

    @wraps(fn)
    def wrapper(*args, **kwargs):
        _load_active_user()
        return fn(*args, **kwargs)

    return wrapper


def admin_required(fn):
    """Admin role from the claim, confirmed against the database (demotions apply at once)."""

    @wraps(fn)
    def wrapper(*args, **kwargs):
        usuario = _load_active_user()
        if get_jwt().get("rol") != "admin" or usuario.rol != "admin":
            raise APIError(403, "solo_admin", "Se requiere rol de administrador.")
        return fn(*args, **kwargs)

    return wrapper


def check_api_key() -> None:
    """X-API-Key against SAAS_API_KEY in constant time; 503 if unset, 401 if wrong."""
    expected = current_app.config.get("SAAS_API_KEY")
    if not expected:
        AppLogger.get("api").error("SAAS_API_KEY no configurada: solicitud rechazada en %s", request.path)
        raise APIError(503, "api_key_no_configurada", "SAAS_API_KEY no configurada en el servidor.")
    given = request.headers.get("X-API-Key", "")
    if not hmac.compare_digest(given.encode("utf-8"), expected.encode("utf-8")):
        AppLogger.get("api").warning(
            "API key %s en %s desde %s", "ausente" if not given else "inválida", request.path, request.remote_addr
        )
        raise APIError(401, "api_key_invalida", "API key ausente o inválida.")


def require_api_key(fn):
    @wraps(fn)
    def wrapper(*args, **kwargs):
        check_api_key()
        return fn(*args, **kwargs)

    return wrapper


api_key_required = require_api_key


def empresa_from_header() -> Empresa:
    """The company named by `X-Empresa-Id` (400 missing/invalid, 404 unknown)."""
    raw = request.headers.get("X-Empresa-Id", "").strip()
    if not raw.isdigit() or len(raw) > 18 or int(raw) <= 0:
        raise APIError(400, "empresa_id_invalido", "Falta el encabezado X-Empresa-Id o no es un id válido.")
    empresa = db.session.get(Empresa, int(raw))
    if empresa is None:
        raise APIError(404, "empresa_no_encontrada", "La empresa indicada no existe.")
    g.empresa = empresa
    return empresa
