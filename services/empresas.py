"""Companies: the NIT is unique by its base (with or without check digit); DELETE is a soft delete.

`exigir_nit_libre` is the one rule for NIT uniqueness (`409 nit_duplicado`), and `nueva` the one way a
company is created: by an admin, by `/auth/registro` and by `/public/suscripcion`.
"""

from __future__ import annotations

import sqlalchemy as sa

from database.db import db
from models import Empresa
from services import obtener_o_404
from services.auditoria import auditar
from services.listados import consulta
from utils.errors import APIError
from utils.nit import normalizar_nit

ORDEN = ("id", "nombre", "nit", "estado", "created_at")


def obtener(empresa_id: int) -> Empresa:
    return obtener_o_404(Empresa, empresa_id)


def listar(args: dict) -> sa.Select:
    return consulta(Empresa, args, buscar=(Empresa.nit, Empresa.nombre), filtros=("estado",), orden=ORDEN)


def exigir_nit_libre(nit: str, excepto: int | None = None) -> str:
    """The NIT's base when no other company has it; `409 nit_duplicado` otherwise."""
    nit_base = normalizar_nit(nit)[1]
    stmt = sa.select(Empresa.id).where(Empresa.nit_base == nit_base)
    if excepto is not None:
        stmt = stmt.where(Empresa.id != excepto)
    if db.session.execute(stmt.limit(1)).first() is not None:
        raise APIError(409, "nit_duplicado", "Ya existe una empresa con ese NIT.", details={"nit": nit_base})
    return nit_base


def nueva(datos: dict) -> Empresa:
    """Add a company (`nit`, `nombre`, `contacto?`, `estado?`) after checking its NIT is free."""
    nit_base = exigir_nit_libre(datos["nit"])
    empresa = Empresa(nit=normalizar_nit(datos["nit"])[0], nit_base=nit_base, nombre=datos["nombre"].strip(),
                      contacto=(datos.get("contacto") or "").strip() or None, estado=datos.get("estado", "activa"))
    db.session.add(empresa)
    db.session.flush()
    return empresa


def crear(datos: dict) -> Empresa:
    with auditar("crear") as entrada:
        entrada.objeto = nueva(datos)
    return entrada.objeto


def actualizar(empresa: Empresa, datos: dict) -> Empresa:
    with auditar("actualizar", empresa):
        if "nit" in datos:
            empresa.nit_base = exigir_nit_libre(datos["nit"], excepto=empresa.id)
        for campo, valor in datos.items():
            setattr(empresa, campo, valor)
    return empresa


def cambiar_estado(empresa: Empresa, estado: str) -> Empresa:
    """Soft delete (`inactiva`: its license answers EMPRESA_INACTIVA) or activation. Idempotent."""
    if empresa.estado != estado:
        with auditar("desactivar" if estado == "inactiva" else "activar", empresa):
            empresa.estado = estado
    return empresa


def borrar(empresa: Empresa) -> Empresa:
    """`DELETE` is a soft delete: the company stays, `inactiva`."""
    return cambiar_estado(empresa, "inactiva")


def activar(empresa: Empresa) -> Empresa:
    return cambiar_estado(empresa, "activa")
