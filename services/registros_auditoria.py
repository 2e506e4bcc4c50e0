"""Reading the audit trail (`GET /admin/auditoria`); writing it is `services.auditoria.auditar`."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

import sqlalchemy as sa

from models import AuditLog
from services import obtener_o_404
from services.listados import consulta


def obtener(registro_id: int) -> AuditLog:
    return obtener_o_404(AuditLog, registro_id)


def listar(args: dict) -> sa.Select:
    """Newest first; equality filters and the days `desde`..`hasta` (UTC, both included)."""
    stmt = consulta(AuditLog, {**args, "sort": "-created_at"},
                    filtros=("entidad", "entidad_id", "accion", "usuario_id", "empresa_id"), orden=("created_at",))
    if args.get("desde"):
        stmt = stmt.where(AuditLog.created_at >= datetime.combine(args["desde"], time.min, tzinfo=UTC))
    if args.get("hasta"):
        fin = datetime.combine(args["hasta"] + timedelta(days=1), time.min, tzinfo=UTC)
        stmt = stmt.where(AuditLog.created_at < fin)
    return stmt
