"""Pagination as API.md wants it: `?page=&per_page=` (max 100) ->
`{items, total, page, per_page, pages}`."""

from __future__ import annotations

import math

import sqlalchemy as sa
from marshmallow import fields, validate

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
    """Run `stmt` for one page plus a COUNT over the same filtered statement."""
    total = db.session.execute(
        sa.select(sa.func.count()).select_from(stmt.order_by(None).subquery())
    ).scalar_one()
    result = db.session.execute(stmt.limit(per_page).offset((page - 1) * per_page))
    items = list(result.scalars()) if scalars else list(result)
    return {
        "items": items,
        "total": total,
        "page": page,
        "per_page": per_page,
        "pages": math.ceil(total / per_page) if total else 0,
    }
