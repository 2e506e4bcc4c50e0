"""Known devices: a successful login hands the browser a random `dispositivo_token`; only its SHA-256 is
stored, bound to the user. A login that sends it back (`X-Dispositivo`) has its own failure counter, so a
lockout caused by other clients does not stop it (services/intentos.py, services/identidad.py)."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from database.db import db
from models.base import UTCDateTime, utcnow


class Dispositivo(db.Model):
    __tablename__ = "dispositivos"

    id: Mapped[int] = mapped_column(primary_key=True)
    usuario_id: Mapped[int] = mapped_column(
        sa.ForeignKey("usuarios.id", ondelete="CASCADE"), nullable=False, index=True
    )
    # sha256 hex of the token: the token itself is never stored.
    digest: Mapped[str] = mapped_column(sa.String(64), nullable=False, unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False, default=utcnow)
    usado_en: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False, default=utcnow)
