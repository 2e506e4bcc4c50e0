"""`flask seed`: idempotent initial data."""

from __future__ import annotations

import click
from flask import Flask

from services import unidad_de_trabajo
from services.seed import seed_all


def register(app: Flask) -> None:
    @app.cli.command("seed")
    def seed_command():
        """Crea el admin, la empresa demo y el catálogo demo (idempotente)."""
        with unidad_de_trabajo():
            created = seed_all(echo=click.echo)
        if created:
            click.echo("Seed aplicado: " + ", ".join(f"{k}={v}" for k, v in sorted(created.items())))
        else:
            click.echo("Seed: nada que crear, los datos ya existen.")
