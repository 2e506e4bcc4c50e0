from __future__ import annotations

from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship, validates

from database.db import db
from models.base import TimestampMixin, UTCDateTime, enum_column
from utils.cifrado import SecretoCifrado

ROLES = ("admin", "cliente")


def normalizar_email(email: str | None) -> str:
    """The one form an e-mail is stored and looked up in: trimmed and lowercased, so equality on the
    unique index finds it on every database (no `lower(email)` that would skip the index)."""
    return (email or "").strip().lower()


class Usuario(TimestampMixin, db.Model):
    __tablename__ = "usuarios"
    __recurso__ = ("usuario", "el usuario")

    id: Mapped[int] = mapped_column(primary_key=True)
    nombre: Mapped[str] = mapped_column(sa.String(120), nullable=False)
    email: Mapped[str] = mapped_column(sa.String(254), nullable=False, unique=True)
    password_hash: Mapped[str] = mapped_column(sa.String(255), nullable=False)
    rol: Mapped[str] = mapped_column(enum_column("usuario_rol", ROLES), nullable=False, default="cliente", index=True)
    empresa_id: Mapped[int | None] = mapped_column(sa.ForeignKey("empresas.id"), index=True)
    is_active: Mapped[bool] = mapped_column(sa.Boolean, nullable=False, default=True, index=True)
    # Registered with 2FA and not yet confirmed (POST /auth/registro/confirmar-otp): cannot log in.
    pendiente_activacion: Mapped[bool] = mapped_column(
        sa.Boolean, nullable=False, default=False, server_default=sa.false()
    )

    # 2FA (TOTP). Secrets and backup-code hashes never leave the server.
    # Encrypted at rest (Fernet, OTP_CIFRADO_CLAVES); read and written in clear.
    otp_secret: Mapped[str | None] = mapped_column(SecretoCifrado())
    otp_enabled: Mapped[bool] = mapped_column(sa.Boolean, nullable=False, default=False)
    otp_backup_codes: Mapped[list | None] = mapped_column(sa.JSON)
    otp_last_verified_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # Last accepted TOTP time step: a code of this step or earlier is a replay (RFC 6238 5.2).
    otp_last_timestep: Mapped[int | None] = mapped_column(sa.BigInteger)

    # Profile
    telefono: Mapped[str | None] = mapped_column(sa.String(30))
    direccion: Mapped[str | None] = mapped_column(sa.String(200))
    ciudad: Mapped[str | None] = mapped_column(sa.String(100))
    pais: Mapped[str | None] = mapped_column(sa.String(100))
    fecha_nacimiento: Mapped[date | None] = mapped_column(sa.Date)

    empresa = relationship("Empresa", back_populates="usuarios")

    @validates("email")
    def _normalizar_email(self, _key, email):
        return normalizar_email(email)

    @property
    def is_admin(self) -> bool:
        return self.rol == "admin"

    def __repr__(self) -> str:
        return f"<Usuario {self.id} {self.rol}>"
