"""`/admin/planes/:plan_id/servicios` and `/admin/planes-servicios/resumen`: entitlements per plan.

`POST /admin/planes/:plan_id/servicios` replaces every association. Accepted bodies:
`{"servicios": [{"servicio_id": 1, "cantidad": 10}, ...]}`, legacy `{"servicios": [1, 2]}` and
legacy `{"servicio_ids": [1, 2]}` (ids only: existing associations keep their `cantidad`, new ones
are unlimited).
"""

from __future__ import annotations

from database.db import db
from routes.base import Blueprint
from schemas.admin_catalogo import (
    AdminCantidadRequeridaSchema,
    AdminCantidadSchema,
    AdminPlanesServiciosResumenSchema,
    AdminPlanServicioListSchema,
    AdminPlanServicioSchema,
    AdminPlanServiciosReemplazoSchema,
)
from services import catalogo as svc
from utils.security import ADMIN

blp = Blueprint("admin_plan_servicios", __name__, url_prefix="/admin",
                     acceso=ADMIN, description="Back office: servicios de cada plan (cantidad null = ilimitado)")


@blp.route("/planes/<int:plan_id>/servicios", methods=["GET"])
@blp.response(200, AdminPlanServicioListSchema)
@blp.errores(404)
def listar(plan_id):
    """Servicios del plan con su `cantidad`."""
    return {"items": svc.servicios_de_plan(svc.obtener_plan(plan_id))}


@blp.route("/planes/<int:plan_id>/servicios", methods=["POST"])
@blp.arguments(AdminPlanServiciosReemplazoSchema)
@blp.response(200, AdminPlanServicioListSchema)
@blp.errores(404, 422)
def reemplazar(data, plan_id):
    """Reemplaza todas las asociaciones (acepta también el formato legacy de solo ids)."""
    items = svc.reemplazar_servicios(svc.obtener_plan(plan_id), data["items"])
    db.session.commit()
    return {"items": items}


@blp.route("/planes/<int:plan_id>/servicios/<int:servicio_id>", methods=["POST"])
@blp.arguments(AdminCantidadSchema)
@blp.response(201, AdminPlanServicioSchema)
@blp.errores(404, 409, 422)
def asociar(data, plan_id, servicio_id):
    """Agrega un servicio al plan (`cantidad` opcional; ya asociado -> 409)."""
    ps = svc.asociar(svc.obtener_plan(plan_id), svc.obtener_servicio(servicio_id), data["cantidad"])
    db.session.commit()
    return ps


@blp.route("/planes/<int:plan_id>/servicios/<int:servicio_id>", methods=["PUT"])
@blp.arguments(AdminCantidadRequeridaSchema)
@blp.response(200, AdminPlanServicioSchema)
@blp.errores(404, 422)
def cambiar_cantidad(data, plan_id, servicio_id):
    """Cambia la `cantidad` (entero positivo o null = ilimitado)."""
    ps = svc.cambiar_cantidad(svc.obtener_plan(plan_id), servicio_id, data["cantidad"])
    db.session.commit()
    return ps


@blp.route("/planes/<int:plan_id>/servicios/<int:servicio_id>", methods=["DELETE"])
@blp.response(204)
@blp.errores(404)
def desasociar(plan_id, servicio_id):
    """Quita el servicio del plan."""
    svc.desasociar(svc.obtener_plan(plan_id), servicio_id)
    db.session.commit()
    return None


@blp.route("/planes-servicios/resumen", methods=["GET"])
@blp.response(200, AdminPlanesServiciosResumenSchema)
def resumen():
    """Matriz planes x servicios con cantidades, suscripciones activas por plan y totales."""
    return svc.resumen()

