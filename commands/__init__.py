"""CLI commands (`flask --app app:create_app <command>`). Each module exposes `register(app)`."""

from __future__ import annotations

import importlib

from flask import Flask

COMMAND_MODULES = ("commands.seed", "commands.suscripciones", "commands.tokens", "commands.scale")


def register_all(app: Flask) -> None:
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(app)
