"""Shared fixtures: one schema per test session, every table emptied after each test.

`TEST_DATABASE_URL` (e.g. mysql+pymysql://root@127.0.0.1/tratios_test) runs the whole suite on
MariaDB/MySQL; without it a SQLite file in a temporary folder is used.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import pytest
import sqlalchemy as sa

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app import create_app, ensure_database_exists  # noqa: E402
from config import TestConfig  # noqa: E402
from database.db import db as _db  # noqa: E402
from tests import factories  # noqa: E402

TEST_DATABASE_URL = os.environ.get("TEST_DATABASE_URL", "").strip()


def is_mysql_url(url: str) -> bool:
    return url.startswith("mysql")


requires_mysql = pytest.mark.skipif(
    not is_mysql_url(TEST_DATABASE_URL),
    reason="necesita TEST_DATABASE_URL con MariaDB/MySQL (lo define .ci/run)",
)


@pytest.fixture(scope="session")
def tmp_root(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("tratios")


@pytest.fixture(scope="session")
def database_url(tmp_root) -> str:
    if TEST_DATABASE_URL:
        return TEST_DATABASE_URL
    return f"sqlite:///{tmp_root / 'test.db'}"


@pytest.fixture(scope="session")
def test_config(tmp_root, database_url):
    """The TestConfig subclass every app of this session is built with."""
    overrides = {
        "SQLALCHEMY_DATABASE_URI": database_url,
        "LOG_DIR": str(tmp_root / "logs"),
        "UPLOAD_FOLDER": str(tmp_root / "uploads"),
        "SPA_DIST_DIR": str(tmp_root / "no-spa"),
    }
    ensure_database_exists(database_url)

    class _Config(TestConfig):
        pass

    for key, value in overrides.items():
        setattr(_Config, key, value)
    return _Config


@pytest.fixture
def fresh_app(test_config):
    """A new app on the same database, for tests that add routes of their own."""
    application = create_app(test_config)
    with application.app_context():
        yield application


@pytest.fixture(scope="session")
def app(test_config):
    application = create_app(test_config)
    with application.app_context():
        _db.drop_all()
        _db.create_all()
    yield application
    with application.app_context():
        _db.session.remove()
        _db.drop_all()
        _db.engine.dispose()


@pytest.fixture(autouse=True)
def db(app):
    """The database, emptied after each test (committed rows included)."""
    ctx = app.app_context()
    ctx.push()
    yield _db
    _db.session.rollback()
    _db.session.remove()
    with _db.engine.begin() as connection:
        if connection.dialect.name == "mysql":
            connection.execute(sa.text("SET FOREIGN_KEY_CHECKS=0"))
        for table in reversed(_db.metadata.sorted_tables):
            connection.execute(table.delete())
        if connection.dialect.name == "mysql":
            connection.execute(sa.text("SET FOREIGN_KEY_CHECKS=1"))
    ctx.pop()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def make():
    """Factories: `make.empresa()`, `make.usuario(...)`, `make.plan(...)`, ..."""
    return factories


@pytest.fixture
def auth_headers(app):
    """`auth_headers(usuario)` -> Authorization header with a fresh access token."""

    def _headers(usuario) -> dict:
        from services.auth_tokens import issue_tokens

        return {"Authorization": f"Bearer {issue_tokens(usuario)['access_token']}"}

    return _headers


@pytest.fixture
def admin_headers(make, auth_headers):
    admin = make.usuario(rol="admin", email="admin@test.co")
    return auth_headers(admin)


@pytest.fixture
def api_key_headers(app):
    def _headers(empresa_id: int | None = None) -> dict:
        headers = {"X-API-Key": app.config["SAAS_API_KEY"]}
        if empresa_id is not None:
            headers["X-Empresa-Id"] = str(empresa_id)
        return headers

    return _headers


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def gunicorn_server(app, database_url, tmp_root):
    """Start real gunicorn servers (several worker processes) on the test database.

    `url = gunicorn_server(workers=4, env={...})` returns the base URL; all are stopped after the test.
    """
    processes: list[subprocess.Popen] = []
    log_files: list = []

    def _start(workers: int = 4, env: dict | None = None) -> str:
        port = free_port()
        environment = dict(os.environ)
        environment.update(
            {
                "DATABASE_URL": database_url,
                "SECRET_KEY": app.config["SECRET_KEY"],
                "JWT_SECRET_KEY": app.config["JWT_SECRET_KEY"],
                "SAAS_API_KEY": app.config["SAAS_API_KEY"],
                "LOG_DIR": str(tmp_root / "logs-gunicorn"),
                "UPLOAD_FOLDER": app.config["UPLOAD_FOLDER"],
                "ARGON2_TIME_COST": "1",
                "ARGON2_MEMORY_COST": "1024",
                "APP_ENV": "development",
            }
        )
        environment.update(env or {})
        # stderr to a file, never an unread pipe: a chatty server would fill it and freeze every worker.
        log_path = tmp_root / f"gunicorn-{port}.log"
        log_file = open(log_path, "wb")  # noqa: SIM115 - closed when the servers are stopped
        log_files.append(log_file)
        proc = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "--workers", str(workers), "--bind", f"127.0.0.1:{port}",
             "--timeout", "60", "app:create_app()"],
            cwd=str(ROOT), env=environment, stdout=subprocess.DEVNULL, stderr=log_file,
        )
        processes.append(proc)
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 30
        import urllib.request

        while time.monotonic() < deadline:
            if proc.poll() is not None:
                log_file.flush()
                raise RuntimeError("gunicorn terminó al arrancar: " + log_path.read_text(errors="replace")[-4000:])
            try:
                with urllib.request.urlopen(base + "/health", timeout=2) as response:  # noqa: S310
                    if response.status == 200:
                        return base
            except OSError:
                time.sleep(0.2)
        raise RuntimeError("gunicorn no respondió en 30 s")

    yield _start
    for proc in processes:
        proc.terminate()
    for proc in processes:
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
    for handle in log_files:
        handle.close()


@contextmanager
def contar_sentencias():
    """The SQL statements sent to the database inside the block (`with contar_sentencias() as s:`)."""
    sentencias: list[str] = []

    def _antes(conn, cursor, statement, parameters, context, executemany):
        sentencias.append(statement)

    sa.event.listen(_db.engine, "before_cursor_execute", _antes)
    try:
        yield sentencias
    finally:
        sa.event.remove(_db.engine, "before_cursor_execute", _antes)


def limpiar_uploads(app):
    """Generator for an autouse fixture: no attachment survives from one test to the next."""
    carpeta = Path(app.config["UPLOAD_FOLDER"]) / "tickets"
    shutil.rmtree(carpeta, ignore_errors=True)
    yield
    shutil.rmtree(carpeta, ignore_errors=True)


def url_base_vacia(tmp_path: Path, sufijo: str = "mig") -> str:
    """An empty database of its own for migration tests: `<test db>_<sufijo>` on MariaDB (tables dropped;
    .ci/run drops every `<db>_*` at the end), a fresh SQLite file otherwise."""
    if not TEST_DATABASE_URL:
        return f"sqlite:///{tmp_path / (sufijo + '.db')}"
    url = sa.engine.make_url(TEST_DATABASE_URL)
    rendered = url.set(database=f"{url.database}_{sufijo}").render_as_string(hide_password=False)
    ensure_database_exists(rendered)
    engine = sa.create_engine(rendered)
    with engine.begin() as conn:
        conn.execute(sa.text("SET FOREIGN_KEY_CHECKS=0"))
        for tabla in sa.inspect(conn).get_table_names():
            conn.execute(sa.text(f"DROP TABLE `{tabla}`"))
    engine.dispose()
    return rendered
