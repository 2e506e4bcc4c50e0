"""Back office: plans, services and the plan <-> service entitlements (`cantidad`)."""

from __future__ import annotations

from marshmallow import ValidationError, fields, post_load, validate, validates_schema

from schemas.admin_empresas import NombreLimpio
from schemas.base import BaseSchema, Money
from services import planes, servicios
from services.listados import campo_busqueda, campo_orden
from services.planes import MANTENER
from utils.pagination import PaginationArgsSchema

_nombre = validate.Length(min=1, max=120, error="Debe tener entre {min} y {max} caracteres.")
_precio = validate.Range(min=0, max=9_999_999_999, error="Debe estar entre {min} y {max}.")
_positivo = validate.Range(min=1, max=2_147_483_647, error="Debe ser un entero positivo (o null = ilimitado).")


# --- output -----------------------------------------------------------------------------------

class AdminPlanServicioResumenSchema(BaseSchema):
    """A service inside a plan: `id` is the service id, `cantidad` null = unlimited."""

    id = fields.Integer(attribute="servicio_id")
    nombre = fields.String(attribute="servicio.nombre")
    activo = fields.Boolean(attribute="servicio.activo")
    cantidad = fields.Integer(allow_none=True)


class AdminPlanSchema(BaseSchema):
    id = fields.Integer(dump_only=True)
    nombre = fields.String()
    descripcion = fields.String(allow_none=True)
    precio_mensual = Money()
    precio_anual = Money()
    seleccionado = fields.Boolean()
    servicios = fields.List(fields.Nested(AdminPlanServicioResumenSchema))
    created_at = fields.DateTime()
    updated_at = fields.DateTime()


class AdminServicioSchema(BaseSchema):
    id = fields.Integer(dump_only=True)
    nombre = fields.String()
    descripcion = fields.String(allow_none=True)
    activo = fields.Boolean()
    url_api = fields.String(allow_none=True)
    created_at = fields.DateTime()
    updated_at = fields.DateTime()


class AdminPlanServicioSchema(BaseSchema):
    id = fields.Integer()
    plan_id = fields.Integer()
    servicio_id = fields.Integer()
    nombre = fields.String(attribute="servicio.nombre")
    activo = fields.Boolean(attribute="servicio.activo")
    cantidad = fields.Integer(allow_none=True, metadata={"description": "Límite; null = ilimitado."})


class AdminPlanServicioListSchema(BaseSchema):
    items = fields.List(fields.Nested(AdminPlanServicioSchema))


class AdminResumenServicioSchema(BaseSchema):
    id = fields.Integer()
    nombre = fields.String()
    activo = fields.Boolean()
    planes = fields.List(fields.Integer(), metadata={"description": "Ids de los planes que lo incluyen."})


class AdminResumenPlanSchema(BaseSchema):
    id = fields.Integer()
    nombre = fields.String()
    seleccionado = fields.Boolean()
    servicios = fields.List(fields.Nested(AdminPlanServicioResumenSchema))
    total_servicios = fields.Integer()
    suscripciones_activas = fields.Integer()


class AdminResumenTotalesSchema(BaseSchema):
    planes = fields.Integer()
    servicios = fields.Integer()
    servicios_activos = fields.Integer()
    asociaciones = fields.Integer()


class AdminPlanesServiciosResumenSchema(BaseSchema):
    planes = fields.List(fields.Nested(AdminResumenPlanSchema))
    servicios = fields.List(fields.Nested(AdminResumenServicioSchema))
    totales = fields.Nested(AdminResumenTotalesSchema)


# --- input ------------------------------------------------------------------------------------

class AdminPlanCreateSchema(NombreLimpio):
    nombre = fields.String(required=True, validate=_nombre)
    descripcion = fields.String(allow_none=True, validate=validate.Length(max=5000))
    precio_mensual = Money(required=True, validate=_precio)
    precio_anual = Money(required=True, validate=_precio)
    seleccionado = fields.Boolean(metadata={"description": "Plan destacado; marcar uno desmarca los demás."})

class AdminPlanUpdateSchema(AdminPlanCreateSchema):
    nombre = fields.String(validate=_nombre)
    precio_mensual = Money(validate=_precio)
    precio_anual = Money(validate=_precio)


class AdminServicioCreateSchema(NombreLimpio):
    nombre = fields.String(required=True, validate=_nombre)
    descripcion = fields.String(allow_none=True, validate=validate.Length(max=5000))
    activo = fields.Boolean(load_default=True)
    url_api = fields.Url(allow_none=True, schemes={"http", "https"}, require_tld=False,
                         validate=validate.Length(max=500), error_messages={"invalid": "URL no válida (http/https)."})

class AdminServicioUpdateSchema(AdminServicioCreateSchema):
    nombre = fields.String(validate=_nombre)
    activo = fields.Boolean()


class AdminCantidadSchema(BaseSchema):
    """`POST`/`PUT /admin/planes/:plan_id/servicios/:servicio_id`."""

    cantidad = fields.Integer(strict=True, allow_none=True, load_default=None, validate=_positivo,
                              metadata={"description": "Entero positivo; null = ilimitado."})


class AdminCantidadRequeridaSchema(AdminCantidadSchema):
    cantidad = fields.Integer(strict=True, allow_none=True, required=True, validate=_positivo,
                              metadata={"description": "Entero positivo; null = ilimitado."})


class AdminPlanServicioItemSchema(BaseSchema):
    servicio_id = fields.Integer(strict=True, required=True, validate=validate.Range(min=1))
    cantidad = fields.Integer(strict=True, allow_none=True, load_default=None, validate=_positivo)


class ServicioAsignadoField(fields.Field):
    """A service id (legacy) or `{servicio_id, cantidad}`."""

    def _deserialize(self, value, attr, data, **kwargs):
        if isinstance(value, int) and not isinstance(value, bool):
            if value < 1:
                raise ValidationError("Id de servicio no válido.")
            return {"servicio_id": value, "cantidad": MANTENER}
        if isinstance(value, dict):
            return AdminPlanServicioItemSchema().load(value)
        raise ValidationError("Cada elemento debe ser un id de servicio o un objeto {servicio_id, cantidad}.")


class AdminPlanServiciosReemplazoSchema(BaseSchema):
    """Replace-all. Accepted bodies (exactly one key):
    `{"servicios": [{"servicio_id": 1, "cantidad": 10}, {"servicio_id": 2, "cantidad": null}]}`,
    legacy `{"servicios": [1, 2, 3]}` and legacy `{"servicio_ids": [1, 2, 3]}`
    (ids only: an existing association keeps its `cantidad`, a new one is unlimited)."""

    servicios = fields.List(
        ServicioAsignadoField(),
        metadata={"description": "Objetos {servicio_id, cantidad} o ids (formato legacy)."},
    )
    servicio_ids = fields.List(fields.Integer(strict=True, validate=validate.Range(min=1)),
                               metadata={"description": "Formato legacy: solo ids."})

    @validates_schema
    def _uno(self, data, **kwargs):
        if ("servicios" in data) == ("servicio_ids" in data):
            raise ValidationError("Envíe 'servicios' o 'servicio_ids' (uno de los dos).", "servicios")

    @post_load
    def _normalizar(self, data, **kwargs):
        if "servicio_ids" in data:
            items = [{"servicio_id": i, "cantidad": MANTENER} for i in data["servicio_ids"]]
        else:
            items = data["servicios"]
        vistos: set[int] = set()
        repetidos: set[int] = set()
        for item in items:
            (repetidos if item["servicio_id"] in vistos else vistos).add(item["servicio_id"])
        if repetidos:
            lista = ", ".join(map(str, sorted(repetidos)))
            raise ValidationError({"servicios": [f"Servicios repetidos: {lista}."]})
        return {"items": items}


class AdminPlanListArgsSchema(PaginationArgsSchema):
    q = campo_busqueda("el nombre")
    seleccionado = fields.Boolean()
    sort = campo_orden(*planes.ORDEN)


class AdminServicioListArgsSchema(PaginationArgsSchema):
    q = campo_busqueda("el nombre")
    activo = fields.Boolean()
    sort = campo_orden(*servicios.ORDEN)
