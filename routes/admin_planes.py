"""`/admin/planes`: plans (delete refused while a subscription uses it)."""

from __future__ import annotations

from database.db import db
from routes.base import Blueprint
from schemas.admin_catalogo import (
    AdminPlanCreateSchema,
    AdminPlanListArgsSchema,
    AdminPlanSchema,
    AdminPlanUpdateSchema,
)
from services import catalogo as svc
from utils.logger import AppLogger
from utils.pagination import page_schema, paginate
from utils.security import ADMIN

blp = Blueprint("admin_planes", __name__, url_prefix="/admin/planes", acceso=ADMIN, description="Back office: planes")
log = AppLogger.get("admin")


@blp.route("", methods=["GET"])
@blp.arguments(AdminPlanListArgsSchema, location="query")
@blp.response(200, page_schema(AdminPlanSchema))
@blp.errores(422)
def listar(args):
    """Lista paginada con sus servicios; filtros `q`, `seleccionado`; orden `sort`."""
    return paginate(svc.listar_planes(args), args["page"], args["per_page"])


@blp.route("/<int:plan_id>", methods=["GET"])
@blp.response(200, AdminPlanSchema)
@blp.errores(404)
def obtener(plan_id):
    """Un plan con sus servicios."""
    return svc.obtener_plan(plan_id)


@blp.route("", methods=["POST"])
@blp.arguments(AdminPlanCreateSchema)
@blp.response(201, AdminPlanSchema)
@blp.errores(409, 422)
def crear(data):
    """Crea un plan (nombre único)."""
    plan = svc.crear_plan(data)
    db.session.commit()
    log.info("Plan %s creado", plan.id)
    return plan


@blp.route("/<int:plan_id>", methods=["PUT"])
@blp.arguments(AdminPlanUpdateSchema)
@blp.response(200, AdminPlanSchema)
@blp.errores(404, 409, 422)
def actualizar(data, plan_id):
    """Actualiza un plan (solo los campos enviados). Los precios nuevos aplican en la próxima renovación."""
    plan = svc.actualizar_plan(svc.obtener_plan(plan_id), data)
    db.session.commit()
    return plan


@blp.route("/<int:plan_id>", methods=["DELETE"])
@blp.response(204)
@blp.errores(404, 409)
def eliminar(plan_id):
    """Elimina un plan sin suscripciones (si alguna lo usa -> 409 con el motivo)."""
    svc.eliminar_plan(svc.obtener_plan(plan_id))
    db.session.commit()
    log.info("Plan %s eliminado", plan_id)
    return None

