"""Support types (`/admin/soporte-tipos`): the catalogue of modalities, prices and limits.

The limits must fit the modality (`validar_limites`, 422). A type already contracted keeps its
modality and is never deleted (409 `soporte_tipo_en_uso`): it is deactivated with `activo: false`.
"""

from __future__ import annotations

import sqlalchemy as sa
from marshmallow import ValidationError

from database.db import db
from models import SoporteSuscripcion, SoporteTipo
from schemas.soporte import validar_limites
from services import obtener_o_404
from services.auditoria import auditar
from services.listados import consulta
from utils.errors import APIError


def listar(args: dict) -> sa.Select:
    """Filters `q` (name), `modalidad`, `activo`; by id."""
    return consulta(SoporteTipo, args, buscar=(SoporteTipo.nombre,), filtros=("modalidad", "activo"))


def obtener(tipo_id: int) -> SoporteTipo:
    return obtener_o_404(SoporteTipo, tipo_id)


def crear(datos: dict) -> SoporteTipo:
    with auditar("crear") as entrada:
        entrada.objeto = tipo = SoporteTipo(**datos)
        db.session.add(tipo)
    return tipo


def actualizar(tipo: SoporteTipo, datos: dict) -> SoporteTipo:
    """Only the fields sent. A new modality drops the old limits; a contracted type keeps its modality."""
    modalidad = datos.get("modalidad", tipo.modalidad)
    cambia = modalidad != tipo.modalidad
    if cambia and _en_uso(tipo):
        raise APIError(409, "soporte_tipo_en_uso", "El tipo ya tiene contratos: su modalidad no puede cambiar.")
    _exigir_limites(modalidad, datos.get("max_tickets", None if cambia else tipo.max_tickets),
                    datos.get("max_horas", None if cambia else tipo.max_horas))
    with auditar("actualizar", tipo):
        if cambia:
            tipo.max_tickets = None
            tipo.max_horas = None
        for campo, valor in datos.items():
            setattr(tipo, campo, valor)
    return tipo


def borrar(tipo: SoporteTipo) -> None:
    if _en_uso(tipo):
        raise APIError(409, "soporte_tipo_en_uso",
                       "El tipo tiene contratos: desactívelo (activo=false) en lugar de borrarlo.")
    with auditar("borrar", tipo):
        db.session.delete(tipo)


def _en_uso(tipo: SoporteTipo) -> bool:
    return db.session.execute(
        sa.select(SoporteSuscripcion.id).where(SoporteSuscripcion.soporte_tipo_id == tipo.id).limit(1)
    ).first() is not None


def _exigir_limites(modalidad: str, max_tickets, max_horas) -> None:
    """The schema's rule, checked against the stored type for a partial update."""
    try:
        validar_limites(modalidad, max_tickets, max_horas)
    except ValidationError as exc:
        raise APIError(422, "validacion", "Los datos enviados no son válidos.", details=exc.messages) from exc
