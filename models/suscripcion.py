from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from database.db import db
from models.base import MONEY, TimestampMixin, UTCDateTime, enum_column

PERIODOS = ("mensual", "anual")
ESTADOS_SUSCRIPCION = ("activa", "inactiva", "suspendida", "cancelada")


class Suscripcion(TimestampMixin, db.Model):
    """A company's subscription to a plan (plan-based: there is no `servicio_id`)."""

    __tablename__ = "suscripciones"
    __recurso__ = ("suscripcion", "la suscripción")
    __table_args__ = (
        sa.CheckConstraint(
            "porcentaje_descuento >= 0 AND porcentaje_descuento <= 100", name="descuento_rango"
        ),
        sa.Index("ix_suscripciones_empresa_estado", "empresa_id", "estado"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    empresa_id: Mapped[int] = mapped_column(sa.ForeignKey("empresas.id"), nullable=False, index=True)
    plan_id: Mapped[int] = mapped_column(sa.ForeignKey("planes.id"), nullable=False, index=True)
    periodo: Mapped[str] = mapped_column(enum_column("suscripcion_periodo", PERIODOS), nullable=False)
    fecha_inicio: Mapped[date] = mapped_column(sa.Date, nullable=False)
    fecha_fin: Mapped[date] = mapped_column(sa.Date, nullable=False, index=True)
    estado: Mapped[str] = mapped_column(
        enum_column("suscripcion_estado", ESTADOS_SUSCRIPCION), nullable=False, default="inactiva", index=True
    )
    precio_pagado: Mapped[Decimal] = mapped_column(MONEY, nullable=False, default=Decimal("0"))
    porcentaje_descuento: Mapped[Decimal] = mapped_column(sa.Numeric(5, 2), nullable=False, default=Decimal("0"))
    renovacion_automatica: Mapped[bool] = mapped_column(sa.Boolean, nullable=False, default=False)
    motivo_cancelacion: Mapped[str | None] = mapped_column(sa.String(500))
    # End-of-term cancellation: stays active until fecha_fin, then becomes cancelada.
    cancelar_al_final: Mapped[bool] = mapped_column(sa.Boolean, nullable=False, default=False)
    fecha_cancelacion: Mapped[datetime | None] = mapped_column(UTCDateTime())
    notas: Mapped[str | None] = mapped_column(sa.Text)
    creado_por: Mapped[int | None] = mapped_column(sa.ForeignKey("usuarios.id", ondelete="SET NULL"))

    empresa = relationship("Empresa", back_populates="suscripciones")
    plan = relationship("Plan")

    def __repr__(self) -> str:
        return f"<Suscripcion {self.id} empresa={self.empresa_id} {self.estado}>"
