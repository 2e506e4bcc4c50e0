from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from database.db import db
from models.base import TimestampMixin, enum_column

# `pendiente`: created by self-service, waiting for an admin (services/estados/empresas.py).
ESTADOS_EMPRESA = ("activa", "inactiva", "pendiente")


class Empresa(TimestampMixin, db.Model):
    __tablename__ = "empresas"
    __recurso__ = ("empresa", "la empresa")

    id: Mapped[int] = mapped_column(primary_key=True)
    # Normalised NIT: digits, optionally "-" and the DIAN check digit.
    nit: Mapped[str] = mapped_column(sa.String(20), nullable=False, unique=True)
    # NIT without the check digit: the look-up key that accepts either form. Unique, because the
    # check digit is a function of the base (so "900123456" and "900123456-8" are one company).
    nit_base: Mapped[str] = mapped_column(sa.String(20), nullable=False, unique=True)
    nombre: Mapped[str] = mapped_column(sa.String(200), nullable=False, index=True)
    contacto: Mapped[str | None] = mapped_column(sa.String(200))
    # Mirrors the name of the plan of the active subscription (kept by the subscription service).
    plan: Mapped[str | None] = mapped_column(sa.String(120))
    estado: Mapped[str] = mapped_column(
        enum_column("empresa_estado", ESTADOS_EMPRESA), nullable=False, default="activa", index=True
    )

    usuarios = relationship("Usuario", back_populates="empresa")
    suscripciones = relationship("Suscripcion", back_populates="empresa")

    def __repr__(self) -> str:
        return f"<Empresa {self.id} {self.nit}>"
