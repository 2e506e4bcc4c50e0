"""`flask tokens purgar`: delete expired revocations, sessions, codes and idle counters."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import click
import sqlalchemy as sa
from flask import Flask
from flask.cli import AppGroup

from database.db import db
from models import CodigoVerificacion, ContadorAcceso, SesionToken, TokenRevocado
from services import unidad_de_trabajo


def purgar(ahora: datetime | None = None) -> dict[str, int]:
    """Remove rows that can no longer matter (the caller commits). Returns the count per table."""
    ahora = ahora or datetime.now(UTC)
    inactivo = ahora - timedelta(days=1)
    return {
        "tokens_revocados": db.session.execute(
            sa.delete(TokenRevocado).where(TokenRevocado.expira_en < ahora)).rowcount,
        "sesiones_token": db.session.execute(
            sa.delete(SesionToken).where(SesionToken.expira_en < ahora)).rowcount,
        "codigos_verificacion": db.session.execute(
            sa.delete(CodigoVerificacion).where(CodigoVerificacion.expira_en < ahora)).rowcount,
        # Counters idle for a day and not locked: their failures are outside every window.
        "contadores_acceso": db.session.execute(
            sa.delete(ContadorAcceso).where(
                ContadorAcceso.actualizado_en < inactivo,
                sa.or_(ContadorAcceso.bloqueado_hasta.is_(None), ContadorAcceso.bloqueado_hasta < ahora),
            )).rowcount,
    }


tokens_cli = AppGroup("tokens", help="Mantenimiento de tokens revocados y sesiones.")


@tokens_cli.command("purgar")
def purgar_command() -> None:
    """Borra revocaciones, sesiones y códigos vencidos, y contadores de intentos inactivos."""
    with unidad_de_trabajo():
        resultado = purgar()
    for tabla, cantidad in resultado.items():
        click.echo(f"{tabla}: {cantidad} filas eliminadas")


def register(app: Flask) -> None:
    app.cli.add_command(tokens_cli)
