"""CLI commands (`flask --app app:create_app <command>`). Each module exposes `register(app)`."""

from __future__ import annotations

from flask import Flask

from commands import licencias, otp, scale, seed, suscripciones, tokens


def register_all(app: Flask) -> None:
    for modulo in (seed, suscripciones, tokens, scale, otp, licencias):
        modulo.register(app)
