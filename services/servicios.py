"""The service catalogue. A service is switched off with `toggle` (it leaves active licenses, not the
data); it cannot be deleted while a plan with non-cancelled subscriptions includes it (409 with the plans).

`exigir_nombre_libre` is the one rule for catalogue names (plans and services): unique, case-insensitive.
"""

from __future__ import annotations

import sqlalchemy as sa

from database.db import db
from models import Plan, PlanServicio, Servicio, Suscripcion
from services import obtener_o_404
from services.auditoria import auditar
from services.listados import consulta
from utils.errors import APIError

ORDEN = ("id", "nombre", "activo", "created_at")


def exigir_nombre_libre(modelo, nombre: str, excepto: int | None = None) -> None:
    """`409 <recurso>_duplicado` (`plan_duplicado`, `servicio_duplicado`) when another row has the name."""
    stmt = sa.select(modelo.id).where(sa.func.lower(modelo.nombre) == nombre.lower())
    if excepto is not None:
        stmt = stmt.where(modelo.id != excepto)
    if db.session.execute(stmt.limit(1)).first() is not None:
        recurso, articulo = modelo.__recurso__[0], "una" if modelo.__recurso__[1].startswith("la ") else "un"
        raise APIError(409, f"{recurso}_duplicado", f"Ya existe {articulo} {recurso} con ese nombre.")


def obtener(servicio_id: int) -> Servicio:
    return obtener_o_404(Servicio, servicio_id)


def listar(args: dict) -> sa.Select:
    return consulta(Servicio, args, buscar=(Servicio.nombre,), filtros=("activo",), orden=ORDEN)


def crear(data: dict) -> Servicio:
    exigir_nombre_libre(Servicio, data["nombre"])
    with auditar("crear") as entrada:
        entrada.objeto = Servicio(**data)
        db.session.add(entrada.objeto)
    return entrada.objeto


def actualizar(servicio: Servicio, data: dict) -> Servicio:
    if "nombre" in data:
        exigir_nombre_libre(Servicio, data["nombre"], excepto=servicio.id)
    with auditar("actualizar", servicio):
        for campo, valor in data.items():
            setattr(servicio, campo, valor)
    return servicio


def toggle(servicio: Servicio) -> Servicio:
    with auditar("desactivar" if servicio.activo else "activar", servicio):
        servicio.activo = not servicio.activo
    return servicio


def borrar(servicio: Servicio) -> None:
    planes = db.session.execute(
        sa.select(Plan.nombre).distinct()
        .join(PlanServicio, PlanServicio.plan_id == Plan.id)
        .join(Suscripcion, Suscripcion.plan_id == Plan.id)
        .where(PlanServicio.servicio_id == servicio.id, Suscripcion.estado != "cancelada")
        .order_by(Plan.nombre)
    ).scalars().all()
    if planes:
        raise APIError(409, "servicio_en_uso",
                       "No se puede eliminar: lo incluyen planes con suscripciones no canceladas "
                       f"({', '.join(planes)}). Desactívelo con toggle o quítelo de esos planes.",
                       details={"motivo": "suscripciones_no_canceladas", "planes": list(planes)})
    with auditar("eliminar", servicio):
        db.session.delete(servicio)  # its plan associations go with it (cascade)
