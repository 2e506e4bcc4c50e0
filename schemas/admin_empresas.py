"""Back office: companies."""

from __future__ import annotations

from marshmallow import ValidationError, fields, post_load, validate

from models.empresa import ESTADOS_EMPRESA
from schemas.base import BaseSchema, Nit
from services.listados import campo_orden
from utils.pagination import PaginationArgsSchema

_texto = validate.Length(min=1, max=200, error="Debe tener entre {min} y {max} caracteres.")


class AdminEmpresaSchema(BaseSchema):
    id = fields.Integer(dump_only=True)
    nit = fields.String()
    nombre = fields.String()
    contacto = fields.String(allow_none=True)
    plan = fields.String(allow_none=True, metadata={"description": "Plan de la suscripción activa."})
    estado = fields.String()
    created_at = fields.DateTime()
    updated_at = fields.DateTime()


class AdminEmpresaCreateSchema(BaseSchema):
    nit = Nit(required=True)
    nombre = fields.String(required=True, validate=_texto)
    contacto = fields.String(allow_none=True, validate=validate.Length(max=200))
    estado = fields.String(validate=validate.OneOf(ESTADOS_EMPRESA, error="Debe ser uno de: {choices}."))

    @post_load
    def _normalizar(self, data, **kwargs):
        if isinstance(data.get("nombre"), str):
            data["nombre"] = data["nombre"].strip()
            if not data["nombre"]:
                raise ValidationError({"nombre": ["Este campo no puede estar vacío."]})
        return data


class AdminEmpresaUpdateSchema(AdminEmpresaCreateSchema):
    """PUT: every field optional (only the fields sent change)."""

    nit = Nit()
    nombre = fields.String(validate=_texto)


class AdminEmpresaListArgsSchema(PaginationArgsSchema):
    q = fields.String(validate=validate.Length(max=100), metadata={"description": "Busca en NIT y nombre."})
    estado = fields.String(validate=validate.OneOf(ESTADOS_EMPRESA, error="Debe ser uno de: {choices}."))
    sort = campo_orden("id", "nombre", "nit", "estado", "created_at")
