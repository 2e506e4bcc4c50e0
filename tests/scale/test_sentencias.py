"""SQL statements per request do not grow with the page size (no N+1 in the big lists).

The lists are filled with `flask escala llenar` (the benchmark's bulk filler, small volume) plus a few
attachments, then each list is requested at per_page=5 and per_page=50 and its statements are counted
with a SQLAlchemy `before_cursor_execute` listener.
"""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from commands.scale import llenar
from database.db import db
from models import SoporteTicket, SoporteTicketArchivo
from tests.conftest import contar_sentencias


@pytest.fixture
def volumen(make):
    make.plan(servicios={make.servicio(): 1})
    make.soporte_tipo("mensual")
    resumen = llenar(empresas=3, usuarios=120, tickets=300, comentarios=60, password="Clave-Segura-123",
                     semilla=7, echo=lambda *_: None)
    # Attachments on several tickets: the list loads them too (one extra statement, not one per ticket).
    ids = db.session.execute(sa.select(SoporteTicket.id).order_by(SoporteTicket.id.desc()).limit(40)).scalars()
    for n, ticket_id in enumerate(ids):
        db.session.add(SoporteTicketArchivo(ticket_id=ticket_id, nombre=f"{n:032x}.pdf", nombre_original="a.pdf",
                                            tamano=10, tipo="application/pdf"))
    db.session.commit()
    empresa_id = db.session.execute(
        sa.select(SoporteTicket.empresa_id).group_by(SoporteTicket.empresa_id)
        .order_by(sa.func.count().desc()).limit(1)).scalar_one()
    return {**resumen, "empresa_id": empresa_id}


def _sentencias(client, url: str, headers: dict, per_page: int) -> tuple[int, int]:
    url = f"{url}{'&' if '?' in url else '?'}per_page={per_page}"
    client.get(url, headers=headers)  # warm-up (first-use queries)
    with contar_sentencias() as sentencias:
        response = client.get(url, headers=headers)
    assert response.status_code == 200, response.get_json()
    cuerpo = response.get_json()
    assert len(cuerpo["items"]) == min(per_page, cuerpo["total"])
    return len(sentencias), len(cuerpo["items"])


@pytest.mark.parametrize("url", [
    "/admin/soporte-tickets",
    "/admin/soporte-tickets?estado=abierto",
    "/admin/soporte-tickets?page=2",
    "/admin/usuarios",
    "/admin/usuarios?q=usuario",
])
def test_listas_admin_sentencias_constantes(client, admin_headers, volumen, url):
    pocas, n5 = _sentencias(client, url, admin_headers, 5)
    muchas, n50 = _sentencias(client, url, admin_headers, 50)
    assert (n5, n50) == (5, 50)
    assert pocas == muchas, f"{url}: {pocas} sentencias con per_page=5, {muchas} con per_page=50"
    assert muchas <= 8


def test_lista_api_interna_sentencias_constantes(client, api_key_headers, volumen):
    headers = api_key_headers(volumen["empresa_id"])
    pocas, n5 = _sentencias(client, "/api/internal/support/tickets", headers, 5)
    muchas, n50 = _sentencias(client, "/api/internal/support/tickets", headers, 50)
    assert n5 == 5 and n50 > 5
    assert pocas == muchas
    assert muchas <= 6


def test_comando_llenar_volumen(runner, make, volumen):
    """`flask escala llenar` inserts exactly the volume asked for, on top of what exists."""
    from models import Empresa, SoporteSuscripcion, SoporteTicketComentario, Suscripcion, Usuario

    antes = {m: db.session.scalar(sa.select(sa.func.count()).select_from(m))
             for m in (Empresa, Suscripcion, SoporteSuscripcion, Usuario, SoporteTicket, SoporteTicketComentario)}
    result = runner.invoke(args=["escala", "llenar", "--empresas", "4", "--usuarios", "9", "--tickets", "25",
                                 "--comentarios", "30", "--password", "Clave-Segura-123"])
    assert result.exit_code == 0, result.output
    despues = {m: db.session.scalar(sa.select(sa.func.count()).select_from(m)) for m in antes}
    delta = {m.__name__: despues[m] - antes[m] for m in antes}
    assert delta == {"Empresa": 4, "Suscripcion": 4, "SoporteSuscripcion": 4, "Usuario": 9, "SoporteTicket": 25,
                     "SoporteTicketComentario": 30}
    assert "Clave-Segura-123" not in result.output


def test_crear_ticket_sin_recargas_tras_el_commit(client, api_key_headers, make):
    """create_tickets: the answer is built without re-reading the company or the (empty) attachments."""
    empresa = make.empresa()
    make.soporte_suscripcion(make.suscripcion(empresa, make.plan()), make.soporte_tipo("mensual"))
    cuerpo = {"titulo": "Carga", "descripcion": "Ticket de prueba", "prioridad": "media"}
    client.post("/api/internal/support/create_tickets", json=cuerpo, headers=api_key_headers(empresa.id))
    with contar_sentencias() as sentencias:
        response = client.post("/api/internal/support/create_tickets", json=cuerpo, headers=api_key_headers(empresa.id))
    assert response.status_code == 201, response.get_json()
    assert response.get_json()["ticket"]["archivos"] == []
    assert not [s for s in sentencias if "soporte_ticket_archivos" in s]
    assert len(sentencias) <= 6, sentencias


def test_login_busca_el_email_por_indice(client, make):
    """On MariaDB the login lookup compares the column itself (unique index), not lower(email)."""
    make.usuario(email="ana.escala@x.co")
    with contar_sentencias() as sentencias:
        response = client.post("/auth/login", json={"email": "  ANA.Escala@X.co ", "password": "Clave-Segura-123"})
    assert response.status_code == 200, response.get_json()
    busqueda = next(s for s in sentencias if "FROM usuarios" in s and "email" in s.split("WHERE")[-1])
    if db.engine.dialect.name == "mysql":
        assert "lower(usuarios.email)" not in busqueda.split("WHERE")[-1]
