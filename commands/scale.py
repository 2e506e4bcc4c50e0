"""`flask escala llenar`: fill a database quickly with realistic volume (bulk inserts).

Default volume: 10,000 companies with subscriptions and support contracts, 20,000 users,
100,000 tickets and 300,000 comments. Used by the benchmark in bench/.
"""

from __future__ import annotations

import random
import time
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import click
import sqlalchemy as sa
from flask import Flask
from flask.cli import AppGroup, ScriptInfo

from database.db import db
from models import (
    Empresa,
    Plan,
    SoporteSuscripcion,
    SoporteTicket,
    SoporteTicketComentario,
    SoporteTipo,
    Suscripcion,
    Usuario,
)
from services import unidad_de_trabajo
from services.seed import generate_password
from services.suscripciones import add_months
from utils.nit import digito_verificacion
from utils.passwords import hash_password

CHUNK = 5000
PRIORIDADES = ("baja", "media", "alta", "urgente")
ESTADOS_TICKET = ("abierto", "en_proceso", "pendiente_respuesta", "cerrado", "cancelado")
ESTADOS_PESOS = (30, 20, 10, 35, 5)
PALABRAS = (
    "factura inventario caja cierre venta contrato avalúo reporte error lento usuario permiso impresora "
    "nómina retención descuento cliente proveedor bodega kardex sincronización"
).split()


def _frase(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(PALABRAS) for _ in range(n)).capitalize()


def _insert(table, rows: list[dict]) -> None:
    for start in range(0, len(rows), CHUNK):
        db.session.execute(sa.insert(table), rows[start:start + CHUNK])


def _max_id(model) -> int:
    return db.session.execute(sa.select(sa.func.coalesce(sa.func.max(model.id), 0))).scalar_one()


def _empresas(rng: random.Random, empresas: int, planes: list, tipo_ilimitado, password: str, usuarios: int,
              echo) -> list[int]:
    """Companies, each with a subscription and a support contract, and the users spread among them."""
    hoy = date.today()
    ahora = datetime.now(UTC)
    base_empresa = _max_id(Empresa)
    rows = []
    for i in range(1, empresas + 1):
        base = str(700000000 + base_empresa + i)
        rows.append({
            "nit": f"{base}-{digito_verificacion(base)}", "nit_base": base,
            "nombre": f"{_frase(rng, 2)} {base_empresa + i} S.A.S.",
            "contacto": f"contacto{base_empresa + i}@empresa.co",
            "estado": "activa" if rng.random() > 0.03 else "inactiva", "created_at": ahora, "updated_at": ahora,
        })
    _insert(Empresa.__table__, rows)
    empresa_ids = list(db.session.execute(
        sa.select(Empresa.id).where(Empresa.id > base_empresa).order_by(Empresa.id)).scalars())
    echo(f"empresas: {len(empresa_ids)}")

    base_sus = _max_id(Suscripcion)
    rows = []
    for empresa_id in empresa_ids:
        plan = rng.choice(planes)
        periodo = "anual" if rng.random() < 0.3 else "mensual"
        inicio = hoy - timedelta(days=rng.randint(0, 25))
        estado = rng.choices(("activa", "suspendida", "inactiva"), (90, 5, 5))[0]
        rows.append({
            "empresa_id": empresa_id, "plan_id": plan.id, "periodo": periodo, "fecha_inicio": inicio,
            "fecha_fin": add_months(inicio, 12 if periodo == "anual" else 1), "estado": estado,
            "precio_pagado": plan.precio_anual if periodo == "anual" else plan.precio_mensual,
            "porcentaje_descuento": Decimal("0"), "renovacion_automatica": rng.random() < 0.5,
            "cancelar_al_final": False, "created_at": ahora, "updated_at": ahora,
        })
    _insert(Suscripcion.__table__, rows)
    sus_ids = list(db.session.execute(
        sa.select(Suscripcion.id, Suscripcion.empresa_id).where(Suscripcion.id > base_sus)))
    rows = [{
        "suscripcion_id": sid, "empresa_id": eid, "soporte_tipo_id": tipo_ilimitado.id,
        "fecha_inicio": hoy - timedelta(days=1), "fecha_fin": add_months(hoy, 1), "estado": "activo",
        "precio_actual": tipo_ilimitado.precio, "tickets_consumidos": 0, "horas_consumidas": Decimal("0"),
        "created_at": ahora, "updated_at": ahora,
    } for sid, eid in sus_ids]
    _insert(SoporteSuscripcion.__table__, rows)
    echo(f"suscripciones y contratos de soporte: {len(sus_ids)}")

    password_hash = hash_password(password)
    base_usr = _max_id(Usuario)
    rows = []
    for i in range(1, usuarios + 1):
        n = base_usr + i
        rows.append({
            "nombre": f"Usuario {n}", "email": f"usuario{n}@escala.tratios.co", "password_hash": password_hash,
            "rol": "cliente", "empresa_id": empresa_ids[(i - 1) % len(empresa_ids)], "is_active": True,
            "otp_enabled": False, "ciudad": rng.choice(("Bogotá", "Medellín", "Cali", "Barranquilla")),
            "pais": "Colombia", "created_at": ahora, "updated_at": ahora,
        })
    _insert(Usuario.__table__, rows)
    echo(f"usuarios: {usuarios}")
    return empresa_ids


def _tickets(rng: random.Random, tickets: int, empresa_ids: list[int]) -> list[int]:
    """The tickets; the ids actually given (AUTO_INCREMENT does not restart at MAX(id) + 1 after deletions)."""
    ahora = datetime.now(UTC)
    base_ticket = _max_id(SoporteTicket)
    rows = []
    for _ in range(tickets):
        estado = rng.choices(ESTADOS_TICKET, ESTADOS_PESOS)[0]
        creado = ahora - timedelta(minutes=rng.randint(1, 60 * 24 * 365))
        rows.append({
            "empresa_id": rng.choice(empresa_ids), "titulo": _frase(rng, 5), "descripcion": _frase(rng, 25),
            "prioridad": rng.choice(PRIORIDADES), "estado": estado, "consumio_cupo": False,
            "horas_dedicadas": Decimal(rng.randint(1, 8)) if estado == "cerrado" else None,
            "closed_at": creado + timedelta(hours=rng.randint(1, 72)) if estado == "cerrado" else None,
            "first_response_at": creado + timedelta(minutes=rng.randint(5, 600)) if estado != "abierto" else None,
            "created_at": creado, "updated_at": creado,
        })
        if len(rows) >= CHUNK:
            _insert(SoporteTicket.__table__, rows)
            rows = []
    _insert(SoporteTicket.__table__, rows)
    return list(db.session.execute(sa.select(SoporteTicket.id).where(SoporteTicket.id > base_ticket)).scalars())


def _comentarios(rng: random.Random, comentarios: int, ticket_ids: list[int]) -> None:
    ahora = datetime.now(UTC)
    rows = []
    for _ in range(comentarios if ticket_ids else 0):
        es_admin = rng.random() < 0.5
        rows.append({
            "ticket_id": rng.choice(ticket_ids), "contenido": _frase(rng, 15),
            "es_admin": es_admin, "interno": es_admin and rng.random() < 0.1,
            "autor": "Soporte Tratios" if es_admin else "Cliente", "created_at": ahora,
        })
        if len(rows) >= CHUNK:
            _insert(SoporteTicketComentario.__table__, rows)
            rows = []
    _insert(SoporteTicketComentario.__table__, rows)


def llenar(empresas: int, usuarios: int, tickets: int, comentarios: int, password: str, semilla: int,
           echo=print) -> dict:
    """Three units of work (companies and users, tickets, comments), so a large fill stores by parts."""
    rng = random.Random(semilla)  # noqa: S311 - synthetic test data, reproducible on purpose
    inicio_total = time.perf_counter()
    planes = list(db.session.execute(sa.select(Plan)).scalars())
    tipos = list(db.session.execute(sa.select(SoporteTipo)).scalars())
    if not planes or not tipos:
        raise click.ClickException("Ejecute primero `flask seed` (se necesitan planes y tipos de soporte).")
    if empresas < 1:
        raise click.ClickException("--empresas debe ser al menos 1 (usuarios y tickets se reparten entre ellas).")
    tipo_ilimitado = next((t for t in tipos if t.modalidad == "mensual"), tipos[0])
    with unidad_de_trabajo():
        empresa_ids = _empresas(rng, empresas, planes, tipo_ilimitado, password, usuarios, echo)
    with unidad_de_trabajo():
        ticket_ids = _tickets(rng, tickets, empresa_ids)
    echo(f"tickets: {tickets}")
    with unidad_de_trabajo():
        _comentarios(rng, comentarios, ticket_ids)
    segundos = time.perf_counter() - inicio_total
    echo(f"comentarios: {comentarios}")
    echo(f"Listo en {segundos:.1f} s")
    return {"empresas": len(empresa_ids), "usuarios": usuarios, "tickets": tickets, "comentarios": comentarios,
            "segundos": segundos}


def register(app: Flask) -> None:
    group = AppGroup("escala", help="Datos de volumen para pruebas de carga.")

    @group.command("llenar")
    @click.option("--empresas", default=10_000, show_default=True)
    @click.option("--usuarios", default=20_000, show_default=True)
    @click.option("--tickets", default=100_000, show_default=True)
    @click.option("--comentarios", default=300_000, show_default=True)
    @click.option("--password", envvar="ESCALA_PASSWORD", default=None,
                  help="Contraseña de todos los usuarios generados (por defecto una aleatoria que se imprime).")
    @click.option("--semilla", default=42, show_default=True)
    def llenar_command(empresas, usuarios, tickets, comentarios, password, semilla):
        """Inserta en bloque empresas, suscripciones, usuarios, tickets y comentarios."""
        if password is None:
            password = generate_password()
            click.echo(f"Contraseña de los usuarios generados: {password}")
        llenar(empresas, usuarios, tickets, comentarios, password, semilla, echo=click.echo)

    @group.command("exclusivo", context_settings={"ignore_unknown_options": True, "allow_interspersed_args": False})
    @click.option("--candado", default=None, help="Nombre del candado (por defecto, el comando).")
    @click.argument("comando", nargs=-1, required=True, type=click.UNPROCESSED)
    def exclusivo_command(candado, comando):
        """Ejecuta otro comando de flask en UN solo host a la vez (candado GET_LOCK de MariaDB/MySQL).

        Ejemplo para el cron de cada host: `flask escala exclusivo suscripciones procesar`.
        Si otro host ya lo está ejecutando, termina sin hacer nada (código 0)."""
        nombre = "tratios:" + (candado or " ".join(comando))[:50]
        with candado_global(nombre) as obtenido:
            if not obtenido:
                click.echo(f"Otro proceso ya ejecuta '{' '.join(comando)}': nada que hacer en este host.")
                return
            ejecutar_comando(app, list(comando))

    app.cli.add_command(group)


@contextmanager
def candado_global(nombre: str):
    """A named lock shared by every host of the database (MariaDB/MySQL `GET_LOCK`, no wait).

    Yields True when this process holds it. SQLite is one host by definition: always True.
    The lock lives on its own connection and is released when the block ends (or the process dies).
    """
    if db.engine.dialect.name != "mysql":
        yield True
        return
    with db.engine.connect() as conexion:
        obtenido = conexion.execute(sa.text("SELECT GET_LOCK(:n, 0)"), {"n": nombre}).scalar() == 1
        try:
            yield obtenido
        finally:
            if obtenido:
                conexion.execute(sa.text("SELECT RELEASE_LOCK(:n)"), {"n": nombre})


def ejecutar_comando(app: Flask, args: list[str]) -> None:
    """Run another `flask` command of this app in-process (same app, same configuration)."""
    info = ScriptInfo(create_app=lambda: app)
    try:
        app.cli.main(args=args, prog_name="flask", obj=info, standalone_mode=False)
    except click.exceptions.Exit as salida:
        if salida.exit_code:
            raise

