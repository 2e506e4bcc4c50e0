from __future__ import annotations

from decimal import Decimal

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from database.db import db
from models.base import MONEY, TimestampMixin, enum_column

MODALIDADES = ("mensual", "anual", "por_tickets", "por_horas")


class SoporteTipo(TimestampMixin, db.Model):
    __tablename__ = "soporte_tipos"
    __recurso__ = ("soporte_tipo", "el tipo de soporte")
    __table_args__ = (
        sa.CheckConstraint("max_tickets IS NULL OR max_tickets > 0", name="max_tickets_positivo"),
        sa.CheckConstraint("max_horas IS NULL OR max_horas > 0", name="max_horas_positivo"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    nombre: Mapped[str] = mapped_column(sa.String(120), nullable=False, unique=True)
    descripcion: Mapped[str | None] = mapped_column(sa.Text)
    modalidad: Mapped[str] = mapped_column(enum_column("soporte_modalidad", MODALIDADES), nullable=False)
    precio: Mapped[Decimal] = mapped_column(MONEY, nullable=False)
    max_tickets: Mapped[int | None] = mapped_column(sa.Integer)
    max_horas: Mapped[Decimal | None] = mapped_column(sa.Numeric(10, 2))
    activo: Mapped[bool] = mapped_column(sa.Boolean, nullable=False, default=True)

    def __repr__(self) -> str:
        return f"<SoporteTipo {self.id} {self.modalidad}>"
