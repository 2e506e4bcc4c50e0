from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from database.db import db
from models.base import UTCDateTime, utcnow


class AuditLog(db.Model):
    """Who did what to which entity, with before/after values (secrets excluded)."""

    __tablename__ = "auditoria"
    __recurso__ = ("registro", "el registro de auditoría")
    __table_args__ = (sa.Index("ix_auditoria_entidad_entidad_id", "entidad", "entidad_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    usuario_id: Mapped[int | None] = mapped_column(sa.ForeignKey("usuarios.id", ondelete="SET NULL"), index=True)
    usuario_email: Mapped[str | None] = mapped_column(sa.String(254))
    accion: Mapped[str] = mapped_column(sa.String(50), nullable=False, index=True)
    entidad: Mapped[str] = mapped_column(sa.String(50), nullable=False)
    entidad_id: Mapped[int | None] = mapped_column(sa.Integer)
    empresa_id: Mapped[int | None] = mapped_column(sa.Integer, index=True)
    antes: Mapped[dict | None] = mapped_column(sa.JSON)
    despues: Mapped[dict | None] = mapped_column(sa.JSON)
    ip: Mapped[str | None] = mapped_column(sa.String(45))
    request_id: Mapped[str | None] = mapped_column(sa.String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False, default=utcnow, index=True)
