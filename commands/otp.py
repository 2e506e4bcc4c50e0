"""`flask otp rotar-clave`: re-encrypt every TOTP secret with the first key of OTP_CIFRADO_CLAVES."""

from __future__ import annotations

import click
from flask import Flask
from flask.cli import AppGroup

from services import otp, unidad_de_trabajo

otp_cli = AppGroup("otp", help="Secretos TOTP cifrados en reposo.")


@otp_cli.command("rotar-clave")
def rotar_clave_command() -> None:
    """Vuelve a cifrar todos los secretos TOTP con la primera clave de OTP_CIFRADO_CLAVES.

    Rotación: ponga la clave nueva primero en OTP_CIFRADO_CLAVES (la vieja después), ejecute este comando
    y, si no quedan secretos ilegibles, retire la clave vieja.
    """
    with unidad_de_trabajo():
        resultado = otp.rotar_clave_secretos()
    click.echo(f"Secretos TOTP cifrados de nuevo con la primera clave: {resultado['recifrados']}")
    if resultado["ilegibles"]:
        click.echo(f"Secretos que ninguna clave abre (se dejaron igual): {resultado['ilegibles']}", err=True)
        raise SystemExit(1)


def register(app: Flask) -> None:
    app.cli.add_command(otp_cli)
