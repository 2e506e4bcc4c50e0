from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from database.db import db
from models.base import UTCDateTime, utcnow


class LogAcceso(db.Model):
    """Simple security/access events (login ok/failed, lockout, logout, ...)."""

    __tablename__ = "log_accesos"

    id: Mapped[int] = mapped_column(primary_key=True)
    tipo: Mapped[str] = mapped_column(sa.String(50), nullable=False, index=True)
    fecha: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False, default=utcnow, index=True)
    empresa_id: Mapped[int | None] = mapped_column(sa.ForeignKey("empresas.id", ondelete="SET NULL"), index=True)
    usuario_id: Mapped[int | None] = mapped_column(sa.ForeignKey("usuarios.id", ondelete="SET NULL"), index=True)
    ip: Mapped[str | None] = mapped_column(sa.String(45))
    detalle: Mapped[str | None] = mapped_column(sa.String(255))
