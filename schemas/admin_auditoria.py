"""Back office: the audit trail."""

from __future__ import annotations

from marshmallow import ValidationError, fields, validate, validates_schema

from schemas.base import BaseSchema
from services.listados import campo_id
from utils.pagination import PaginationArgsSchema


class AdminAuditLogSchema(BaseSchema):
    id = fields.Integer()
    usuario_id = fields.Integer(allow_none=True)
    usuario_email = fields.String(allow_none=True)
    accion = fields.String()
    entidad = fields.String()
    entidad_id = fields.Integer(allow_none=True)
    empresa_id = fields.Integer(allow_none=True)
    antes = fields.Dict(allow_none=True)
    despues = fields.Dict(allow_none=True)
    ip = fields.String(allow_none=True)
    request_id = fields.String(allow_none=True)
    created_at = fields.DateTime()


class AdminAuditoriaListArgsSchema(PaginationArgsSchema):
    entidad = fields.String(validate=validate.Length(max=50))
    entidad_id = campo_id()
    accion = fields.String(validate=validate.Length(max=50))
    usuario_id = campo_id()
    empresa_id = campo_id()
    desde = fields.Date(metadata={"description": "Desde este día (UTC, inclusive)."})
    hasta = fields.Date(metadata={"description": "Hasta este día (UTC, inclusive)."})

    @validates_schema
    def _rango(self, data, **kwargs):
        if data.get("desde") and data.get("hasta") and data["desde"] > data["hasta"]:
            raise ValidationError("Debe ser posterior o igual a 'desde'.", "hasta")
