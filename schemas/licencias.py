"""Schemas of the licensing API (`/api/*`): the license answer and the services check."""

from __future__ import annotations

from marshmallow import fields, validate

from schemas.base import BaseSchema, Nit
from services.licencias import CODIGOS


class LicenciaPlanSchema(BaseSchema):
    id = fields.Integer()
    nombre = fields.String()


class LicenciaSuscripcionSchema(BaseSchema):
    id = fields.Integer()
    plan = fields.Nested(LicenciaPlanSchema)
    periodo = fields.String()
    fecha_inicio = fields.Date()
    fecha_fin = fields.Date()
    dias_restantes = fields.Integer(metadata={"description": "Días hasta fecha_fin (0 si ya pasó)."})
    estado = fields.String(metadata={"description": "Estado guardado; `codigo` es el que decide."})


class LicenciaEmpresaSchema(BaseSchema):
    id = fields.Integer()
    nit = fields.String()
    nombre = fields.String()


class LicenciaServicioSchema(BaseSchema):
    id = fields.Integer()
    nombre = fields.String()
    cantidad = fields.Integer(allow_none=True, metadata={"description": "null = ilimitado."})


class LicenciaSchema(BaseSchema):
    valida = fields.Boolean()
    codigo = fields.String(validate=validate.OneOf(CODIGOS), metadata={"enum": list(CODIGOS)})
    detalle = fields.String()
    empresa = fields.Nested(LicenciaEmpresaSchema)
    suscripcion = fields.Nested(LicenciaSuscripcionSchema, allow_none=True)
    servicios = fields.List(fields.Nested(LicenciaServicioSchema),
                            metadata={"description": "Servicios activos del plan; vacío si la licencia no es válida."})


class VerificarServiciosArgsSchema(BaseSchema):
    nit = Nit(required=True, validate=validate.Length(min=5, max=30))
    servicios = fields.List(
        fields.String(validate=validate.Length(min=1, max=120)),
        required=True,
        validate=validate.Length(min=1, max=100, error="Entre 1 y 100 servicios."),
        metadata={"example": ["Facturación"]},
    )


class ServicioVerificadoSchema(BaseSchema):
    nombre = fields.String()
    activo = fields.Boolean()
    cantidad = fields.Integer(allow_none=True)


class VerificarServiciosSchema(BaseSchema):
    nit = fields.String()
    valida = fields.Boolean()
    servicios = fields.List(fields.Nested(ServicioVerificadoSchema))
