"""Instance API keys: one key per SaaS instance, scoped to companies and permissions.

Only the SHA-256 of the secret is stored (the secret has >= 256 random bits, so a plain digest is
enough); the short `prefijo` stays in clear to find the row. A rotation keeps the previous digest
until `anterior_expira` (the grace window)."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from database.db import db
from models.base import UTCDateTime, utcnow


class ClaveApi(db.Model):
    __tablename__ = "claves_api"
    __recurso__ = ("clave_api", "la clave API")

    id: Mapped[int] = mapped_column(primary_key=True)
    nombre: Mapped[str] = mapped_column(sa.String(120), nullable=False)
    prefijo: Mapped[str] = mapped_column(sa.String(16), nullable=False, unique=True)
    digest: Mapped[str] = mapped_column(sa.String(64), nullable=False)
    digest_anterior: Mapped[str | None] = mapped_column(sa.String(64), nullable=True)
    anterior_expira: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    # None = every company; else a list of company ids.
    empresas: Mapped[list | None] = mapped_column(sa.JSON, nullable=True)
    permisos: Mapped[list] = mapped_column(sa.JSON, nullable=False)
    revocada: Mapped[bool] = mapped_column(sa.Boolean, nullable=False, default=False)
    revocada_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False, default=utcnow)
    last_used_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
