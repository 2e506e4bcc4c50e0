from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from database.db import db
from models.base import TimestampMixin


class Servicio(TimestampMixin, db.Model):
    __tablename__ = "servicios"
    __recurso__ = ("servicio", "el servicio")

    id: Mapped[int] = mapped_column(primary_key=True)
    nombre: Mapped[str] = mapped_column(sa.String(120), nullable=False, unique=True)
    descripcion: Mapped[str | None] = mapped_column(sa.Text)
    activo: Mapped[bool] = mapped_column(sa.Boolean, nullable=False, default=True, index=True)
    url_api: Mapped[str | None] = mapped_column(sa.String(500))

    planes = relationship("PlanServicio", back_populates="servicio", cascade="all, delete-orphan")

    def __repr__(self) -> str:
        return f"<Servicio {self.id} {self.nombre}>"


class PlanServicio(db.Model):
    """Plan <-> service with the per-service limit `cantidad` (None = unlimited)."""

    __tablename__ = "plan_servicios"
    __table_args__ = (
        sa.UniqueConstraint("plan_id", "servicio_id", name="uq_plan_servicios_plan_servicio"),
        sa.CheckConstraint("cantidad IS NULL OR cantidad > 0", name="cantidad_positiva"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(sa.ForeignKey("planes.id", ondelete="CASCADE"), nullable=False, index=True)
    servicio_id: Mapped[int] = mapped_column(
        sa.ForeignKey("servicios.id", ondelete="CASCADE"), nullable=False, index=True
    )
    cantidad: Mapped[int | None] = mapped_column(sa.Integer)

    plan = relationship("Plan", back_populates="servicios")
    servicio = relationship("Servicio", back_populates="planes")
