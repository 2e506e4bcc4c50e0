"""`/admin/servicios`: the service catalogue (toggle switches a service off without deleting it)."""

from __future__ import annotations

from database.db import db
from routes.base import Blueprint
from schemas.admin_catalogo import (
    AdminServicioCreateSchema,
    AdminServicioListArgsSchema,
    AdminServicioSchema,
    AdminServicioUpdateSchema,
)
from services import catalogo as svc
from utils.logger import AppLogger
from utils.pagination import page_schema, paginate
from utils.security import ADMIN

blp = Blueprint("admin_servicios", __name__, url_prefix="/admin/servicios",
                     acceso=ADMIN, description="Back office: servicios")
log = AppLogger.get("admin")


@blp.route("", methods=["GET"])
@blp.arguments(AdminServicioListArgsSchema, location="query")
@blp.response(200, page_schema(AdminServicioSchema))
@blp.errores(422)
def listar(args):
    """Lista paginada; filtros `q`, `activo`; orden `sort`."""
    return paginate(svc.listar_servicios(args), args["page"], args["per_page"])


@blp.route("/<int:servicio_id>", methods=["GET"])
@blp.response(200, AdminServicioSchema)
@blp.errores(404)
def obtener(servicio_id):
    """Un servicio."""
    return svc.obtener_servicio(servicio_id)


@blp.route("", methods=["POST"])
@blp.arguments(AdminServicioCreateSchema)
@blp.response(201, AdminServicioSchema)
@blp.errores(409, 422)
def crear(data):
    """Crea un servicio (nombre único; `url_api` http/https)."""
    servicio = svc.crear_servicio(data)
    db.session.commit()
    log.info("Servicio %s creado", servicio.id)
    return servicio


@blp.route("/<int:servicio_id>", methods=["PUT"])
@blp.arguments(AdminServicioUpdateSchema)
@blp.response(200, AdminServicioSchema)
@blp.errores(404, 409, 422)
def actualizar(data, servicio_id):
    """Actualiza un servicio (solo los campos enviados)."""
    servicio = svc.actualizar_servicio(svc.obtener_servicio(servicio_id), data)
    db.session.commit()
    return servicio


@blp.route("/<int:servicio_id>/toggle", methods=["POST"])
@blp.response(200, AdminServicioSchema)
@blp.errores(404)
def toggle(servicio_id):
    """Activa/desactiva: un servicio inactivo desaparece de las licencias, no se borra."""
    servicio = svc.toggle_servicio(svc.obtener_servicio(servicio_id))
    db.session.commit()
    log.info("Servicio %s %s", servicio.id, "activado" if servicio.activo else "desactivado")
    return servicio


@blp.route("/<int:servicio_id>", methods=["DELETE"])
@blp.response(204)
@blp.errores(404, 409)
def eliminar(servicio_id):
    """Elimina un servicio que ningún plan con suscripciones no canceladas incluye (si no -> 409)."""
    svc.eliminar_servicio(svc.obtener_servicio(servicio_id))
    db.session.commit()
    log.info("Servicio %s eliminado", servicio_id)
    return None

