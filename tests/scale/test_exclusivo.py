"""`flask escala exclusivo <comando>`: the daily job runs on one host at a time."""

from __future__ import annotations

import sqlalchemy as sa

from database.db import db
from tests.conftest import requires_mysql


def test_ejecuta_el_comando(runner):
    result = runner.invoke(args=["escala", "exclusivo", "suscripciones", "procesar", "--fecha", "2030-01-01"])
    assert result.exit_code == 0, result.output
    assert "Suscripciones procesadas" in result.output


def test_error_del_comando_se_propaga(runner):
    result = runner.invoke(args=["escala", "exclusivo", "suscripciones", "procesar", "--fecha", "ayer"])
    assert result.exit_code != 0


@requires_mysql
def test_otro_host_con_el_candado_no_ejecuta(runner):
    nombre = "tratios:suscripciones procesar"
    with db.engine.connect() as otro_host:
        assert otro_host.execute(sa.text("SELECT GET_LOCK(:n, 0)"), {"n": nombre}).scalar() == 1
        result = runner.invoke(args=["escala", "exclusivo", "suscripciones", "procesar"])
        assert result.exit_code == 0, result.output
        assert "nada que hacer" in result.output and "Suscripciones procesadas" not in result.output
        otro_host.execute(sa.text("SELECT RELEASE_LOCK(:n)"), {"n": nombre})
    result = runner.invoke(args=["escala", "exclusivo", "suscripciones", "procesar"])
    assert "Suscripciones procesadas" in result.output
    # Released afterwards: another host can take it now.
    with db.engine.connect() as otro_host:
        assert otro_host.execute(sa.text("SELECT GET_LOCK(:n, 0)"), {"n": nombre}).scalar() == 1
        otro_host.execute(sa.text("SELECT RELEASE_LOCK(:n)"), {"n": nombre})
