"""Back office: plan subscriptions and their lifecycle actions."""

from __future__ import annotations

from marshmallow import ValidationError, fields, validate, validates_schema

from models.suscripcion import ESTADOS_SUSCRIPCION, PERIODOS
from schemas.admin_catalogo import AdminPlanSchema
from schemas.admin_empresas import AdminEmpresaSchema
from schemas.base import BaseSchema, Money
from services import suscripciones
from services.estados.suscripciones import INICIALES
from services.listados import campo_id, campo_orden
from utils.pagination import PaginationArgsSchema

_notas = validate.Length(max=5000)


class AdminEmpresaRefSchema(AdminEmpresaSchema):
    """The subscription's company: some fields of the company's own schema."""

    class Meta(BaseSchema.Meta):
        fields = ("id", "nit", "nombre")


class AdminPlanRefSchema(AdminPlanSchema):
    class Meta(BaseSchema.Meta):
        fields = ("id", "nombre")


class AdminSuscripcionSchema(BaseSchema):
    id = fields.Integer(dump_only=True)
    empresa_id = fields.Integer()
    empresa = fields.Nested(AdminEmpresaRefSchema)
    plan_id = fields.Integer()
    plan = fields.Nested(AdminPlanRefSchema)
    periodo = fields.String()
    fecha_inicio = fields.Date()
    fecha_fin = fields.Date()
    estado = fields.String()
    precio_pagado = Money()
    porcentaje_descuento = Money()
    renovacion_automatica = fields.Boolean()
    cancelar_al_final = fields.Boolean(metadata={"description": "Cancelación programada para `fecha_fin`."})
    motivo_cancelacion = fields.String(allow_none=True)
    fecha_cancelacion = fields.DateTime(allow_none=True)
    notas = fields.String(allow_none=True)
    creado_por = fields.Integer(allow_none=True)
    created_at = fields.DateTime()
    updated_at = fields.DateTime()


class AdminSuscripcionCreateSchema(BaseSchema):
    empresa_id = campo_id(required=True)
    plan_id = campo_id(required=True)
    periodo = fields.String(required=True, validate=validate.OneOf(PERIODOS, error="Debe ser uno de: {choices}."))
    fecha_inicio = fields.Date(metadata={"description": "Por defecto, hoy."})
    renovacion_automatica = fields.Boolean(load_default=False)
    notas = fields.String(allow_none=True, validate=_notas)
    estado = fields.String(load_default="activa",
                           validate=validate.OneOf(INICIALES, error="Debe ser uno de: {choices}."))


class AdminSuscripcionUpdateSchema(BaseSchema):
    """PUT: only `renovacion_automatica` and `notas`; state changes go through the actions."""

    renovacion_automatica = fields.Boolean()
    notas = fields.String(allow_none=True, validate=_notas)


class AdminAccionSchema(BaseSchema):
    """`renovar`, `suspender`, `reactivar`: `{}` or `{notas}`."""

    notas = fields.String(validate=validate.Length(min=1, max=5000))


class AdminCancelarSchema(AdminAccionSchema):
    motivo_cancelacion = fields.String(required=True, validate=validate.Length(min=1, max=500))
    al_final_del_periodo = fields.Boolean(load_default=False,
                                          metadata={"description": "Sigue activa hasta `fecha_fin`."})

    @validates_schema
    def _motivo(self, data, **kwargs):
        if not data.get("motivo_cancelacion", "x").strip():
            raise ValidationError("Este campo no puede estar vacío.", "motivo_cancelacion")


class AdminDescuentoSchema(AdminAccionSchema):
    porcentaje_descuento = Money(required=True, validate=validate.Range(min=0, max=100,
                                                                        error="Debe estar entre 0 y 100."))


class AdminSuscripcionListArgsSchema(PaginationArgsSchema):
    empresa_id = campo_id()
    plan_id = campo_id()
    estado = fields.String(validate=validate.OneOf(ESTADOS_SUSCRIPCION, error="Debe ser uno de: {choices}."))
    periodo = fields.String(validate=validate.OneOf(PERIODOS, error="Debe ser uno de: {choices}."))
    renovacion_automatica = fields.Boolean()
    vence_antes = fields.Date(metadata={"description": "fecha_fin <= esta fecha (AAAA-MM-DD)."})
    vence_despues = fields.Date(metadata={"description": "fecha_fin >= esta fecha (AAAA-MM-DD)."})
    sort = campo_orden(*suscripciones.ORDEN)
