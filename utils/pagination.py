"""Pagination as API.md wants it: `?page=&per_page=` (max 100) ->
`{items, total, page, per_page, pages}`."""

from __future__ import annotations

import math

import sqlalchemy as sa
from marshmallow import fields, validate
from sqlalchemy.sql import operators

from database.db import db
from schemas.base import BaseSchema

MAX_PER_PAGE = 100


class PaginationArgsSchema(BaseSchema):
    page = fields.Integer(load_default=1, validate=validate.Range(min=1, max=1_000_000))
    per_page = fields.Integer(load_default=20, validate=validate.Range(min=1, max=MAX_PER_PAGE))


_page_schemas: dict[type, type] = {}


def page_schema(item_schema: type) -> type:
    """A response schema `{items: [item], total, page, per_page, pages}` for an item schema."""
    if item_schema not in _page_schemas:
        name = item_schema.__name__.removesuffix("Schema") + "PageSchema"
        _page_schemas[item_schema] = type(
            name,
            (BaseSchema,),
            {
                "items": fields.List(fields.Nested(item_schema)),
                "total": fields.Integer(),
                "page": fields.Integer(),
                "per_page": fields.Integer(),
                "pages": fields.Integer(),
            },
        )
    return _page_schemas[item_schema]


def paginate(stmt: sa.Select, page: int, per_page: int, *, scalars: bool = True) -> dict:
    """Run `stmt` for one page plus a COUNT over the same filtered statement.

    Deep pages stay cheap (docs/operaciones.md and bench/README.md): past the middle of the result the page is read from
    the other end (reversed order, small offset), and an offset page of one ORM entity first picks
    the ids on the index alone (deferred join) instead of reading every skipped row.
    """
    total = db.session.execute(
        sa.select(sa.func.count()).select_from(stmt.order_by(None).subquery())
    ).scalar_one()
    offset = (page - 1) * per_page
    limit = per_page
    reverse = False
    clauses = list(stmt._order_by_clauses)
    if offset and offset * 2 > total and _orden_total(stmt, clauses):
        # The same rows, counted from the end: ORDER BY reversed, OFFSET from the end, then flipped back.
        reverse = True
        limit = max(0, min(per_page, total - offset))
        offset = max(0, total - offset - per_page)
        stmt = stmt.order_by(None).order_by(*[_invertir(c) for c in clauses])
    if limit == 0:
        items = []
    else:
        page_stmt = _deferred_join(stmt, limit, offset) if offset else None
        if page_stmt is None:
            page_stmt = stmt.limit(limit).offset(offset)
        result = db.session.execute(page_stmt)
        items = list(result.scalars()) if scalars else list(result)
    if reverse:
        items.reverse()
    return {
        "items": items,
        "total": total,
        "page": page,
        "per_page": per_page,
        "pages": math.ceil(total / per_page) if total else 0,
    }


def _columna_pk(stmt: sa.Select):
    """The primary-key column when `stmt` selects exactly one ORM entity with a one-column key."""
    descripciones = stmt.column_descriptions
    if len(descripciones) != 1 or descripciones[0].get("entity") is None:
        return None
    mapper = sa.inspect(descripciones[0]["entity"], raiseerr=False)
    if mapper is None or len(getattr(mapper, "primary_key", ())) != 1:
        return None
    return mapper.primary_key[0]


def _orden_total(stmt: sa.Select, clauses: list) -> bool:
    """Reversing is exact only if the order is total: its last key must be the primary key."""
    if not clauses or stmt._group_by_clauses or stmt._distinct:
        return False
    pk = _columna_pk(stmt)
    ultimo = clauses[-1]
    columna = getattr(ultimo, "element", ultimo) if _modificador(ultimo) else ultimo
    return pk is not None and getattr(columna, "key", None) == pk.key and getattr(columna, "table", None) is pk.table


def _modificador(clause):
    return getattr(clause, "modifier", None) in (operators.desc_op, operators.asc_op)


def _invertir(clause):
    if getattr(clause, "modifier", None) is operators.desc_op:
        return clause.element.asc()
    if getattr(clause, "modifier", None) is operators.asc_op:
        return clause.element.desc()
    return clause.desc()


def _deferred_join(stmt: sa.Select, limit: int, offset: int) -> sa.Select | None:
    """`stmt` restricted to the ids of the page, picked by a sub-select that reads only the index."""
    pk = _columna_pk(stmt)
    if pk is None or stmt._group_by_clauses or stmt._distinct:
        return None
    ids = stmt.with_only_columns(pk.label("pagina_id")).limit(limit).offset(offset).subquery("pagina")
    return stmt.join(ids, ids.c.pagina_id == pk)
