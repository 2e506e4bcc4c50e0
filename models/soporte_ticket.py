from __future__ import annotations

from datetime import datetime
from decimal import Decimal

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from database.db import db
from models.base import TimestampMixin, UTCDateTime, enum_column, utcnow

PRIORIDADES = ("baja", "media", "alta", "urgente")
ESTADOS_TICKET = ("abierto", "en_proceso", "pendiente_respuesta", "cerrado", "cancelado")


class SoporteTicket(TimestampMixin, db.Model):
    __tablename__ = "soporte_tickets"
    __recurso__ = ("ticket", "el ticket")
    __table_args__ = (
        sa.Index("ix_soporte_tickets_empresa_estado_id", "empresa_id", "estado", "id"),
        sa.Index("ix_soporte_tickets_estado_id", "estado", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    empresa_id: Mapped[int] = mapped_column(sa.ForeignKey("empresas.id"), nullable=False, index=True)
    soporte_suscripcion_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("soporte_suscripciones.id"), index=True
    )
    usuario_id: Mapped[int | None] = mapped_column(sa.ForeignKey("usuarios.id", ondelete="SET NULL"), index=True)
    asignado_a: Mapped[int | None] = mapped_column(sa.ForeignKey("usuarios.id", ondelete="SET NULL"), index=True)
    titulo: Mapped[str] = mapped_column(sa.String(200), nullable=False)
    descripcion: Mapped[str] = mapped_column(sa.Text, nullable=False)
    prioridad: Mapped[str] = mapped_column(
        enum_column("ticket_prioridad", PRIORIDADES), nullable=False, default="media", index=True
    )
    estado: Mapped[str] = mapped_column(
        enum_column("ticket_estado", ESTADOS_TICKET), nullable=False, default="abierto", index=True
    )
    # `metadata` is reserved by SQLAlchemy's declarative base: the column keeps the API name.
    metadatos: Mapped[dict | None] = mapped_column("metadata", sa.JSON)
    horas_dedicadas: Mapped[Decimal | None] = mapped_column(sa.Numeric(8, 2))
    # Whether this ticket consumed a per-ticket quota slot (released on cancel).
    consumio_cupo: Mapped[bool] = mapped_column(sa.Boolean, nullable=False, default=False)
    first_response_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    empresa = relationship("Empresa")
    usuario = relationship("Usuario", foreign_keys=[usuario_id])
    comentarios = relationship(
        "SoporteTicketComentario", back_populates="ticket", order_by="SoporteTicketComentario.id"
    )
    archivos = relationship("SoporteTicketArchivo", back_populates="ticket", order_by="SoporteTicketArchivo.id")


class SoporteTicketComentario(db.Model):
    __tablename__ = "soporte_ticket_comentarios"

    id: Mapped[int] = mapped_column(primary_key=True)
    ticket_id: Mapped[int] = mapped_column(
        sa.ForeignKey("soporte_tickets.id", ondelete="CASCADE"), nullable=False, index=True
    )
    usuario_id: Mapped[int | None] = mapped_column(sa.ForeignKey("usuarios.id", ondelete="SET NULL"))
    contenido: Mapped[str] = mapped_column(sa.Text, nullable=False)
    es_admin: Mapped[bool] = mapped_column(sa.Boolean, nullable=False, default=False)
    # Internal note: visible to admins only.
    interno: Mapped[bool] = mapped_column(sa.Boolean, nullable=False, default=False)
    autor: Mapped[str | None] = mapped_column(sa.String(120))
    adjuntos: Mapped[list | None] = mapped_column(sa.JSON)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False, default=utcnow)

    ticket = relationship("SoporteTicket", back_populates="comentarios")


class SoporteTicketArchivo(db.Model):
    """A file attached to a ticket; stored under a random name in uploads/tickets/<ticket_id>/."""

    __tablename__ = "soporte_ticket_archivos"
    __recurso__ = ("archivo", "el archivo")

    id: Mapped[int] = mapped_column(primary_key=True)
    ticket_id: Mapped[int] = mapped_column(
        sa.ForeignKey("soporte_tickets.id", ondelete="CASCADE"), nullable=False, index=True
    )
    comentario_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("soporte_ticket_comentarios.id", ondelete="SET NULL")
    )
    nombre: Mapped[str] = mapped_column(sa.String(100), nullable=False, unique=True)
    nombre_original: Mapped[str] = mapped_column(sa.String(255), nullable=False)
    tamano: Mapped[int] = mapped_column(sa.BigInteger, nullable=False)
    tipo: Mapped[str] = mapped_column(sa.String(120), nullable=False)
    subido_por: Mapped[int | None] = mapped_column(sa.ForeignKey("usuarios.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False, default=utcnow)

    ticket = relationship("SoporteTicket", back_populates="archivos")
