"""Instance API keys (`/admin/claves-api`): `clave` only in the create and rotate answers."""

from __future__ import annotations

from marshmallow import fields, validate

from schemas.base import BaseSchema
from services.listados import campo_busqueda
from utils.pagination import PaginationArgsSchema

PERMISOS = ("licencias", "soporte")


class ClaveApiSchema(BaseSchema):
    id = fields.Integer(dump_only=True)
    nombre = fields.String(required=True, validate=validate.Length(min=1, max=120))
    prefijo = fields.String(dump_only=True)
    empresas = fields.List(fields.Integer(validate=validate.Range(min=1)), allow_none=True, load_default=None,
                           metadata={"description": "Ids de empresas permitidas; null = todas."})
    permisos = fields.List(fields.String(validate=validate.OneOf(PERMISOS, error="Permiso no válido.")),
                           required=True, validate=validate.Length(min=1, max=2))
    revocada = fields.Boolean(dump_only=True)
    created_at = fields.DateTime(dump_only=True)
    last_used_at = fields.DateTime(dump_only=True, allow_none=True)
    anterior_expira = fields.DateTime(dump_only=True, allow_none=True)


class ClaveApiConClaveSchema(ClaveApiSchema):
    """Create / rotate answer: the only place the key is ever shown."""

    clave = fields.String(dump_only=True)


class ClaveApiListArgsSchema(PaginationArgsSchema):
    q = campo_busqueda("nombre y prefijo")
    revocada = fields.Boolean()


class RotarClaveSchema(BaseSchema):
    gracia_minutos = fields.Integer(load_default=0, validate=validate.Range(min=0, max=10080))
