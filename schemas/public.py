"""Schemas of the public endpoints (`/public/*`): catalogue, self-service signup, location.

Class names carry `Publico`/`Registro`/`Pais`/`Ciudad` so the OpenAPI component names never
collide with the admin schemas of the same resources.
"""

from __future__ import annotations

from marshmallow import fields, validate

from models.suscripcion import PERIODOS
from schemas.base import BaseSchema, Money, Nit
from schemas.usuario import UsuarioSchema

# --- catalogue -------------------------------------------------------------------------------


class ServicioDePlanPublicoSchema(BaseSchema):
    id = fields.Integer()
    nombre = fields.String()
    cantidad = fields.Integer(allow_none=True,
                              metadata={"description": "Límite del servicio en el plan; null = ilimitado."})


class PlanPublicoSchema(BaseSchema):
    id = fields.Integer()
    nombre = fields.String()
    descripcion = fields.String(allow_none=True)
    precio_mensual = Money()
    precio_anual = Money()
    seleccionado = fields.Boolean(metadata={"description": "Plan recomendado (destacado en el catálogo)."})
    servicios = fields.List(fields.Nested(ServicioDePlanPublicoSchema),
                            metadata={"description": "Solo servicios activos."})


class PlanesPublicosSchema(BaseSchema):
    items = fields.List(fields.Nested(PlanPublicoSchema))


class ServicioPublicoSchema(BaseSchema):
    id = fields.Integer()
    nombre = fields.String()
    activo = fields.Boolean()


class ServiciosPublicosSchema(BaseSchema):
    items = fields.List(fields.Nested(ServicioPublicoSchema))


class ServiciosPublicosArgsSchema(BaseSchema):
    activos = fields.Boolean(load_default=False, metadata={"description": "1 = solo servicios activos."})


class EmpresaPublicaSchema(BaseSchema):
    id = fields.Integer()
    nombre = fields.String()
    estado = fields.String()


# --- self-service signup -----------------------------------------------------------------------


class RegistroEmpresaSchema(BaseSchema):
    nit = Nit(required=True, validate=validate.Length(min=5, max=30))
    nombre = fields.String(required=True, validate=validate.Length(min=2, max=200))
    contacto = fields.String(required=True, validate=validate.Length(min=3, max=200),
                             metadata={"description": "Correo o teléfono de contacto de la empresa."})


class RegistroUsuarioSchema(BaseSchema):
    nombre = fields.String(required=True, validate=validate.Length(min=2, max=120))
    email = fields.Email(required=True, validate=validate.Length(max=254))
    password = fields.String(required=True, load_only=True, validate=validate.Length(max=256),
                             metadata={"description": "Política en GET /public/password-policy."})


class RegistroSuscripcionSchema(BaseSchema):
    empresa = fields.Nested(RegistroEmpresaSchema, required=True)
    usuario = fields.Nested(RegistroUsuarioSchema, required=True)
    plan_id = fields.Integer(required=True, strict=True, validate=validate.Range(min=1))
    periodo = fields.String(required=True, validate=validate.OneOf(PERIODOS, error="Debe ser 'mensual' o 'anual'."))


class RegistroEmpresaCreadaSchema(BaseSchema):
    id = fields.Integer()
    nit = fields.String()
    nombre = fields.String()
    contacto = fields.String(allow_none=True)
    estado = fields.String()


# One shape for every endpoint that returns a user (schemas/usuario.py).
RegistroUsuarioCreadoSchema = UsuarioSchema


class RegistroPlanRefSchema(BaseSchema):
    id = fields.Integer()
    nombre = fields.String()


class RegistroSuscripcionCreadaSchema(BaseSchema):
    id = fields.Integer()
    plan = fields.Nested(RegistroPlanRefSchema)
    periodo = fields.String()
    fecha_inicio = fields.Date()
    fecha_fin = fields.Date()
    estado = fields.String(metadata={"description": "Siempre `inactiva`: un administrador la activa."})
    precio_pagado = Money()
    porcentaje_descuento = Money()
    renovacion_automatica = fields.Boolean()


class RegistroResultadoSchema(BaseSchema):
    empresa = fields.Nested(RegistroEmpresaCreadaSchema)
    usuario = fields.Nested(RegistroUsuarioCreadoSchema)
    suscripcion = fields.Nested(RegistroSuscripcionCreadaSchema)


# --- location --------------------------------------------------------------------------------


class PaisesArgsSchema(BaseSchema):
    q = fields.String(load_default="", validate=validate.Length(max=100),
                      metadata={"description": "Código ISO (CO, COL) o inicio del nombre; sin distinguir tildes."})
    limit = fields.Integer(load_default=20, validate=validate.Range(min=1, max=100))


class CiudadesArgsSchema(BaseSchema):
    q = fields.String(load_default="", validate=validate.Length(max=100),
                      metadata={"description": "Inicio del nombre de la ciudad; sin distinguir tildes ni mayúsculas."})
    limit = fields.Integer(load_default=20, validate=validate.Range(min=1, max=100))


class PaisSchema(BaseSchema):
    iso2 = fields.String()
    nombre = fields.String(metadata={"description": "Nombre en español."})
    nombre_en = fields.String(metadata={"description": "Nombre en inglés."})


class PaisesSchema(BaseSchema):
    items = fields.List(fields.Nested(PaisSchema))


class CiudadSchema(BaseSchema):
    id = fields.Integer(metadata={"description": "geonameid de GeoNames."})
    nombre = fields.String()
    region = fields.String(allow_none=True, metadata={"description": "Región, cuando los datos la traen (EE. UU.)."})
    poblacion = fields.Integer()


class CiudadesSchema(BaseSchema):
    items = fields.List(fields.Nested(CiudadSchema))
