"""`GET /health`: one trivial query; 503 when the database is unreachable."""

from __future__ import annotations

from marshmallow import Schema, fields

from database.db import base_disponible
from routes.base import Blueprint
from utils.security import PUBLICO

blp = Blueprint("health", __name__, acceso=PUBLICO, description="Estado del servicio")


class HealthSchema(Schema):
    status = fields.String()
    database = fields.String()


@blp.route("/health")
@blp.response(200, HealthSchema)
@blp.alt_response(503, schema=HealthSchema, description="La base de datos no responde")
def health():
    """Estado del servidor y de la base de datos."""
    if not base_disponible():
        return {"status": "error", "database": "unreachable"}, 503
    return {"status": "ok", "database": "ok"}
