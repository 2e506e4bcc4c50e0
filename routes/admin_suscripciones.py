"""`/admin/suscripciones`: plan subscriptions and their state machine.

Illegal actions answer 409 `transicion_invalida` with `details.estado_actual`.
"""

from __future__ import annotations

from database.db import db
from routes.base import Blueprint
from schemas.admin_suscripciones import (
    AdminAccionSchema,
    AdminCancelarSchema,
    AdminDescuentoSchema,
    AdminSuscripcionCreateSchema,
    AdminSuscripcionListArgsSchema,
    AdminSuscripcionSchema,
    AdminSuscripcionUpdateSchema,
)
from services import suscripciones as svc
from utils.logger import AppLogger
from utils.pagination import page_schema, paginate
from utils.security import ADMIN, current_usuario

blp = Blueprint("admin_suscripciones", __name__, url_prefix="/admin/suscripciones",
                     acceso=ADMIN, description="Back office: suscripciones de plan")
log = AppLogger.get("admin")


@blp.route("", methods=["GET"])
@blp.arguments(AdminSuscripcionListArgsSchema, location="query")
@blp.response(200, page_schema(AdminSuscripcionSchema))
@blp.errores(422)
def listar(args):
    """Lista paginada; filtros `empresa_id`, `plan_id`, `estado`, `periodo`, `renovacion_automatica`,
    `vence_antes`, `vence_despues`; orden `sort`."""
    return paginate(svc.listar(args), args["page"], args["per_page"])


@blp.route("/<int:suscripcion_id>", methods=["GET"])
@blp.response(200, AdminSuscripcionSchema)
@blp.errores(404)
def obtener(suscripcion_id):
    """Una suscripción."""
    return svc.obtener(suscripcion_id)


@blp.route("", methods=["POST"])
@blp.arguments(AdminSuscripcionCreateSchema)
@blp.response(201, AdminSuscripcionSchema)
@blp.errores(409, 422)
def crear(data):
    """Crea una suscripción (una no cancelada por empresa; precio del plan y periodo)."""
    suscripcion = svc.crear_desde_admin(data, current_usuario())
    db.session.commit()
    log.info("Suscripción %s creada para la empresa %s", suscripcion.id, suscripcion.empresa_id)
    return suscripcion


@blp.route("/<int:suscripcion_id>", methods=["PUT"])
@blp.arguments(AdminSuscripcionUpdateSchema)
@blp.response(200, AdminSuscripcionSchema)
@blp.errores(404, 409, 422)
def actualizar(data, suscripcion_id):
    """Cambia `renovacion_automatica` o `notas` (el estado cambia solo con las acciones)."""
    suscripcion = svc.actualizar(svc.obtener(suscripcion_id), data)
    db.session.commit()
    return suscripcion


def _accion(nombre: str, schema, resumen: str) -> None:
    def view(data, suscripcion_id):
        suscripcion = svc.ejecutar_accion(svc.obtener(suscripcion_id), nombre, data)
        db.session.commit()
        log.info("Suscripción %s: %s -> %s", suscripcion.id, nombre, suscripcion.estado)
        return suscripcion

    view.__doc__ = resumen  # read by flask-smorest when the route is registered
    view.__name__ = nombre
    view = blp.errores(404, 409, 422)(view)
    view = blp.response(200, AdminSuscripcionSchema)(view)
    view = blp.arguments(schema)(view)
    blp.route(f"/<int:suscripcion_id>/{nombre}", methods=["POST"], endpoint=nombre)(view)


_accion("renovar", AdminAccionSchema,
        "Renueva un periodo desde la fecha mayor entre hoy y `fecha_fin` (activa o inactiva -> activa).")
_accion("cancelar", AdminCancelarSchema,
        "Cancela ya, o al final del periodo con `al_final_del_periodo` (sigue activa hasta `fecha_fin`).")
_accion("suspender", AdminAccionSchema, "Suspende una suscripción activa.")
_accion("reactivar", AdminAccionSchema,
        "Suspendida o inactiva -> activa; en una activa, deshace la cancelación programada.")
_accion("descuento", AdminDescuentoSchema, "Aplica un descuento de 0 a 100 % y recalcula `precio_pagado`.")
