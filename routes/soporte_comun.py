"""Helpers shared by the support blueprints (admin, customer and internal API).

Kept apart from the back office's admin helpers so the support module does not depend on their
layout; the behaviour is the same: the access check runs in `before_request`, before any body is
parsed (a customer gets 403, not 422), and every route documents its error answers.
"""

from __future__ import annotations

import hmac

from flask import current_app, request
from flask_smorest import Blueprint

from schemas.base import ErrorSchema
from utils.errors import APIError
from utils.security import admin_required, check_api_key, current_usuario, empresa_from_header, login_required

DESCRIPCIONES = {
    400: "Falta un encabezado o no es válido",
    401: "Sin credenciales o credenciales inválidas",
    403: "Sin permiso o sin soporte activo",
    404: "No existe (o no es de esta empresa)",
    409: "Conflicto: transición inválida o cupo agotado",
    413: "Archivo demasiado grande",
    415: "Se esperaba multipart/form-data",
    422: "Datos no válidos",
    503: "Falta configuración en el servidor",
}


def errores(blp: Blueprint, *codigos: int):
    """`@errores(blp, 404, 422)`: document the error answers of an endpoint."""

    def decorator(func):
        for codigo in codigos:
            func = blp.alt_response(codigo, schema=ErrorSchema, description=DESCRIPCIONES.get(codigo, "Error"))(func)
        return func

    return decorator


class _GuardedBlueprint(Blueprint):
    """A blueprint whose access check runs before every view and is documented on every route."""

    security: list = []
    codigos: tuple[int, ...] = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.before_request(self._check)

    def _check(self):
        raise NotImplementedError

    def route(self, rule, *, parameters=None, tags=None, **options):
        parent = super().route(rule, parameters=parameters, tags=tags, **options)

        def decorator(func):
            func = errores(self, *self.codigos)(func)
            func = self.doc(security=self.security)(func)
            return parent(func)

        return decorator


@admin_required
def _solo_admin():
    return None


@login_required
def _con_sesion():
    return None


class SoporteAdminBlueprint(_GuardedBlueprint):
    security = [{"bearerAuth": []}]
    codigos = (401, 403)

    def _check(self):
        return _solo_admin()


class SoporteClienteBlueprint(_GuardedBlueprint):
    security = [{"bearerAuth": []}]
    codigos = (401, 403)

    def _check(self):
        _con_sesion()
        return None


def _es_dev_key(given: str) -> bool:
    """SUPPORT_API_DEV_KEY works for the internal support API only, and never in production."""
    dev = current_app.config.get("SUPPORT_API_DEV_KEY")
    if not dev or current_app.config.get("APP_ENV") == "production" or not given:
        return False
    return hmac.compare_digest(given.encode("utf-8"), dev.encode("utf-8"))


class SoporteApiBlueprint(_GuardedBlueprint):
    """`X-API-Key` (SAAS_API_KEY, or the dev key outside production) + `X-Empresa-Id`."""

    security = [{"apiKey": []}]
    codigos = (400, 401, 404, 503)
    sin_empresa: set[str] = set()

    def _check(self):
        if not _es_dev_key(request.headers.get("X-API-Key", "")):
            check_api_key()
        if request.endpoint not in self.sin_empresa:
            empresa_from_header()
        return None


def empresa_del_cliente():
    """The company of the logged-in customer (403 when the user has none)."""
    usuario = current_usuario()
    if usuario.empresa_id is None or usuario.empresa is None:
        raise APIError(403, "sin_empresa", "Su usuario no está asociado a una empresa.")
    return usuario.empresa

