"""Deep pages read from the nearer end and through a deferred join: the rows must be exactly those of
a plain LIMIT/OFFSET over the same ordered statement, for every page and every order."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from database.db import db
from models import SoporteTicket, Usuario
from services import tickets as tickets_svc
from services.listados import ordenar
from utils.pagination import paginate


def _ingenua(stmt, page, per_page, scalars=True):
    result = db.session.execute(stmt.limit(per_page).offset((page - 1) * per_page))
    return list(result.scalars()) if scalars else list(result)


@pytest.fixture
def datos(make):
    empresa = make.empresa()
    for n in range(47):
        make.usuario(nombre=f"Usuario {n % 7}", email=f"u{n:02d}@x.co", empresa_id=empresa.id if n % 3 else None)
    for n in range(53):
        db.session.add(SoporteTicket(empresa_id=empresa.id, titulo=f"T{n}", descripcion="d",
                                     prioridad=("baja", "media", "alta")[n % 3],
                                     estado=("abierto", "cerrado")[n % 2]))
    db.session.commit()
    return empresa


@pytest.mark.parametrize("per_page", [1, 5, 10, 20, 100])
def test_tickets_todas_las_paginas_iguales_a_limit_offset(datos, per_page):
    for estado in (None, "abierto"):
        stmt = tickets_svc.listar({"estado": estado})
        total = db.session.scalar(sa.select(sa.func.count()).select_from(stmt.order_by(None).subquery()))
        for page in range(1, total // per_page + 3):
            got = paginate(stmt, page, per_page)
            assert [t.id for t in got["items"]] == [t.id for t in _ingenua(stmt, page, per_page)], (estado, page)
            assert got["total"] == total


@pytest.mark.parametrize("sort", ["id", "-id", "nombre", "-nombre", "email", "-created_at"])
def test_usuarios_cualquier_orden(datos, sort):
    columnas = {"id": Usuario.id, "nombre": Usuario.nombre, "email": Usuario.email, "created_at": Usuario.created_at}
    stmt = ordenar(sa.select(Usuario), sort, columnas, Usuario.id)
    for per_page in (4, 10):
        for page in range(1, 47 // per_page + 3):
            got = paginate(stmt, page, per_page)["items"]
            assert [u.id for u in got] == [u.id for u in _ingenua(stmt, page, per_page)], (sort, per_page, page)


def test_orden_no_total_y_filas_sin_entidad(datos):
    """Without the primary key as last order key (ties), or for plain rows, pages are plain LIMIT/OFFSET."""
    stmt = sa.select(Usuario).order_by(Usuario.nombre)
    for page in range(1, 12):
        assert [u.id for u in paginate(stmt, page, 5)["items"]] == [u.id for u in _ingenua(stmt, page, 5)]
    filas = sa.select(Usuario.id, Usuario.email).order_by(Usuario.id.desc())
    for page in range(1, 12):
        assert paginate(filas, page, 5, scalars=False)["items"] == _ingenua(filas, page, 5, scalars=False)


def test_carga_relaciones_en_pagina_profunda(datos):
    stmt = sa.select(SoporteTicket).options(selectinload(SoporteTicket.archivos)).order_by(SoporteTicket.id.desc())
    got = paginate(stmt, 10, 5)
    assert [t.id for t in got["items"]] == [t.id for t in _ingenua(stmt, 10, 5)]
    assert all(t.archivos == [] for t in got["items"])


def test_pagina_profunda_lee_desde_el_otro_extremo(datos):
    from tests.scale.test_sentencias import contar_sentencias

    stmt = tickets_svc.listar({})
    with contar_sentencias() as sentencias:
        ultima = paginate(stmt, 11, 5)  # 53 tickets: page 11 holds the 3 oldest
    assert [t.id for t in ultima["items"]] == [t.id for t in _ingenua(stmt, 11, 5)]
    pagina = next(s for s in sentencias if "LIMIT" in s and "count(" not in s.lower())
    assert "ORDER BY soporte_tickets.id ASC" in pagina
    with contar_sentencias() as sentencias:
        paginate(stmt, 3, 5)  # before the middle: natural order, ids picked by the deferred join
    pagina = next(s for s in sentencias if "pagina" in s)
    assert "ORDER BY soporte_tickets.id DESC" in pagina
