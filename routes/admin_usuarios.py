"""`/admin/usuarios`: users (filters, password change, activation toggle, deletion)."""

from __future__ import annotations

from routes.base import Blueprint
from routes.crud import Vista, registrar_crud
from schemas import admin_usuarios as esquemas
from services import usuarios
from utils.security import ADMIN

blp = Blueprint("admin_usuarios", __name__, url_prefix="/admin/usuarios", acceso=ADMIN,
                description="Back office: usuarios")

registrar_crud(
    blp, usuarios, esquemas.AdminUsuarioSchema, id_param="usuario_id",
    listar=Vista("Lista paginada; filtros `q` (nombre o email), `rol`, `empresa_id`, `is_active`; orden `sort`.",
                 esquemas.AdminUsuarioListArgsSchema),
    obtener=Vista("Un usuario (nunca secretos OTP ni hash de contraseña)."),
    crear=Vista("Crea un usuario (contraseña según la política; email duplicado -> 409).",
                esquemas.AdminUsuarioCreateSchema, errores=(409,)),
    actualizar=Vista("Actualiza datos, rol, empresa o estado (desactivar revoca sus sesiones).",
                     esquemas.AdminUsuarioUpdateSchema, errores=(409,)),
    borrar=Vista("Elimina un usuario (no a sí mismo ni al último admin activo).", errores=(409,)),
    acciones={
        "cambiar_password": Vista("Fija una contraseña nueva y revoca todas las sesiones del usuario.",
                                  esquemas.AdminCambiarPasswordSchema),
        "toggle_estado": Vista("Activa o desactiva (desactivar revoca sus sesiones; no a sí mismo ni al último admin).",
                               errores=(409,)),
    },
)
