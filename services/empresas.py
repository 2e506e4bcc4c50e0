"""Companies: NIT unique by its base (with or without check digit), soft delete."""

from __future__ import annotations

import sqlalchemy as sa

from database.db import db
from models import Empresa
from services.auditoria import registrar, snapshot
from services.listados import like_escape, ordenar
from utils.errors import APIError

ORDEN = {"id": Empresa.id, "nombre": Empresa.nombre, "nit": Empresa.nit, "estado": Empresa.estado,
         "created_at": Empresa.created_at}


def obtener(empresa_id: int) -> Empresa:
    empresa = db.session.get(Empresa, empresa_id)
    if empresa is None:
        raise APIError(404, "empresa_no_encontrada", "La empresa no existe.")
    return empresa


def listar(args: dict) -> sa.Select:
    stmt = sa.select(Empresa)
    if args.get("q"):
        patron = f"%{like_escape(args['q'].strip())}%"
        stmt = stmt.where(sa.or_(Empresa.nit.ilike(patron, escape="\\"), Empresa.nombre.ilike(patron, escape="\\")))
    if args.get("estado"):
        stmt = stmt.where(Empresa.estado == args["estado"])
    return ordenar(stmt, args.get("sort"), ORDEN, Empresa.id)


def _verificar_nit_libre(nit_base: str, excepto: int | None = None) -> None:
    stmt = sa.select(Empresa.id).where(Empresa.nit_base == nit_base)
    if excepto is not None:
        stmt = stmt.where(Empresa.id != excepto)
    if db.session.execute(stmt.limit(1)).first() is not None:
        raise APIError(409, "nit_duplicado", "Ya existe una empresa con ese NIT.", details={"nit": nit_base})


def crear(data: dict) -> Empresa:
    _verificar_nit_libre(data["nit_base"])
    empresa = Empresa(estado=data.pop("estado", "activa"), **data)
    db.session.add(empresa)
    db.session.flush()
    registrar("crear", "empresa", empresa.id, despues=snapshot(empresa), empresa_id=empresa.id)
    return empresa


def actualizar(empresa: Empresa, data: dict) -> Empresa:
    antes = snapshot(empresa)
    if "nit_base" in data:
        _verificar_nit_libre(data["nit_base"], excepto=empresa.id)
    for campo, valor in data.items():
        setattr(empresa, campo, valor)
    db.session.flush()
    registrar("actualizar", "empresa", empresa.id, antes=antes, despues=snapshot(empresa), empresa_id=empresa.id)
    return empresa


def cambiar_estado(empresa: Empresa, estado: str) -> Empresa:
    """Soft delete (`inactiva`: its license answers EMPRESA_INACTIVA) or activation. Idempotent."""
    if empresa.estado == estado:
        return empresa
    antes = snapshot(empresa)
    empresa.estado = estado
    db.session.flush()
    registrar("desactivar" if estado == "inactiva" else "activar", "empresa", empresa.id,
              antes=antes, despues=snapshot(empresa), empresa_id=empresa.id)
    return empresa
