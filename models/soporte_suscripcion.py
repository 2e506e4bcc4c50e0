from __future__ import annotations

from datetime import date
from decimal import Decimal

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from database.db import db
from models.base import MONEY, TimestampMixin, enum_column

ESTADOS_SOPORTE = ("activo", "vencido", "cancelado", "pendiente_pago")


class SoporteSuscripcion(TimestampMixin, db.Model):
    """A support contract of a company, attached to its plan subscription.

    Quota counters are only changed by `services/soporte.py` with atomic UPDATEs.
    """

    __tablename__ = "soporte_suscripciones"
    __recurso__ = ("soporte_suscripcion", "el contrato de soporte", "soporte_suscripcion_no_encontrada")
    __table_args__ = (
        sa.CheckConstraint("tickets_consumidos >= 0", name="tickets_no_negativos"),
        sa.CheckConstraint("horas_consumidas >= 0", name="horas_no_negativas"),
        sa.Index("ix_soporte_suscripciones_empresa_estado", "empresa_id", "estado"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    suscripcion_id: Mapped[int] = mapped_column(sa.ForeignKey("suscripciones.id"), nullable=False, index=True)
    empresa_id: Mapped[int] = mapped_column(sa.ForeignKey("empresas.id"), nullable=False, index=True)
    soporte_tipo_id: Mapped[int] = mapped_column(sa.ForeignKey("soporte_tipos.id"), nullable=False, index=True)
    fecha_inicio: Mapped[date] = mapped_column(sa.Date, nullable=False)
    fecha_fin: Mapped[date] = mapped_column(sa.Date, nullable=False, index=True)
    estado: Mapped[str] = mapped_column(
        enum_column("soporte_suscripcion_estado", ESTADOS_SOPORTE),
        nullable=False,
        default="pendiente_pago",
        index=True,
    )
    precio_actual: Mapped[Decimal] = mapped_column(MONEY, nullable=False)
    tickets_consumidos: Mapped[int] = mapped_column(sa.Integer, nullable=False, default=0)
    horas_consumidas: Mapped[Decimal] = mapped_column(sa.Numeric(10, 2), nullable=False, default=Decimal("0"))
    # Per-hour contracts: set when a close reaches or passes max_horas (the excess stays recorded).
    agotado: Mapped[bool] = mapped_column(sa.Boolean, nullable=False, default=False, server_default=sa.false())
    notas: Mapped[str | None] = mapped_column(sa.Text)
    creado_por: Mapped[int | None] = mapped_column(sa.ForeignKey("usuarios.id", ondelete="SET NULL"))

    empresa = relationship("Empresa")
    suscripcion = relationship("Suscripcion")
    soporte_tipo = relationship("SoporteTipo")

    def __repr__(self) -> str:
        return f"<SoporteSuscripcion {self.id} empresa={self.empresa_id} {self.estado}>"
