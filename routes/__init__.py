"""Blueprint registration: every blueprint is imported here by name, so the path from `app.py` to a URL
can be followed in the code. The SPA catch-all is registered last so it never shadows an API route.
"""

from __future__ import annotations

from http import HTTPStatus

from flask import Flask
from flask_smorest import Api
from flask_swagger_ui import get_swaggerui_blueprint

from routes import (
    account,
    account_soporte,
    admin_auditoria,
    admin_claves_api,
    admin_empresas,
    admin_plan_servicios,
    admin_planes,
    admin_servicios,
    admin_soporte_pagos,
    admin_soporte_suscripciones,
    admin_soporte_tickets,
    admin_soporte_tipos,
    admin_suscripciones,
    admin_usuarios,
    api,
    api_soporte,
    auth,
    health,
    licencias_firmadas,
    location,
    public,
)
from routes.spa import spa_bp
from schemas.base import ErrorSchema
from services.estados.contratos import CONTRATO
from services.estados.empresas import EMPRESA
from services.estados.pagos import PAGO
from services.estados.suscripciones import SUSCRIPCION
from services.estados.tickets import TICKET
from utils.http import register_http_hooks

MAQUINAS = (TICKET, SUSCRIPCION, CONTRATO, PAGO, EMPRESA)

BLUEPRINTS = (
    health.blp,
    auth.blp,
    auth.policy_blp,
    account.blp,
    account_soporte.blp,
    public.blp,
    location.blp,
    api.blp,
    api_soporte.blp,
    licencias_firmadas.blp,
    admin_empresas.blp,
    admin_usuarios.blp,
    admin_planes.blp,
    admin_servicios.blp,
    admin_plan_servicios.blp,
    admin_suscripciones.blp,
    admin_auditoria.blp,
    admin_soporte_tipos.blp,
    admin_soporte_suscripciones.blp,
    admin_soporte_pagos.blp,
    admin_soporte_tickets.blp,
    admin_claves_api.blp,
)

class TratiosApi(Api):
    """flask-smorest Api documenting the project's error envelope."""

    ERROR_SCHEMA = ErrorSchema
    # No catch-all "default" response: every status an operation can answer is listed (see below),
    # so Schemathesis' status_code_conformance really checks the document.
    DEFAULT_ERROR_RESPONSE_NAME = None

    def _register_error_handlers(self):
        # utils.errors owns every error answer (the JSON envelope of API.md).
        return None


_METHODS = {"get", "post", "put", "patch", "delete"}


def document_common_errors(api: Api) -> None:
    """Declare on every operation the error answers that cross-cutting code can give.

    503 anywhere (database unreachable); with a body: 400 malformed JSON / invalid UTF-8, 413, 415, 422;
    with query parameters: 422; with path parameters: 404; with a security requirement: 401 (and 403 for
    JWT: inactive user or wrong role). Endpoint-specific answers (409, 429, ...) are declared on the views.
    """
    spec = api.spec
    for item in spec._paths.values():
        shared = item.get("parameters", [])
        for method, operation in item.items():
            if method not in _METHODS:
                continue
            responses = operation.setdefault("responses", {})
            parameters = [*shared, *operation.get("parameters", [])]
            locations = {p.get("in") for p in parameters if isinstance(p, dict)}
            codes = {503}
            if operation.get("requestBody"):
                codes |= {400, 413, 415, 422}
            if "query" in locations:
                codes.add(422)
            if "path" in locations:
                codes.add(404)
            for requirement in operation.get("security", []):
                codes.add(401)
                if "bearerAuth" in requirement:
                    codes.add(403)
            for code in sorted(codes):
                if str(code) not in responses:
                    responses[str(code)] = spec.components.get_ref("response", HTTPStatus(code).name)


DESCRIPCION = """Back office de Tratios. Errores: `{"error": "<código>", "message": "...", "details": {...}}`.

Una regla, un código, en todas las entradas (admin, `/auth/registro`, `/public/suscripcion`):

| Regla | Estado | `error` |
|---|---|---|
| NIT ya registrado (con o sin dígito de verificación) | 409 | `nit_duplicado` |
| Correo ya registrado (sin distinguir mayúsculas) | 409 | `email_duplicado` |
| Contraseña fuera de la política (`GET /public/password-policy`) | 422 | `password_debil` |
| Acción no permitida en el estado actual (esquemas `Estado*`) | 409 | `transicion_invalida` |
| Recurso inexistente o de otra empresa | 404 | `<recurso>_no_encontrado(a)` |
"""


def documentar_estados(api: Api) -> None:
    """Publish each state machine as a schema: its states (enum) and `x-transiciones` (state -> action -> next)."""
    for maquina in MAQUINAS:
        nombre = "Estado" + "".join(parte.capitalize() for parte in maquina.nombre.split("_"))
        api.spec.components.schema(nombre, {
            "type": "string", "enum": list(maquina.estados), "x-transiciones": maquina.transiciones,
            "description": f"Estados de {maquina.nombre} y las acciones permitidas desde cada uno.",
        })


def register_all(app: Flask) -> None:
    register_http_hooks(app)
    api = TratiosApi(app, spec_kwargs={
        "info": {"description": DESCRIPCION},
        "components": {
            "securitySchemes": {
                "bearerAuth": {"type": "http", "scheme": "bearer", "bearerFormat": "JWT"},
                "apiKey": {"type": "apiKey", "in": "header", "name": "X-API-Key"},
            }
        }
    })
    app.extensions["tratios_api"] = api
    for blueprint in BLUEPRINTS:
        api.register_blueprint(blueprint)
    document_common_errors(api)
    documentar_estados(api)
    app.register_blueprint(
        get_swaggerui_blueprint("/api/docs", "/api/openapi.json", config={"app_name": "Tratios API"}),
        url_prefix="/api/docs",
    )
    app.register_blueprint(spa_bp)
