"""`flask suscripciones procesar`: the daily maintenance job (idempotent)."""

from __future__ import annotations

from datetime import date

import click
from flask import Flask
from flask.cli import AppGroup

from services import empresas, unidad_de_trabajo
from services.suscripciones import procesar_vencimientos
from utils.logger import AppLogger

log = AppLogger.get("admin")


def register(app: Flask) -> None:
    group = AppGroup("suscripciones", help="Mantenimiento de suscripciones de plan y de soporte.")

    @group.command("procesar")
    @click.option("--fecha", "fecha", default=None, metavar="AAAA-MM-DD",
                  help="Procesar como si hoy fuera esta fecha (por defecto, hoy).")
    def procesar_command(fecha: str | None):
        """Vence, cancela al final del periodo, renueva y borra registros pendientes viejos (idempotente)."""
        try:
            referencia = date.fromisoformat(fecha) if fecha else None
        except ValueError as exc:
            raise click.BadParameter("use el formato AAAA-MM-DD", param_hint="--fecha") from exc
        try:
            with unidad_de_trabajo():  # all or nothing
                resumen = procesar_vencimientos(referencia)
                resumen.update(empresas.limpiar_registros_pendientes())
        except Exception:
            log.exception("suscripciones procesar falló; no se aplicó ningún cambio")
            raise
        log.info("suscripciones procesar: %s", resumen)
        click.echo(
            "Suscripciones procesadas: "
            f"canceladas al final del periodo={resumen['canceladas']}, "
            f"renovadas automáticamente={resumen['renovadas']}, "
            f"vencidas={resumen['vencidas']}, "
            f"soportes vencidos={resumen['soportes_vencidos']}, "
            f"registros pendientes borrados={resumen['empresas_pendientes'] + resumen['registros_sin_confirmar']} "
            f"(empresas={resumen['empresas_pendientes']}, sin confirmar 2FA={resumen['registros_sin_confirmar']})"
        )

    app.cli.add_command(group)
