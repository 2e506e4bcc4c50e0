"""`GET /admin/auditoria`: who did what, when, to which entity (before/after, no secrets)."""

from __future__ import annotations

from routes.base import Blueprint
from routes.crud import Vista, registrar_crud
from schemas import admin_auditoria as esquemas
from services import registros_auditoria
from utils.security import ADMIN

blp = Blueprint("admin_auditoria", __name__, url_prefix="/admin/auditoria", acceso=ADMIN,
                description="Back office: registro de auditoría")

registrar_crud(
    blp, registros_auditoria, esquemas.AdminAuditLogSchema, id_param="registro_id",
    listar=Vista("Lista paginada, la más reciente primero; filtros `entidad`, `entidad_id`, `accion`, `usuario_id`,\n"
                 "`empresa_id`, `desde`, `hasta`.", esquemas.AdminAuditoriaListArgsSchema),
    obtener=Vista("Un registro de auditoría."),
)
