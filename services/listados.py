"""Admin lists: one query builder (`consulta`: search, equality filters, whitelisted sort) and the query
fields their schemas share (`campo_orden`, `campo_busqueda`, `campo_id`).

`sort=campo` is ascending and `sort=-campo` descending; the order always ends with the id (stable pages).
"""

from __future__ import annotations

import re

import sqlalchemy as sa
from marshmallow import fields, validate

from utils.errors import APIError

# Control characters never belong in a search; SQLite's LIKE stops at a NUL, so "%\x00x%" would match every row.
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def campo_orden(*campos: str, default: str = "id") -> fields.String:
    """A `sort` query field that accepts only `campo` / `-campo` for the given names (else 422)."""
    permitidos = [c for campo in campos for c in (campo, f"-{campo}")]
    return fields.String(
        load_default=default,
        validate=validate.OneOf(permitidos, error="Orden no permitido. Use uno de: {choices}."),
        metadata={"description": "Campo de orden; prefijo '-' para descendente."},
    )


def campo_busqueda(donde: str) -> fields.String:
    """The `q` query field: a substring searched in `donde` (e.g. "NIT y nombre")."""
    return fields.String(validate=validate.Length(max=100), metadata={"description": f"Busca en {donde}."})


def campo_id(**kwargs) -> fields.Integer:
    """A positive id (a filter or a reference to another row)."""
    return fields.Integer(validate=validate.Range(min=1), **kwargs)


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


def consulta(modelo, args: dict, *, buscar: tuple = (), filtros: tuple[str, ...] = (),
             orden: tuple[str, ...] = ("id",)) -> sa.Select:
    """`SELECT modelo` for a list: `q` as a case-insensitive substring of any `buscar` column, equality
    on each of `filtros` sent (not null), ordered by `sort` among the `orden` column names."""
    stmt = sa.select(modelo)
    if buscar and args.get("q"):
        if _CONTROL.search(args["q"]):
            raise APIError(422, "validacion", details={"q": ["La búsqueda no admite caracteres de control."]})
        patron = f"%{like_escape(args['q'].strip())}%"
        stmt = stmt.where(sa.or_(*(columna.ilike(patron, escape="\\") for columna in buscar)))
    for campo in filtros:
        if args.get(campo) is not None:
            stmt = stmt.where(getattr(modelo, campo) == args[campo])
    return ordenar(stmt, args.get("sort"), {campo: getattr(modelo, campo) for campo in orden}, modelo.id)
