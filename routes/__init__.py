"""Blueprint registration. Each API module exposes `blueprints` (flask-smorest Blueprints).

The SPA catch-all is registered last so it never shadows an API route.
"""

from __future__ import annotations

import importlib

from flask import Flask
from flask_smorest import Api
from flask_swagger_ui import get_swaggerui_blueprint

from schemas.base import ErrorSchema

API_MODULES = (
    "routes.health",
    "routes.auth",
    "routes.account",
    "routes.account_soporte",
    "routes.public",
    "routes.location",
    "routes.api",
    "routes.api_soporte",
    "routes.admin_empresas",
    "routes.admin_usuarios",
    "routes.admin_planes",
    "routes.admin_servicios",
    "routes.admin_plan_servicios",
    "routes.admin_suscripciones",
    "routes.admin_auditoria",
    "routes.admin_soporte_tipos",
    "routes.admin_soporte_suscripciones",
    "routes.admin_soporte_pagos",
    "routes.admin_soporte_tickets",
)

# Paths that belong to the API: never answered with the SPA's index.html.
API_PREFIXES = ("api", "admin", "auth", "account", "public", "health")


class TratiosApi(Api):
    """flask-smorest Api documenting the project's error envelope."""

    ERROR_SCHEMA = ErrorSchema

    def _register_error_handlers(self):
        # utils.errors owns every error answer (the JSON envelope of API.md).
        return None


def register_all(app: Flask) -> None:
    from utils.http import register_http_hooks

    register_http_hooks(app)
    api = TratiosApi(app, spec_kwargs={
        "components": {
            "securitySchemes": {
                "bearerAuth": {"type": "http", "scheme": "bearer", "bearerFormat": "JWT"},
                "apiKey": {"type": "apiKey", "in": "header", "name": "X-API-Key"},
            }
        }
    })
    app.extensions["tratios_api"] = api
    for name in API_MODULES:
        module = importlib.import_module(name)
        for blueprint in getattr(module, "blueprints", ()):
            api.register_blueprint(blueprint)
    app.register_blueprint(
        get_swaggerui_blueprint("/api/docs", "/api/openapi.json", config={"app_name": "Tratios API"}),
        url_prefix="/api/docs",
    )
    from routes.spa import spa_bp

    app.register_blueprint(spa_bp)
