"""Back office: companies."""

from __future__ import annotations

from marshmallow import ValidationError, fields, post_load, validate, validates

from models.empresa import ESTADOS_EMPRESA
from schemas.base import BaseSchema
from services.listados import campo_orden
from utils.nit import NitInvalido, normalizar_nit
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
    nit = fields.String(required=True, metadata={"example": "900123456-8"})
    nombre = fields.String(required=True, validate=_texto)
    contacto = fields.String(allow_none=True, validate=validate.Length(max=200))
    estado = fields.String(validate=validate.OneOf(ESTADOS_EMPRESA, error="Debe ser uno de: {choices}."))

    @validates("nit")
    def _nit(self, value, **kwargs):
        try:
            normalizar_nit(value)
        except NitInvalido as exc:
            raise ValidationError(str(exc)) from exc

    @post_load
    def _normalizar(self, data, **kwargs):
        if "nit" in data:
            data["nit"], data["nit_base"] = normalizar_nit(data["nit"])
        if isinstance(data.get("nombre"), str):
            data["nombre"] = data["nombre"].strip()
            if not data["nombre"]:
                raise ValidationError({"nombre": ["Este campo no puede estar vacío."]})
        return data


class AdminEmpresaUpdateSchema(AdminEmpresaCreateSchema):
    """PUT: every field optional (only the fields sent change)."""

    nit = fields.String(metadata={"example": "900123456-8"})
    nombre = fields.String(validate=_texto)


class AdminEmpresaListArgsSchema(PaginationArgsSchema):
    q = fields.String(validate=validate.Length(max=100), metadata={"description": "Busca en NIT y nombre."})
    estado = fields.String(validate=validate.OneOf(ESTADOS_EMPRESA, error="Debe ser uno de: {choices}."))
    sort = campo_orden("id", "nombre", "nit", "estado", "created_at")
