"""End-to-end fixtures: the built SPA served by a real gunicorn, Debian's Chromium driven by
Playwright for Python, an in-process SMTP server, and a screenshot for every failed test.

Skips (with the reason printed) when Chromium, Node (for a missing build) or Playwright is missing.
No browser is ever downloaded: Playwright launches `/usr/bin/chromium` (or `$CHROMIUM_PATH`).
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
from email import message_from_bytes, policy
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FRONTEND = ROOT / "frontend"
DIST = FRONTEND / "dist" / "frontend" / "browser"
ARTIFACTS = ROOT / "test-artifacts"
DOC_IMG = ROOT / "docs" / "img"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-dev-shm-usage"]


def _skip(reason: str):
    sys.stderr.write(f"\n[e2e] OMITIDA: {reason}\n")
    pytest.skip(reason)


def chromium_path() -> str | None:
    for candidate in (os.environ.get("CHROMIUM_PATH"), "/usr/bin/chromium", shutil.which("chromium"),
                      shutil.which("chromium-browser")):
        if candidate and Path(candidate).is_file():
            return candidate
    return None


def _newest_source_mtime() -> float:
    newest = 0.0
    for path in [FRONTEND / "package.json", FRONTEND / "package-lock.json", FRONTEND / "angular.json",
                 FRONTEND / "tsconfig.json", FRONTEND / "tsconfig.app.json"]:
        if path.exists():
            newest = max(newest, path.stat().st_mtime)
    for folder in (FRONTEND / "src", FRONTEND / "public"):
        for path in folder.rglob("*"):
            if path.is_file():
                newest = max(newest, path.stat().st_mtime)
    return newest


def build_is_stale() -> bool:
    index = DIST / "index.html"
    return not index.is_file() or index.stat().st_mtime < _newest_source_mtime()


def run_npm(args: list[str], timeout: int) -> None:
    result = subprocess.run(args, cwd=FRONTEND, capture_output=True, text=True, timeout=timeout, check=False)  # noqa: S603
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(args)} falló:\n{result.stdout[-4000:]}\n{result.stderr[-4000:]}")


@contextlib.contextmanager
def frontend_lock():
    """One npm ci / ng build at a time (pytest-xdist workers, parallel test runs)."""
    import fcntl

    lock_dir = FRONTEND / ".angular"
    lock_dir.mkdir(exist_ok=True)
    with open(lock_dir / "e2e-build.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def has_node() -> bool:
    return bool(shutil.which("node") and shutil.which("npx") and shutil.which("npm"))


def ensure_node_modules() -> None:
    """`npm ci` if `frontend/node_modules` is missing (call with `frontend_lock()` held)."""
    if not (FRONTEND / "node_modules" / ".package-lock.json").is_file():
        run_npm(["npm", "ci", "--no-audit", "--no-fund"], timeout=900)


@pytest.fixture(scope="session")
def node_modules() -> Path:
    if not has_node():
        _skip("Node/npm no están instalados")
    with frontend_lock():
        ensure_node_modules()
    return FRONTEND / "node_modules"


@pytest.fixture(scope="session")
def spa_build() -> Path:
    """The production build, rebuilt once per session if missing or older than the sources."""
    if not build_is_stale():
        return DIST
    if not has_node():
        if (DIST / "index.html").is_file():
            sys.stderr.write("\n[e2e] AVISO: sin Node; se usa la compilación existente (desactualizada).\n")
            return DIST
        _skip("Node/npm no están instalados y la SPA no está compilada (frontend/dist)")
    with frontend_lock():
        if build_is_stale():
            ensure_node_modules()
            run_npm(["npx", "ng", "build"], timeout=900)
    return DIST


@pytest.fixture(scope="session")
def browser():
    path = chromium_path()
    if path is None:
        _skip("Chromium no está instalado (apt-get install chromium, o defina CHROMIUM_PATH)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _skip("Playwright para Python no está instalado (pip install -r requirements-dev.txt)")
    with sync_playwright() as pw:
        instance = pw.chromium.launch(executable_path=path, headless=True, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    setattr(item, f"rep_{report.when}", report)
    return report


class ConsoleErrors(list):
    """Console errors of the page, minus the browser's own lines for HTTP error answers."""

    IGNORED = re.compile(r"Failed to load resource|the server responded with a status of")

    def add(self, msg) -> None:
        if msg.type == "error" and not self.IGNORED.search(msg.text):
            self.append(msg.text)


@pytest.fixture
def page(browser, request):
    context = browser.new_context(locale="es-CO", timezone_id="America/Bogota", viewport={"width": 1280, "height": 860},
                                  accept_downloads=True)
    context.set_default_timeout(15000)
    pg = context.new_page()
    errors = ConsoleErrors()
    pg.on("console", errors.add)
    pg.on("pageerror", lambda exc: errors.append(f"pageerror: {exc}"))
    pg.console_errors = errors
    yield pg
    failed = getattr(request.node, "rep_call", None)
    if failed is not None and failed.failed:
        ARTIFACTS.mkdir(exist_ok=True)
        name = re.sub(r"[^A-Za-z0-9_.-]+", "_", request.node.nodeid)[-150:]
        with contextlib.suppress(Exception):
            pg.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
            sys.stderr.write(f"\n[e2e] captura del fallo: {ARTIFACTS / (name + '.png')}\n")
    context.close()


def doc_screenshot(pg, name: str) -> None:
    """Documentation screenshots (docs/img), written only with TRATIOS_DOC_SCREENSHOTS=1 (keeps the tree clean)."""
    if os.environ.get("TRATIOS_DOC_SCREENSHOTS") == "1":
        DOC_IMG.mkdir(parents=True, exist_ok=True)
        pg.wait_for_load_state("networkidle")
        pg.wait_for_timeout(500)  # let Material animations (drawer, labels) settle
        pg.screenshot(path=str(DOC_IMG / f"{name}.png"))


class Mailbox:
    """Messages received by the in-process SMTP server."""

    def __init__(self) -> None:
        self.messages: list = []
        self._cond = threading.Condition()

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd hook name)
        msg = message_from_bytes(envelope.content, policy=policy.default)
        with self._cond:
            self.messages.append(msg)
            self._cond.notify_all()
        return "250 OK"

    def wait_for(self, to: str, subject_contains: str = "", timeout: float = 15.0):
        deadline = time.monotonic() + timeout
        with self._cond:
            while True:
                for msg in reversed(self.messages):
                    if to.lower() in str(msg["To"]).lower() and subject_contains.lower() in str(msg["Subject"]).lower():
                        return msg
                left = deadline - time.monotonic()
                if left <= 0:
                    subjects = [str(m["Subject"]) for m in self.messages]
                    raise AssertionError(f"No llegó el correo a {to!r} ({subject_contains!r}); recibidos: {subjects}")
                self._cond.wait(left)

    @staticmethod
    def text(msg) -> str:
        part = msg.get_body(preferencelist=("plain", "html"))
        return part.get_content() if part is not None else ""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def smtp():
    from aiosmtpd.controller import Controller

    box = Mailbox()
    port = _free_port()
    controller = Controller(box, hostname="127.0.0.1", port=port)
    controller.start()
    box.port = port
    yield box
    controller.stop()


@pytest.fixture
def spa_server(spa_build, gunicorn_server, smtp):
    """Base URL of gunicorn (2 workers) serving the API and the built SPA, mailing to `smtp`."""
    return gunicorn_server(
        workers=2,
        env={
            "SPA_DIST_DIR": str(spa_build),
            "MAIL_BACKEND": "smtp",
            "SMTP_SERVER": "127.0.0.1",
            "SMTP_PORT": str(smtp.port),
            "SMTP_USERNAME": "",
            "SENDER_EMAIL": "no-reply@tratios.test",
        },
    )
