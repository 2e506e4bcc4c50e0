from __future__ import annotations

from datetime import datetime
from decimal import Decimal

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from database.db import db
from models.base import MONEY, UTCDateTime, enum_column, utcnow

ESTADOS_PAGO = ("exitoso", "fallido", "pendiente")


class SoportePago(db.Model):
    __tablename__ = "soporte_pagos"
    __recurso__ = ("soporte_pago", "el pago")
    __table_args__ = (sa.CheckConstraint("monto > 0", name="monto_positivo"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    soporte_suscripcion_id: Mapped[int] = mapped_column(
        sa.ForeignKey("soporte_suscripciones.id"), nullable=False, index=True
    )
    empresa_id: Mapped[int] = mapped_column(sa.ForeignKey("empresas.id"), nullable=False, index=True)
    monto: Mapped[Decimal] = mapped_column(MONEY, nullable=False)
    estado: Mapped[str] = mapped_column(enum_column("soporte_pago_estado", ESTADOS_PAGO), nullable=False, index=True)
    detalle: Mapped[dict | None] = mapped_column(sa.JSON)
    fecha_pago: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False, default=utcnow, index=True)
    creado_por: Mapped[int | None] = mapped_column(sa.ForeignKey("usuarios.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False, default=utcnow)

    soporte_suscripcion = relationship("SoporteSuscripcion")
