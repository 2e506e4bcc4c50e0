"""Audit trail of admin writes: who, what entity, action, before/after (secrets excluded), IP, time.

One idiom: `with auditar("cerrar", ticket): ...` snapshots the object before the block and after it,
and records the entry in the same transaction as the change. For a creation, give the new object to
the entry inside the block (`entrada.objeto = empresa`); for a deletion the "after" is empty.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

import sqlalchemy as sa
from flask import g, has_request_context, request

from database.db import db
from models import AuditLog

# Never stored in the audit trail, whatever the entity.
SECRET_FIELDS = {"password", "password_hash", "new_password", "otp_secret", "otp_backup_codes",
                 "otp_last_timestep", "token", "api_key"}


def _jsonable(value):
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items() if k not in SECRET_FIELDS}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    return value


def snapshot(obj, fields: tuple[str, ...] | None = None) -> dict | None:
    """Column values of a model instance (or only `fields`), secrets removed, JSON-safe."""
    if obj is None:
        return None
    names = fields or tuple(c.key for c in obj.__mapper__.column_attrs)
    return {name: _jsonable(getattr(obj, name)) for name in names if name not in SECRET_FIELDS}


def registrar(accion: str, entidad: str, entidad_id: int | None = None, *, antes: dict | None = None,
              despues: dict | None = None, empresa_id: int | None = None, usuario=None) -> AuditLog:
    actor = usuario if usuario is not None else (getattr(g, "current_usuario", None) if has_request_context() else None)
    entry = AuditLog(
        usuario_id=getattr(actor, "id", None),
        usuario_email=getattr(actor, "email", None),
        accion=accion,
        entidad=entidad,
        entidad_id=entidad_id,
        empresa_id=empresa_id,
        antes=_jsonable(antes) if antes else None,
        despues=_jsonable(despues) if despues else None,
        ip=request.remote_addr if has_request_context() else None,
        request_id=getattr(g, "request_id", None) if has_request_context() else None,
    )
    db.session.add(entry)
    return entry


def entidad(obj) -> str:
    """The audited entity's name: the model's class name in snake_case (`SoporteTicket` -> `soporte_ticket`)."""
    return re.sub(r"(?<!^)(?=[A-Z])", "_", type(obj).__name__).lower()


@dataclass
class Entrada:
    objeto: object = None
    antes: dict | None = None
    despues: dict | None = None


@contextmanager
def auditar(accion: str, objeto=None, *, usuario=None, empresa_id: int | None = None,
            foto: Callable[[object], dict | None] = snapshot) -> Iterator[Entrada]:
    """Record `accion` on `objeto` with its state before and after the block (see the module doc).

    `despues` set on the entry replaces the automatic "after" snapshot; `foto` takes the snapshots.
    """
    entrada = Entrada(objeto=objeto, antes=foto(objeto) if objeto is not None else None)
    yield entrada
    db.session.flush()
    obj = entrada.objeto
    estado = sa.inspect(obj)
    despues = entrada.despues
    if despues is None and not (estado.deleted or estado.was_deleted):
        despues = foto(obj)
    if empresa_id is None:
        empresa_id = obj.id if entidad(obj) == "empresa" else getattr(obj, "empresa_id", None)
    registrar(accion, entidad(obj), obj.id, antes=entrada.antes, despues=despues, empresa_id=empresa_id,
              usuario=usuario)
