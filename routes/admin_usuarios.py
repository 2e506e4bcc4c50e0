"""`/admin/usuarios`: users (filters, password change, activation toggle, deletion)."""

from __future__ import annotations

from database.db import db
from routes.base import Blueprint
from schemas.admin_usuarios import (
    AdminCambiarPasswordSchema,
    AdminUsuarioCreateSchema,
    AdminUsuarioListArgsSchema,
    AdminUsuarioSchema,
    AdminUsuarioUpdateSchema,
)
from services import usuarios as svc
from utils.logger import AppLogger
from utils.pagination import page_schema, paginate
from utils.security import ADMIN, current_usuario

blp = Blueprint("admin_usuarios", __name__, url_prefix="/admin/usuarios",
                     acceso=ADMIN, description="Back office: usuarios")
log = AppLogger.get("admin")


@blp.route("", methods=["GET"])
@blp.arguments(AdminUsuarioListArgsSchema, location="query")
@blp.response(200, page_schema(AdminUsuarioSchema))
@blp.errores(422)
def listar(args):
    """Lista paginada; filtros `q` (nombre o email), `rol`, `empresa_id`, `is_active`; orden `sort`."""
    return paginate(svc.listar(args), args["page"], args["per_page"])


@blp.route("/<int:usuario_id>", methods=["GET"])
@blp.response(200, AdminUsuarioSchema)
@blp.errores(404)
def obtener(usuario_id):
    """Un usuario (nunca secretos OTP ni hash de contraseña)."""
    return svc.obtener(usuario_id)


@blp.route("", methods=["POST"])
@blp.arguments(AdminUsuarioCreateSchema)
@blp.response(201, AdminUsuarioSchema)
@blp.errores(409, 422)
def crear(data):
    """Crea un usuario (contraseña según la política; email duplicado -> 409)."""
    usuario = svc.crear(data, current_usuario())
    db.session.commit()
    log.info("Usuario %s creado (rol %s)", usuario.id, usuario.rol)
    return usuario


@blp.route("/<int:usuario_id>", methods=["PUT"])
@blp.arguments(AdminUsuarioUpdateSchema)
@blp.response(200, AdminUsuarioSchema)
@blp.errores(404, 409, 422)
def actualizar(data, usuario_id):
    """Actualiza datos, rol, empresa o estado (desactivar revoca sus sesiones)."""
    usuario = svc.actualizar(svc.obtener(usuario_id), data, current_usuario())
    db.session.commit()
    return usuario


@blp.route("/<int:usuario_id>/cambiar-password", methods=["POST"])
@blp.arguments(AdminCambiarPasswordSchema)
@blp.response(200, AdminUsuarioSchema)
@blp.errores(404, 422)
def cambiar_password(data, usuario_id):
    """Fija una contraseña nueva y revoca todas las sesiones del usuario."""
    usuario = svc.cambiar_password(svc.obtener(usuario_id), data["new_password"])
    db.session.commit()
    return usuario


@blp.route("/<int:usuario_id>/toggle-estado", methods=["POST"])
@blp.response(200, AdminUsuarioSchema)
@blp.errores(404, 409)
def toggle_estado(usuario_id):
    """Activa o desactiva (desactivar revoca sus sesiones; no a sí mismo ni al último admin)."""
    usuario = svc.toggle_estado(svc.obtener(usuario_id), current_usuario())
    db.session.commit()
    log.info("Usuario %s %s", usuario.id, "activado" if usuario.is_active else "desactivado")
    return usuario


@blp.route("/<int:usuario_id>", methods=["DELETE"])
@blp.response(204)
@blp.errores(404, 409)
def eliminar(usuario_id):
    """Elimina un usuario (no a sí mismo ni al último admin activo)."""
    svc.eliminar(svc.obtener(usuario_id), current_usuario())
    db.session.commit()
    log.info("Usuario %s eliminado", usuario_id)
    return None

