"""Who may call an endpoint: the access levels that `routes.base.Blueprint` declares per blueprint.

Each `Acceso` is a check (run in `before_request`, before any body is parsed: a customer gets 403,
never 422), the OpenAPI security requirement it implies and the error answers it can add.
"""

from __future__ import annotations

import hmac
import math
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from flask import current_app, g, request
from flask_jwt_extended import get_jwt, verify_jwt_in_request
from limits import parse

from database.db import db
from extensions import limiter
from models import Empresa, Usuario
from services import claves_api
from utils.errors import APIError
from utils.logger import AppLogger


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


def exigir_admin() -> None:
    """Admin role from the claim, confirmed against the database (demotions apply at once)."""
    usuario = _load_active_user()
    if get_jwt().get("rol") != "admin" or usuario.rol != "admin":
        raise APIError(403, "solo_admin", "Se requiere rol de administrador.")


def exigir_refresh() -> None:
    verify_jwt_in_request(refresh=True)


def _clave_valida(given: str, expected: str) -> bool:
    return hmac.compare_digest(given.encode("utf-8"), expected.encode("utf-8"))


def _fallos_api_key():
    """(limit, identifiers) of the wrong-key counter of this client IP, kept in the limiter's storage
    (memory, or Redis shared by every worker per RATELIMIT_STORAGE_URI); None with the limiter off."""
    if not limiter.enabled:
        return None
    maximo = int(current_app.config.get("API_KEY_MAX_FALLOS") or 20)
    return parse(f"{maximo} per minute"), ("api_key_fallos", request.remote_addr or "")


def _exigir_pocos_fallos(fallos) -> None:
    """429 while this IP is over API_KEY_MAX_FALLOS wrong keys in the minute, even with the right key."""
    limite, claves = fallos
    try:
        if limiter.limiter.test(limite, *claves):
            return
        reinicio = limiter.limiter.get_window_stats(limite, *claves).reset_time
    except Exception:  # storage (Redis) down: the key is still checked, only the brake is off until it is back
        AppLogger.get("api").error("Almacén del limitador no disponible: freno de API keys inválidas desactivado")
        return
    AppLogger.get("api").warning("API key: demasiados fallos desde %s en %s", request.remote_addr, request.path)
    raise APIError(429, "demasiados_fallos_api_key",
                   "Demasiados intentos con una API key inválida desde esta dirección; intente más tarde.",
                   headers={"Retry-After": str(max(1, math.ceil(reinicio - time.time())))})


def _contar_fallo(limite, claves) -> None:
    try:
        limiter.limiter.hit(limite, *claves)
    except Exception:  # storage down: logged by _exigir_pocos_fallos; the 401 stands
        return


PERMISO_LICENCIAS = "licencias"
PERMISO_SOPORTE = "soporte"


def check_api_key(*, dev_key: bool = False, permiso: str = PERMISO_LICENCIAS) -> None:
    """X-API-Key: an instance key (`trt_...`, services.claves_api) or the legacy SAAS_API_KEY, in
    constant time; 503 if neither is possible, 401 if wrong/revoked/past its rotation grace, 403
    `permiso_insuficiente` without `permiso`, 429 after API_KEY_MAX_FALLOS wrong keys (of either kind)
    from the same IP in a minute (until that minute ends).

    The instance key is left on `g.clave_api` (None for the legacy or dev key: unscoped, every permission).
    With `dev_key`, SUPPORT_API_DEV_KEY is accepted too, never in production.
    """
    g.clave_api = None
    fallos = _fallos_api_key()
    if fallos:
        _exigir_pocos_fallos(fallos)
    given = request.headers.get("X-API-Key", "")
    if claves_api.es_clave_instancia(given):
        clave = claves_api.verificar(given)
        if clave is None:
            _rechazar(given, fallos)
        if permiso not in (clave.permisos or ()):
            raise APIError(403, "permiso_insuficiente", "La API key no tiene permiso para este recurso.")
        g.clave_api = clave
        claves_api.marcar_uso(clave)
        return
    dev = current_app.config.get("SUPPORT_API_DEV_KEY")
    if dev_key and dev and given and current_app.config.get("APP_ENV") != "production" and _clave_valida(given, dev):
        return
    expected = current_app.config.get("SAAS_API_KEY")
    if not expected:
        AppLogger.get("api").error("SAAS_API_KEY no configurada: solicitud rechazada en %s", request.path)
        raise APIError(503, "api_key_no_configurada", "SAAS_API_KEY no configurada en el servidor.")
    if not _clave_valida(given, expected):
        _rechazar(given, fallos)


def _rechazar(given: str, fallos) -> None:
    if fallos:
        _contar_fallo(*fallos)
    AppLogger.get("api").warning(
        "API key %s en %s desde %s", "ausente" if not given else "inválida", request.path, request.remote_addr
    )
    raise APIError(401, "api_key_invalida", "API key ausente o inválida.")


_ID_ASCII = re.compile(r"[0-9]{1,18}")


def empresa_from_header() -> Empresa:
    """The company named by `X-Empresa-Id` (400 missing/invalid, 404 unknown)."""
    raw = request.headers.get("X-Empresa-Id", "").strip()
    # ASCII digits only: isdigit() takes "²" (then int() fails: a 500) and "١٢" / "１２".
    if not _ID_ASCII.fullmatch(raw) or int(raw) <= 0:
        raise APIError(400, "empresa_id_invalido", "Falta el encabezado X-Empresa-Id o no es un id válido.")
    empresa = db.session.get(Empresa, int(raw))
    # Outside the key's companies: the same 404 as an unknown id (nothing tells them apart).
    if empresa is None or not claves_api.en_alcance(empresa.id):
        raise APIError(404, "empresa_no_encontrada", "La empresa indicada no existe.")
    g.empresa = empresa
    return empresa


def empresa_del_cliente() -> Empresa:
    """The company of the signed-in customer (403 when the user has none)."""
    usuario = current_usuario()
    if usuario.empresa_id is None or usuario.empresa is None:
        raise APIError(403, "sin_empresa", "Su usuario no está asociado a una empresa.")
    return usuario.empresa


def _instancia() -> None:
    check_api_key(dev_key=True, permiso=PERMISO_SOPORTE)
    empresa_from_header()


@dataclass(frozen=True)
class Acceso:
    """An access level: `comprobar()` raises the error answer; `seguridad` and `errores` document it."""

    nombre: str
    comprobar: Callable[[], object]
    seguridad: list = field(default_factory=list)
    errores: tuple[int, ...] = ()


BEARER = [{"bearerAuth": []}]
API_KEY_HEADER = [{"apiKey": []}]

PUBLICO = Acceso("publico", lambda: None)
# Any signed-in, active user (customers; admins too on their own account).
CLIENTE = Acceso("cliente", _load_active_user, BEARER, (401, 403))
ADMIN = Acceso("admin", exigir_admin, BEARER, (401, 403))
REFRESH = Acceso("refresh", exigir_refresh, BEARER, (401, 403))
# SaaS instances: the licensing API (an instance key with `licencias`, or the legacy SAAS_API_KEY).
API_KEY = Acceso("api_key", check_api_key, API_KEY_HEADER, (401, 403, 429, 503))
# SaaS instances on the internal support API: the key (or the dev key outside production) and
# `X-Empresa-Id`, the company every call is confined to (`g.empresa`).
# Both need the `soporte` permission of an instance key.
INSTANCIA = Acceso("instancia", _instancia, API_KEY_HEADER, (400, 401, 403, 404, 429, 503))
INSTANCIA_SIN_EMPRESA = Acceso("instancia_sin_empresa",
                               lambda: check_api_key(dev_key=True, permiso=PERMISO_SOPORTE), API_KEY_HEADER,
                               (401, 403, 429, 503))
