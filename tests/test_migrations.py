"""The Alembic history builds the same schema as the models, upgrades and downgrades cleanly."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config as AlembicConfig
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory

from app import ROOT_DIR, create_app
from database.db import db as _db
from tests.conftest import url_base_vacia


@pytest.fixture
def migration_url(tmp_path):
    return url_base_vacia(tmp_path, "mig")


@pytest.fixture
def mig_app(test_config, migration_url):
    class _Config(test_config):
        SQLALCHEMY_DATABASE_URI = migration_url

    application = create_app(_Config)
    with application.app_context():
        yield application
        _db.engine.dispose()


def alembic_config() -> AlembicConfig:
    cfg = AlembicConfig(str(ROOT_DIR / "migrations" / "alembic.ini"))
    cfg.set_main_option("script_location", str(ROOT_DIR / "migrations"))
    return cfg


def test_single_head():
    heads = ScriptDirectory.from_config(alembic_config()).get_heads()
    assert len(heads) == 1, f"varias cabezas de migración: {heads}"


def test_upgrade_matches_models_and_downgrade_to_base(mig_app):
    cfg = alembic_config()
    command.upgrade(cfg, "head")
    with _db.engine.connect() as connection:
        context = MigrationContext.configure(
            connection, opts={"compare_type": True, "render_as_batch": True}
        )
        diff = compare_metadata(context, _db.metadata)
    assert diff == [], f"los modelos y las migraciones difieren: {diff}"
    tables = set(sa.inspect(_db.engine).get_table_names())
    assert {"usuarios", "empresas", "suscripciones", "soporte_tickets"} <= tables

    command.downgrade(cfg, "base")
    remaining = set(sa.inspect(_db.engine).get_table_names()) - {"alembic_version"}
    assert remaining == set()

    command.upgrade(cfg, "head")  # and back up again
    assert "usuarios" in sa.inspect(_db.engine).get_table_names()
