"""`/admin/planes/:plan_id/servicios` and `/admin/planes-servicios/resumen`: entitlements per plan.

`POST /admin/planes/:plan_id/servicios` replaces every association. Accepted bodies:
`{"servicios": [{"servicio_id": 1, "cantidad": 10}, ...]}`, legacy `{"servicios": [1, 2]}` and
legacy `{"servicio_ids": [1, 2]}` (ids only: existing associations keep their `cantidad`, new ones
are unlimited).
"""

from __future__ import annotations

from routes.base import Blueprint
from routes.crud import operacion
from schemas import admin_catalogo as esquemas
from services import planes, servicios
from utils.security import ADMIN

blp = Blueprint("admin_plan_servicios", __name__, url_prefix="/admin", acceso=ADMIN,
                description="Back office: servicios de cada plan (cantidad null = ilimitado)")

_SERVICIOS = "/planes/<int:plan_id>/servicios"
_SERVICIO = "/planes/<int:plan_id>/servicios/<int:servicio_id>"


@operacion(blp, "GET", _SERVICIOS, respuesta=esquemas.AdminPlanServicioListSchema)
def listar(plan_id):
    """Servicios del plan con su `cantidad`."""
    return planes.servicios_de(planes.obtener(plan_id))


@operacion(blp, "POST", _SERVICIOS, entrada=esquemas.AdminPlanServiciosReemplazoSchema,
           respuesta=esquemas.AdminPlanServicioListSchema)
def reemplazar(data, plan_id):
    """Reemplaza todas las asociaciones (acepta también el formato legacy de solo ids)."""
    return planes.reemplazar_servicios(planes.obtener(plan_id), data["items"])


@operacion(blp, "POST", _SERVICIO, entrada=esquemas.AdminCantidadSchema, respuesta=esquemas.AdminPlanServicioSchema,
           estado=201, errores=(409,))
def asociar(data, plan_id, servicio_id):
    """Agrega un servicio al plan (`cantidad` opcional; ya asociado -> 409)."""
    return planes.asociar(planes.obtener(plan_id), servicios.obtener(servicio_id), data["cantidad"])


@operacion(blp, "PUT", _SERVICIO, entrada=esquemas.AdminCantidadRequeridaSchema,
           respuesta=esquemas.AdminPlanServicioSchema)
def cambiar_cantidad(data, plan_id, servicio_id):
    """Cambia la `cantidad` (entero positivo o null = ilimitado)."""
    return planes.cambiar_cantidad(planes.obtener(plan_id), servicio_id, data["cantidad"])


@operacion(blp, "DELETE", _SERVICIO, estado=204)
def desasociar(plan_id, servicio_id):
    """Quita el servicio del plan."""
    planes.desasociar(planes.obtener(plan_id), servicio_id)


@operacion(blp, "GET", "/planes-servicios/resumen", respuesta=esquemas.AdminPlanesServiciosResumenSchema)
def resumen():
    """Matriz planes x servicios con cantidades, suscripciones activas por plan y totales."""
    return planes.resumen()
