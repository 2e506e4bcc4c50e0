"""`flask licencias rotar-clave | retirar-clave KID | claves`: Ed25519 keys of the signed licences."""

from __future__ import annotations

import click
from flask import Flask
from flask.cli import AppGroup

from services import licencias_firmadas

licencias_cli = AppGroup("licencias", help="Claves Ed25519 de las licencias firmadas (LICENCIA_CLAVES_DIR).")


@licencias_cli.command("claves")
def claves_command() -> None:
    """Lista las claves (la última activa es la que firma)."""
    entradas = licencias_firmadas.claves()
    actual = licencias_firmadas.clave_actual()
    for entrada in entradas:
        estado = f"retirada {entrada['retirada']}" if entrada["retirada"] else "publicada"
        marca = " (firma)" if entrada["kid"] == actual else ""
        click.echo(f"{entrada['kid']}  creada {entrada['creada']}  {estado}{marca}")


@licencias_cli.command("rotar-clave")
def rotar_clave_command() -> None:
    """Crea una clave nueva que firma desde ahora; las anteriores se siguen publicando en el JWKS."""
    kid = licencias_firmadas.rotar_clave()
    click.echo(f"Clave nueva (firma desde ahora): {kid}")
    click.echo("Las anteriores siguen en /api/licencia/jwks.json hasta `flask licencias retirar-clave KID`.")


# A kid (base64url) may start with "-": take it as the argument, not as an unknown option.
@licencias_cli.command("retirar-clave", context_settings={"ignore_unknown_options": True})
@click.argument("kid")
def retirar_clave_command(kid: str) -> None:
    """Deja de publicar KID: los tokens que firmó dejan de verificarse. La clave que firma no se retira."""
    try:
        licencias_firmadas.retirar_clave(kid)
    except licencias_firmadas.ClaveError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"Clave retirada: {kid}")


def register(app: Flask) -> None:
    app.cli.add_command(licencias_cli)
