"""Audit trail of admin writes: who, what entity, action, before/after (secrets excluded), IP, time.

Call `registrar(...)` inside the same transaction as the change (it only adds to the session).
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

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
