"""Back office: companies. `NombreLimpio` is shared by the back office's bodies with a `nombre`."""

from __future__ import annotations

from marshmallow import ValidationError, fields, post_load, validate

from models.empresa import ESTADOS_EMPRESA
from schemas.base import BaseSchema, Nit
from services import empresas
from services.listados import campo_busqueda, campo_orden
from utils.pagination import PaginationArgsSchema

_texto = validate.Length(min=1, max=200, error="Debe tener entre {min} y {max} caracteres.")
_estado = validate.OneOf(ESTADOS_EMPRESA, error="Debe ser uno de: {choices}.")


class AdminEmpresaSchema(BaseSchema):
    id = fields.Integer(dump_only=True)
    nit = fields.String()
    nombre = fields.String()
    contacto = fields.String(allow_none=True)
    plan = fields.String(allow_none=True, metadata={"description": "Plan de la suscripción activa."})
    estado = fields.String(metadata={"description": "`pendiente` (autoservicio, espera aprobación), `activa`, "
                                                     "`inactiva`; `rechazada` solo en la respuesta de `rechazar`."})
    created_at = fields.DateTime()
    updated_at = fields.DateTime()


class NombreLimpio(BaseSchema):
    """`nombre` without surrounding spaces; only spaces is refused (422)."""

    @post_load
    def _normalizar(self, data, **kwargs):
        if isinstance(data.get("nombre"), str):
            data["nombre"] = data["nombre"].strip()
            if not data["nombre"]:
                raise ValidationError({"nombre": ["Este campo no puede estar vacío."]})
        return data


class AdminEmpresaCreateSchema(NombreLimpio):
    nit = Nit(required=True)
    nombre = fields.String(required=True, validate=_texto)
    contacto = fields.String(allow_none=True, validate=validate.Length(max=200))
    estado = fields.String(validate=_estado)


class AdminEmpresaUpdateSchema(AdminEmpresaCreateSchema):
    """PUT: every field optional (only the fields sent change)."""

    nit = Nit()
    nombre = fields.String(validate=_texto)


class AdminEmpresaListArgsSchema(PaginationArgsSchema):
    q = campo_busqueda("NIT y nombre")
    estado = fields.String(validate=_estado)
    sort = campo_orden(*empresas.ORDEN)
