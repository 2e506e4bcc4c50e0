"""What every `/admin` blueprint shares: admin-only access and its OpenAPI documentation.

`AdminBlueprint` checks `utils.security.admin_required` in a `before_request` hook, so the
check runs before the body is parsed (a customer gets 403, not 422) and no view can forget it.
Every route it declares is documented with bearer security and its 401/403 answers.
"""

from __future__ import annotations

from flask_smorest import Blueprint

from schemas.base import ErrorSchema
from utils.security import admin_required


@admin_required
def _solo_admin():
    return None


class AdminBlueprint(Blueprint):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.before_request(_solo_admin)

    def route(self, rule, *, parameters=None, tags=None, **options):
        parent = super().route(rule, parameters=parameters, tags=tags, **options)

        def decorator(func):
            func = self.alt_response(401, schema=ErrorSchema, description="Sin token o token inválido")(func)
            func = self.alt_response(403, schema=ErrorSchema, description="Se requiere rol de administrador")(func)
            func = self.doc(security=[{"bearerAuth": []}])(func)
            return parent(func)

        return decorator


ERRORES = {
    404: "No existe",
    409: "Conflicto con el estado actual",
    422: "Datos no válidos",
}


def errores(blp: Blueprint, *codigos: int):
    """`@errores(blp, 404, 422)`: document the error answers an endpoint can give."""

    def decorator(func):
        for codigo in codigos:
            func = blp.alt_response(codigo, schema=ErrorSchema, description=ERRORES.get(codigo, "Error"))(func)
        return func

    return decorator
