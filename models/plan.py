from __future__ import annotations

from decimal import Decimal

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from database.db import db
from models.base import MONEY, TimestampMixin


class Plan(TimestampMixin, db.Model):
    __tablename__ = "planes"
    __recurso__ = ("plan", "el plan")

    id: Mapped[int] = mapped_column(primary_key=True)
    nombre: Mapped[str] = mapped_column(sa.String(120), nullable=False, unique=True)
    descripcion: Mapped[str | None] = mapped_column(sa.Text)
    precio_mensual: Mapped[Decimal] = mapped_column(MONEY, nullable=False, default=Decimal("0"))
    precio_anual: Mapped[Decimal] = mapped_column(MONEY, nullable=False, default=Decimal("0"))
    # "Recommended" plan highlighted in the public catalogue.
    seleccionado: Mapped[bool] = mapped_column(sa.Boolean, nullable=False, default=False)

    servicios = relationship(
        "PlanServicio", back_populates="plan", cascade="all, delete-orphan", order_by="PlanServicio.id"
    )

    def __repr__(self) -> str:
        return f"<Plan {self.id} {self.nombre}>"
