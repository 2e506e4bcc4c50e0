"""Whitelisted sorting for admin lists: `sort=campo` (ascending) or `sort=-campo` (descending)."""

from __future__ import annotations

import sqlalchemy as sa
from marshmallow import fields, validate


def campo_orden(*campos: str, default: str = "id") -> fields.String:
    """A `sort` query field that accepts only `campo` / `-campo` for the given names (else 422)."""
    permitidos = [c for campo in campos for c in (campo, f"-{campo}")]
    return fields.String(
        load_default=default,
        validate=validate.OneOf(permitidos, error="Orden no permitido. Use uno de: {choices}."),
        metadata={"description": "Campo de orden; prefijo '-' para descendente."},
    )


def ordenar(stmt: sa.Select, sort: str | None, columnas: dict, id_column) -> sa.Select:
    """Order by the whitelisted column, then by id (stable pages)."""
    sort = sort or "id"
    descendente = sort.startswith("-")
    columna = columnas[sort.lstrip("-")]
    orden = columna.desc() if descendente else columna.asc()
    tie = id_column.desc() if descendente else id_column.asc()
    return stmt.order_by(orden, tie) if columna is not id_column else stmt.order_by(orden)


def like_escape(texto: str) -> str:
    """Escape LIKE wildcards so `q` matches literally (used with escape='\\')."""
    return texto.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
