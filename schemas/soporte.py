"""Support schemas: types, contracts, payments, tickets, comments, attachments, availability, stats."""

from __future__ import annotations

import json

from marshmallow import ValidationError, fields, validate, validates_schema

from models.soporte_pago import ESTADOS_PAGO
from models.soporte_suscripcion import ESTADOS_SOPORTE
from models.soporte_ticket import ESTADOS_TICKET, PRIORIDADES
from models.soporte_tipo import MODALIDADES
from schemas.base import BaseSchema, Money
from services.estados.tickets import ABIERTOS
from services.listados import campo_id
from utils.pagination import PaginationArgsSchema

_ONE_OF = "Debe ser uno de: {choices}."
MAX_METADATA = 10_000


def _one_of(values):
    return validate.OneOf(values, error=_ONE_OF)


def _len(minimo=1, maximo=None):
    return validate.Length(min=minimo, max=maximo, error="Debe tener entre {min} y {max} caracteres.")


def _no_vacio(value):
    if value and not value.strip():
        raise ValidationError("No puede estar vacío.")


def _texto(maximo: int) -> list:
    """A required text field's checks: 1..maximo characters, not only blanks."""
    return [_len(1, maximo), _no_vacio]


def _json_pequeno(value):
    if value is not None and len(json.dumps(value, default=str)) > MAX_METADATA:
        raise ValidationError(f"No puede superar {MAX_METADATA} caracteres en JSON.")


class Horas(fields.Decimal):
    def __init__(self, **kwargs):
        kwargs.setdefault("places", 2)
        kwargs.setdefault("allow_nan", False)
        super().__init__(as_string=False, **kwargs)


# --- tipos ---


def validar_limites(modalidad, max_tickets, max_horas) -> None:
    """`max_tickets` only (and required) for por_tickets, `max_horas` only (and required) for por_horas."""
    if modalidad is None:
        return
    errores = {}
    if modalidad == "por_tickets" and not max_tickets:
        errores["max_tickets"] = ["Obligatorio para la modalidad por_tickets."]
    if modalidad == "por_horas" and not max_horas:
        errores["max_horas"] = ["Obligatorio para la modalidad por_horas."]
    if modalidad != "por_tickets" and max_tickets is not None:
        errores["max_tickets"] = ["Solo aplica a la modalidad por_tickets."]
    if modalidad != "por_horas" and max_horas is not None:
        errores["max_horas"] = ["Solo aplica a la modalidad por_horas."]
    if errores:
        raise ValidationError(errores)


class SoporteTipoSchema(BaseSchema):
    id = fields.Integer(dump_only=True)
    nombre = fields.String(required=True, validate=_len(1, 120))
    descripcion = fields.String(allow_none=True, validate=_len(0, 5000))
    modalidad = fields.String(required=True, validate=_one_of(MODALIDADES))
    precio = Money(required=True, validate=validate.Range(min=0, max=9_999_999_999,
                                                          error="Debe estar entre {min} y {max}."))
    max_tickets = fields.Integer(allow_none=True, validate=validate.Range(min=1, max=1_000_000,
                                                                          error="Debe ser mayor que 0."))
    max_horas = Horas(allow_none=True, validate=validate.Range(min=0.01, max=99_999_999,
                                                               error="Debe ser mayor que 0."))
    activo = fields.Boolean()
    created_at = fields.DateTime(dump_only=True)
    updated_at = fields.DateTime(dump_only=True)

    @validates_schema
    def _limites(self, data, partial=False, **kwargs):
        if not partial:
            validar_limites(data.get("modalidad"), data.get("max_tickets"), data.get("max_horas"))


class SoporteTipoUpdateSchema(SoporteTipoSchema):
    """Same fields, every one optional (used with `partial=True`); limits checked against the stored type."""


class SoporteTipoListArgsSchema(PaginationArgsSchema):
    q = fields.String(validate=_len(1, 120))
    modalidad = fields.String(validate=_one_of(MODALIDADES))
    activo = fields.Boolean()


# --- contratos ---


class SoporteSuscripcionSchema(BaseSchema):
    id = fields.Integer(dump_only=True)
    empresa_id = campo_id(required=True)
    suscripcion_id = campo_id(required=True)
    soporte_tipo_id = campo_id(required=True)
    fecha_inicio = fields.Date()
    notas = fields.String(allow_none=True, validate=_len(0, 5000))
    fecha_fin = fields.Date(dump_only=True)
    estado = fields.String(dump_only=True)
    precio_actual = Money(dump_only=True)
    tickets_consumidos = fields.Integer(dump_only=True)
    horas_consumidas = Horas(dump_only=True)
    agotado = fields.Boolean(dump_only=True)
    modalidad = fields.Function(lambda obj: obj.soporte_tipo.modalidad, dump_only=True)
    max_tickets = fields.Function(lambda obj: obj.soporte_tipo.max_tickets, dump_only=True)
    max_horas = fields.Function(lambda obj: obj.soporte_tipo.max_horas, dump_only=True)
    creado_por = fields.Integer(dump_only=True, allow_none=True)
    created_at = fields.DateTime(dump_only=True)
    updated_at = fields.DateTime(dump_only=True)


class SoporteSuscripcionUpdateSchema(BaseSchema):
    notas = fields.String(allow_none=True, validate=_len(0, 5000))


class SoporteSuscripcionAccionSchema(SoporteSuscripcionUpdateSchema):
    """Body of `cancelar` / `renovar`: optional notes."""


class _PorEmpresaArgsSchema(PaginationArgsSchema):
    """Admin lists of every company, filtered by one (`empresa_id`)."""

    empresa_id = campo_id()


class SoporteSuscripcionListArgsSchema(_PorEmpresaArgsSchema):
    estado = fields.String(validate=_one_of(ESTADOS_SOPORTE))
    soporte_tipo_id = campo_id()


# --- pagos ---


class SoportePagoSchema(BaseSchema):
    id = fields.Integer(dump_only=True)
    soporte_suscripcion_id = campo_id(required=True)
    empresa_id = fields.Integer(dump_only=True)
    monto = Money(required=True, validate=validate.Range(min=0.01, max=9_999_999_999,
                                                         error="Debe ser mayor que 0."))
    estado = fields.String(required=True, validate=_one_of(ESTADOS_PAGO))
    detalle = fields.Dict(allow_none=True, validate=_json_pequeno)
    fecha_pago = fields.AwareDateTime(default_timezone=None)
    creado_por = fields.Integer(dump_only=True, allow_none=True)
    created_at = fields.DateTime(dump_only=True)


class SoportePagoUpdateSchema(BaseSchema):
    estado = fields.String(validate=_one_of(ESTADOS_PAGO))
    detalle = fields.Dict(allow_none=True, validate=_json_pequeno)


class SoportePagoListArgsSchema(_PorEmpresaArgsSchema):
    soporte_suscripcion_id = campo_id()
    estado = fields.String(validate=_one_of(ESTADOS_PAGO))


# --- tickets (output) ---


class ArchivoSchema(BaseSchema):
    nombre = fields.String()
    nombre_original = fields.String()
    tamano = fields.Integer()
    tipo = fields.String()
    created_at = fields.DateTime()


class TicketSchema(BaseSchema):
    id = fields.Integer()
    empresa_id = fields.Integer()
    usuario_id = fields.Integer(allow_none=True)
    titulo = fields.String()
    descripcion = fields.String()
    prioridad = fields.String()
    estado = fields.String()
    metadata = fields.Dict(attribute="metadatos", allow_none=True)
    horas_dedicadas = Horas(allow_none=True)
    created_at = fields.DateTime()
    updated_at = fields.DateTime()
    closed_at = fields.DateTime(allow_none=True)
    archivos = fields.List(fields.Nested(ArchivoSchema))


class ComentarioSchema(BaseSchema):
    id = fields.Integer()
    ticket_id = fields.Integer()
    contenido = fields.String()
    es_admin = fields.Boolean()
    interno = fields.Boolean()
    autor = fields.String(allow_none=True)
    adjuntos = fields.Function(lambda obj: obj.adjuntos or [])
    created_at = fields.DateTime()


class AdminTicketSchema(TicketSchema):
    soporte_suscripcion_id = fields.Integer(allow_none=True)
    asignado_a = fields.Integer(allow_none=True)
    consumio_cupo = fields.Boolean()
    first_response_at = fields.DateTime(allow_none=True)


class AdminTicketDetalleSchema(AdminTicketSchema):
    """An admin's view of one ticket: every comment, internal notes included."""

    comentarios = fields.List(fields.Nested(ComentarioSchema))


# Customers and instances get their objects in an envelope: `{ticket}`, `{ticket, comentarios}`, ...


class TicketEnvelopeSchema(BaseSchema):
    ticket = fields.Nested(TicketSchema)


class TicketConComentariosSchema(TicketEnvelopeSchema):
    comentarios = fields.List(fields.Nested(ComentarioSchema))


class ComentarioEnvelopeSchema(BaseSchema):
    comentario = fields.Nested(ComentarioSchema)


class ArchivoEnvelopeSchema(BaseSchema):
    archivo = fields.Nested(ArchivoSchema)


# --- tickets (input) ---


class TicketCrearClienteSchema(BaseSchema):
    """What a customer (SPA) sends: the ticket is theirs, the company is theirs."""

    titulo = fields.String(required=True, validate=_texto(200))
    descripcion = fields.String(required=True, validate=_len(1, 20000))
    prioridad = fields.String(load_default="media", validate=_one_of(PRIORIDADES))
    metadata = fields.Dict(allow_none=True, validate=_json_pequeno)


class TicketCrearApiSchema(TicketCrearClienteSchema):
    """Internal API: the instance may name the user (of that company) who opened it."""

    usuario_id = campo_id(allow_none=True)


class TicketCrearAdminSchema(TicketCrearApiSchema):
    empresa_id = campo_id(required=True)
    asignado_a = campo_id(allow_none=True)


class TicketPatchSchema(BaseSchema):
    estado = fields.String(validate=_one_of(ABIERTOS))  # closing and cancelling have their own actions
    prioridad = fields.String(validate=_one_of(PRIORIDADES))
    asignado_a = campo_id(allow_none=True)

    @validates_schema
    def _algo(self, data, **kwargs):
        if not data:
            raise ValidationError("Indique al menos un campo: estado, prioridad o asignado_a.", "_schema")


class TicketCerrarSchema(BaseSchema):
    horas_dedicadas = Horas(allow_none=True, validate=validate.Range(min=0, max=10000,
                                                                     error="Debe estar entre {min} y {max}."))


class VacioSchema(BaseSchema):
    """Actions without a body (`{}` or nothing)."""


class ComentarioCrearSchema(BaseSchema):
    contenido = fields.String(required=True, validate=_texto(20000))


class ComentarioCrearApiSchema(ComentarioCrearSchema):
    usuario_id = campo_id(allow_none=True)


class ComentarioCrearAdminSchema(ComentarioCrearSchema):
    interno = fields.Boolean(load_default=False)


class TicketListArgsSchema(PaginationArgsSchema):
    estado = fields.String(validate=_one_of(ESTADOS_TICKET))
    prioridad = fields.String(validate=_one_of(PRIORIDADES))


class AdminTicketListArgsSchema(TicketListArgsSchema, _PorEmpresaArgsSchema):
    asignado_a = campo_id()
    q = fields.String(validate=_len(1, 200))


# --- availability and statistics ---


class DisponibilidadSchema(BaseSchema):
    """`GET /status` of the internal API and the customer's availability."""

    activo = fields.Boolean()
    modalidad = fields.String(allow_none=True)
    fecha_fin = fields.Date(allow_none=True)
    tickets_disponibles = fields.Integer(allow_none=True)
    horas_disponibles = Horas(allow_none=True)


class AdminDisponibilidadSchema(DisponibilidadSchema):
    empresa_id = fields.Integer()
    soporte_suscripcion_id = fields.Integer(allow_none=True)
    tickets_consumidos = fields.Integer(allow_none=True)
    max_tickets = fields.Integer(allow_none=True)
    horas_consumidas = Horas(allow_none=True)
    max_horas = Horas(allow_none=True)
    agotado = fields.Boolean()


class DisponibilidadArgsSchema(BaseSchema):
    empresa_id = campo_id(required=True)


class EstadisticasArgsSchema(BaseSchema):
    empresa_id = campo_id()
    desde = fields.Date()
    hasta = fields.Date()


class HorasEmpresaSchema(BaseSchema):
    empresa_id = fields.Integer()
    empresa = fields.String()
    periodo = fields.String()
    horas = Horas()
    tickets = fields.Integer()


class EstadisticasSchema(BaseSchema):
    total = fields.Integer()
    por_estado = fields.Dict(keys=fields.String(), values=fields.Integer())
    por_prioridad = fields.Dict(keys=fields.String(), values=fields.Integer())
    tiempo_primera_respuesta_horas = fields.Float(allow_none=True)
    tiempo_resolucion_horas = fields.Float(allow_none=True)
    horas_por_empresa = fields.List(fields.Nested(HorasEmpresaSchema))


class SoporteHealthSchema(BaseSchema):
    status = fields.String()
