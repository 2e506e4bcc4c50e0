"""Production serving settings: gunicorn.conf.py, the MySQL pool, start.sh --prod."""

from __future__ import annotations

import os
import runpy
import subprocess
import sys
from pathlib import Path

import pytest
import sqlalchemy as sa

from config import Config
from database.db import db
from tests.conftest import requires_mysql

ROOT = Path(__file__).resolve().parents[2]


def _gunicorn_conf(monkeypatch, **env) -> dict:
    for name in ("WEB_CONCURRENCY", "GUNICORN_ACCESS_LOG", "GUNICORN_MAX_REQUESTS", "GUNICORN_BIND", "PORT"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(ROOT / "gunicorn.conf.py"))


def test_gunicorn_workers_del_numero_de_cpu(monkeypatch):
    conf = _gunicorn_conf(monkeypatch)
    assert conf["workers"] == (os.cpu_count() or 1) * 2 + 1
    assert conf["bind"].endswith(":5222")
    assert conf["timeout"] == 60 and conf["graceful_timeout"] == 30
    assert conf["max_requests"] > 0 and conf["preload_app"] is False
    conf = _gunicorn_conf(monkeypatch, WEB_CONCURRENCY="3", PORT="8000", GUNICORN_MAX_REQUESTS="0")
    assert conf["workers"] == 3 and conf["bind"].endswith(":8000") and conf["max_requests"] == 0


def test_gunicorn_access_log_con_request_id(monkeypatch):
    conf = _gunicorn_conf(monkeypatch)
    assert conf["accesslog"] == "-"
    assert "%({x-request-id}o)s" in conf["access_log_format"]
    assert _gunicorn_conf(monkeypatch, GUNICORN_ACCESS_LOG="off")["accesslog"] is None


def test_pool_mysql_con_pre_ping_y_reciclaje():
    config = {"SQLALCHEMY_DATABASE_URI": "mysql+pymysql://u@h/db", "SECRET_KEY": "x" * 40, "JWT_SECRET_KEY": "y" * 40,
              "DB_POOL_RECYCLE": 280, "DB_POOL_SIZE": 10, "DB_MAX_OVERFLOW": 20}
    Config.finalize(config)
    opciones = config["SQLALCHEMY_ENGINE_OPTIONS"]
    assert opciones["pool_pre_ping"] is True
    assert 0 < opciones["pool_recycle"] < 28800  # below MariaDB's default wait_timeout (and common 300 s setups)
    assert opciones["pool_recycle"] < 300


@requires_mysql
def test_pool_recycle_menor_que_wait_timeout_del_servidor(app):
    wait_timeout = db.session.execute(sa.text("SELECT @@wait_timeout")).scalar_one()
    assert db.engine.pool._recycle < int(wait_timeout)
    assert db.engine.pool._pre_ping is True


def test_start_sh_prod_usa_gunicorn_conf():
    texto = (ROOT / "start.sh").read_text(encoding="utf-8")
    assert "--prod" in texto and "gunicorn -c gunicorn.conf.py" in texto and '"app:create_app()"' in texto


def test_gunicorn_conf_valida(tmp_path):
    """gunicorn itself accepts the file (`--check-config` loads the app too)."""
    env = dict(os.environ, DATABASE_URL=f"sqlite:///{tmp_path / 'x.db'}", LOG_DIR=str(tmp_path), APP_ENV="development")
    result = subprocess.run(  # noqa: S603 - fixed command
        [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "--check-config", "app:create_app()"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]


@pytest.mark.parametrize("storage,avisa", [("memory://", True), ("redis://127.0.0.1:6379/0", False)])
def test_aviso_limites_por_proceso(monkeypatch, storage, avisa):
    conf = _gunicorn_conf(monkeypatch, RATELIMIT_STORAGE_URI=storage)
    avisos = []

    class _Log:
        def warning(self, *args):
            avisos.append(args)

    class _Cfg:
        workers = 4

    class _Server:
        log = _Log()
        cfg = _Cfg()

    conf["when_ready"](_Server())
    assert bool(avisos) is avisa
