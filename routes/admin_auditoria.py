"""`GET /admin/auditoria`: who did what, when, to which entity (before/after, no secrets)."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

import sqlalchemy as sa

from models import AuditLog
from routes.base import Blueprint
from schemas.admin_auditoria import AdminAuditLogSchema, AdminAuditoriaListArgsSchema
from utils.pagination import page_schema, paginate
from utils.security import ADMIN

blp = Blueprint("admin_auditoria", __name__, url_prefix="/admin/auditoria",
                     acceso=ADMIN, description="Back office: registro de auditoría")


def _consulta(args: dict) -> sa.Select:
    stmt = sa.select(AuditLog)
    for campo in ("entidad", "entidad_id", "accion", "usuario_id", "empresa_id"):
        if args.get(campo) is not None:
            stmt = stmt.where(getattr(AuditLog, campo) == args[campo])
    if args.get("desde"):
        stmt = stmt.where(AuditLog.created_at >= datetime.combine(args["desde"], time.min, tzinfo=UTC))
    if args.get("hasta"):
        fin = datetime.combine(args["hasta"] + timedelta(days=1), time.min, tzinfo=UTC)
        stmt = stmt.where(AuditLog.created_at < fin)
    return stmt.order_by(AuditLog.created_at.desc(), AuditLog.id.desc())


@blp.route("", methods=["GET"])
@blp.arguments(AdminAuditoriaListArgsSchema, location="query")
@blp.response(200, page_schema(AdminAuditLogSchema))
@blp.errores(422)
def listar(args):
    """Lista paginada, la más reciente primero; filtros `entidad`, `entidad_id`, `accion`, `usuario_id`,
    `empresa_id`, `desde`, `hasta`."""
    return paginate(_consulta(args), args["page"], args["per_page"])


@blp.route("/<int:registro_id>", methods=["GET"])
@blp.response(200, AdminAuditLogSchema)
@blp.errores(404)
def obtener(registro_id):
    """Un registro de auditoría."""
    from database.db import db
    from utils.errors import APIError

    registro = db.session.get(AuditLog, registro_id)
    if registro is None:
        raise APIError(404, "registro_no_encontrado", "El registro de auditoría no existe.")
    return registro

