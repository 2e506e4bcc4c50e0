"""Tratios backend: the application factory (wiring only) and `python app.py`."""

from __future__ import annotations

import os
from datetime import date, datetime
from decimal import Decimal

import pymysql
from flask import Flask
from flask.json.provider import DefaultJSONProvider
from sqlalchemy.engine import make_url

import commands
import models  # noqa: F401 - the metadata must be complete for Alembic
import routes
from config import BASE_DIR, Config, ConfigError, config_for_env
from extensions import cors, db, jwt, limiter, migrate
from services.auth_tokens import configure_jwt
from utils import errors
from utils.logger import register_request_id, setup_logging

ROOT_DIR = BASE_DIR


class TratiosJSONProvider(DefaultJSONProvider):
    """Money (Decimal) as JSON numbers; datetimes in ISO 8601 with offset."""

    ensure_ascii = False
    sort_keys = False

    @staticmethod
    def default(o):
        if isinstance(o, Decimal):
            return float(o)
        if isinstance(o, datetime | date):
            return o.isoformat()
        return DefaultJSONProvider.default(o)


def ensure_database_exists(uri: str) -> None:
    """MySQL/MariaDB only: create the database (utf8mb4) if it does not exist."""
    url = make_url(uri)
    if not url.drivername.startswith("mysql") or not url.database:
        return
    connection = pymysql.connect(
        host=url.host or "127.0.0.1",
        port=url.port or 3306,
        user=url.username or "root",
        password=url.password or "",
        charset="utf8mb4",
    )
    try:
        with connection.cursor() as cursor:
            name = url.database.replace("`", "``")
            cursor.execute(
                f"CREATE DATABASE IF NOT EXISTS `{name}` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"
            )
    finally:
        connection.close()


def create_app(config: type[Config] | dict | None = None) -> Flask:
    app = Flask(__name__, instance_relative_config=False)
    app.json = TratiosJSONProvider(app)
    app.url_map.strict_slashes = False

    config_class = config_for_env() if config is None or isinstance(config, dict) else config
    app.config.from_object(config_class)
    if isinstance(config, dict):
        app.config.update(config)
    config_class.finalize(app.config)

    register_logging(app)
    register_extensions(app)
    register_blueprints(app)
    register_errorhandlers(app)
    register_commands(app)
    return app


def register_logging(app: Flask) -> None:
    setup_logging(app)
    register_request_id(app)


def register_extensions(app: Flask) -> None:
    db.init_app(app)
    migrate.init_app(app, db, directory=os.path.join(os.path.dirname(__file__), "migrations"),
                     render_as_batch=True, compare_type=True)
    configure_jwt(app)
    jwt.init_app(app)
    cors.init_app(
        app,
        origins=app.config["FRONTEND_ORIGINS"],
        supports_credentials=False,
        expose_headers=["X-Request-ID", "Retry-After", "Content-Disposition"],
    )
    app.config.setdefault("RATELIMIT_KEY_PREFIX", "tratios")
    limiter.init_app(app)


def register_blueprints(app: Flask) -> None:
    routes.register_all(app)


def register_errorhandlers(app: Flask) -> None:
    errors.register_errorhandlers(app)


def register_commands(app: Flask) -> None:
    commands.register_all(app)


if __name__ == "__main__":
    try:
        application = create_app()
    except ConfigError as error:
        raise SystemExit(f"Error de configuración: {error}") from error
    ensure_database_exists(application.config["SQLALCHEMY_DATABASE_URI"])
    application.run(host=os.environ.get("HOST", "127.0.0.1"), port=int(os.environ.get("PORT", "5222")))
