"""Account request/response schemas (API.md, section Account)."""

from __future__ import annotations

from datetime import date

from marshmallow import Schema, ValidationError, fields, validate

from schemas.auth import TokensSchema
from schemas.base import BaseSchema, Money


def _no_futura(valor: date | None) -> None:
    if valor is not None and valor > date.today():
        raise ValidationError("La fecha de nacimiento no puede ser futura.")


class PerfilUpdateSchema(BaseSchema):
    """Only these fields; anything else (rol, email, empresa_id, is_active, otp_*...) is a 422."""

    nombre = fields.String(validate=validate.Length(min=1, max=120))
    telefono = fields.String(allow_none=True, validate=validate.Length(max=30))
    direccion = fields.String(allow_none=True, validate=validate.Length(max=200))
    ciudad = fields.String(allow_none=True, validate=validate.Length(max=100))
    pais = fields.String(allow_none=True, validate=validate.Length(max=100))
    fecha_nacimiento = fields.Date(allow_none=True, validate=_no_futura)


class CodigoEnviadoSchema(Schema):
    sent = fields.Boolean()
    expires_in = fields.Integer()


class VerifyCodeSchema(BaseSchema):
    code = fields.String(required=True, validate=validate.Length(min=1, max=20))


class CodigoValidoSchema(Schema):
    valid = fields.Boolean()


class PasswordChangeSchema(BaseSchema):
    current_password = fields.String(required=True, load_only=True, validate=validate.Length(min=1, max=1024))
    new_password = fields.String(required=True, load_only=True, validate=validate.Length(min=1, max=1024))
    otp_code = fields.String(validate=validate.Length(min=1, max=20))
    verification_code = fields.String(validate=validate.Length(min=1, max=20))


class PasswordCambiadaSchema(TokensSchema):
    message = fields.String()


class PlanRefCuentaSchema(Schema):
    id = fields.Integer()
    nombre = fields.String()


class ServicioCuentaSchema(Schema):
    id = fields.Integer()
    nombre = fields.String()
    cantidad = fields.Integer(allow_none=True)


class SuscripcionCuentaSchema(Schema):
    id = fields.Integer()
    plan = fields.Nested(PlanRefCuentaSchema)
    periodo = fields.String()
    fecha_inicio = fields.Date()
    fecha_fin = fields.Date()
    estado = fields.String()
    precio_pagado = Money()
    porcentaje_descuento = Money()
    renovacion_automatica = fields.Boolean()
    servicios = fields.List(fields.Nested(ServicioCuentaSchema))


class SuscripcionesCuentaSchema(Schema):
    items = fields.List(fields.Nested(SuscripcionCuentaSchema))


class RenovacionSchema(BaseSchema):
    renovacion_automatica = fields.Boolean(required=True)
