"""Identity state kept in the database so it holds across server processes.

- `SesionToken`: one row per login (a refresh-token family); revoking it kills every access and
  refresh token descended from that login.
- `TokenRevocado`: single revoked tokens (used refresh tokens, logged-out access tokens, burnt
  login challenges), looked up by their indexed `jti` until they expire.
- `ContadorAcceso`: consecutive failures per key (account, client IP, OTP of a user, challenge)
  with the lockout deadline; updated with atomic UPDATEs (no lost increments).
- `CodigoVerificacion`: e-mailed one-time codes, stored hashed, with expiry and attempt count.
"""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from database.db import db
from models.base import UTCDateTime, utcnow


class SesionToken(db.Model):
    __tablename__ = "sesiones_token"

    id: Mapped[int] = mapped_column(primary_key=True)
    familia: Mapped[str] = mapped_column(sa.String(36), nullable=False, unique=True)
    usuario_id: Mapped[int] = mapped_column(
        sa.ForeignKey("usuarios.id", ondelete="CASCADE"), nullable=False, index=True
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False, default=utcnow)
    expira_en: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False, index=True)
    revocada_en: Mapped[datetime | None] = mapped_column(UTCDateTime())
    motivo: Mapped[str | None] = mapped_column(sa.String(50))


class TokenRevocado(db.Model):
    __tablename__ = "tokens_revocados"

    id: Mapped[int] = mapped_column(primary_key=True)
    jti: Mapped[str] = mapped_column(sa.String(36), nullable=False, unique=True)
    tipo: Mapped[str] = mapped_column(sa.String(20), nullable=False)
    usuario_id: Mapped[int | None] = mapped_column(sa.ForeignKey("usuarios.id", ondelete="CASCADE"), index=True)
    familia: Mapped[str | None] = mapped_column(sa.String(36), index=True)
    expira_en: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False, index=True)
    revocado_en: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False, default=utcnow)


class ContadorAcceso(db.Model):
    __tablename__ = "contadores_acceso"

    id: Mapped[int] = mapped_column(primary_key=True)
    # "cuenta:<sha256 email>", "ip:<ip>", "otp:<usuario_id>", "reto:<jti>"
    clave: Mapped[str] = mapped_column(sa.String(100), nullable=False, unique=True)
    fallos: Mapped[int] = mapped_column(sa.Integer, nullable=False, default=0)
    bloqueos: Mapped[int] = mapped_column(sa.Integer, nullable=False, default=0)
    bloqueado_hasta: Mapped[datetime | None] = mapped_column(UTCDateTime())
    actualizado_en: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False, default=utcnow, index=True)


class CodigoVerificacion(db.Model):
    __tablename__ = "codigos_verificacion"

    id: Mapped[int] = mapped_column(primary_key=True)
    usuario_id: Mapped[int] = mapped_column(
        sa.ForeignKey("usuarios.id", ondelete="CASCADE"), nullable=False, index=True
    )
    proposito: Mapped[str] = mapped_column(sa.String(30), nullable=False)
    codigo_hash: Mapped[str] = mapped_column(sa.String(64), nullable=False)
    expira_en: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False, index=True)
    intentos: Mapped[int] = mapped_column(sa.Integer, nullable=False, default=0)
    usado_en: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False, default=utcnow)
