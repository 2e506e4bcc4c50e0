"""The one guarded blueprint: who may call it, its documented errors, and its unit of work.

    blp = Blueprint("admin_empresas", __name__, url_prefix="/admin/empresas", acceso=ADMIN,
                    description="Back office: empresas")

    @blp.route("/<int:empresa_id>", methods=["PUT"], errores=(409,))
    @blp.arguments(EmpresaUpdateSchema)
    @blp.response(200, EmpresaSchema)
    def actualizar(data, empresa_id): ...

- `acceso` (utils.security: PUBLICO, CLIENTE, ADMIN, REFRESH, API_KEY, INSTANCIA) is checked in
  `before_request`, before the body is parsed; a route may declare its own (`acceso=` on `route`).
- Every route documents its security requirement and the errors its access level and `errores`
  can answer (routes.document_common_errors adds 401/403/404/422/503 where the spec implies them).
- Every POST/PUT/PATCH/DELETE view runs inside `services.unidad_de_trabajo()`: the one commit of the
  use case (rollback on any error). Views never touch the session.
"""

from __future__ import annotations

from functools import wraps

import flask_smorest
from flask import request

from schemas.base import ErrorSchema
from services import unidad_de_trabajo
from utils.security import Acceso

DESCRIPCIONES = {
    400: "Falta un encabezado o no es válido",
    401: "Sin credenciales o credenciales inválidas",
    403: "Sin permiso para esta acción",
    404: "No existe (o no es suyo)",
    409: "Conflicto: duplicado, transición inválida o cupo agotado",
    413: "Archivo demasiado grande",
    415: "Tipo de contenido no soportado",
    422: "Datos no válidos",
    429: "Demasiadas solicitudes (Retry-After)",
    503: "Servicio o configuración no disponible",
}

ESCRITURA = {"POST", "PUT", "PATCH", "DELETE"}


class Blueprint(flask_smorest.Blueprint):
    def __init__(self, *args, acceso: Acceso, **kwargs):
        super().__init__(*args, **kwargs)
        self.acceso = acceso
        self._acceso_por_endpoint: dict[str, Acceso] = {}
        self.before_request(self._comprobar_acceso)

    def _comprobar_acceso(self):
        if request.method == "OPTIONS":
            return None
        endpoint = (request.endpoint or "").rpartition(".")[2]
        self._acceso_por_endpoint.get(endpoint, self.acceso).comprobar()
        return None

    def errores(self, *codigos: int, **descripciones: str):
        """Document error answers: `@blp.errores(404, 409)`; descriptions default to DESCRIPCIONES."""

        def decorator(func):
            for codigo in codigos:
                texto = descripciones.get(f"e{codigo}") or DESCRIPCIONES.get(codigo, "Error")
                func = self.alt_response(codigo, schema=ErrorSchema, description=texto)(func)
            return func

        return decorator

    def route(self, rule, *, parameters=None, tags=None, acceso: Acceso | None = None,
              errores: tuple[int, ...] | dict[int, str] = (), **options):
        parent = super().route(rule, parameters=parameters, tags=tags, **options)
        nivel = acceso or self.acceso
        metodos = set(options.get("methods") or ["GET"])
        descripciones = errores if isinstance(errores, dict) else {}
        codigos = sorted(set(nivel.errores) | set(errores))

        def decorator(func):
            vista = func
            if metodos & ESCRITURA:
                @wraps(func)
                def vista(*args, **kwargs):
                    with unidad_de_trabajo():
                        return func(*args, **kwargs)

            if acceso is not None:
                self._acceso_por_endpoint[options.get("endpoint") or func.__name__] = acceso
            for codigo in codigos:
                texto = descripciones.get(codigo) or DESCRIPCIONES.get(codigo, "Error")
                vista = self.alt_response(codigo, schema=ErrorSchema, description=texto)(vista)
            if nivel.seguridad:
                vista = self.doc(security=nivel.seguridad)(vista)
            return parent(vista)

        return decorator
