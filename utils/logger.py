"""General application log (logs/app.log, rotating) with request ids and redaction.

Every record carries the request id (also sent back as `X-Request-ID`). A filter removes
passwords, tokens, OTP codes, secrets and API keys from every message before it is written.
"""

from __future__ import annotations

import logging
import re
import uuid
from logging.handlers import RotatingFileHandler
from pathlib import Path

from flask import Flask, g, has_request_context, request

LOG_FORMAT = "%(asctime)s %(levelname)s [%(request_id)s] %(name)s: %(message)s"
_REQUEST_ID_RE = re.compile(r"^[A-Za-z0-9._-]{1,64}$")

_SENSITIVE_KEYS = (
    r"password|passwd|contrase(?:ñ|n)a|new_password|current_password|token|access_token|refresh_token|"
    r"challenge_token|pending_token|secret|otp_secret|otp_code|verification_code|code|codigo|"
    r"api[_-]?key|x-api-key|authorization|backup_codes?"
)
_REDACTIONS = [
    # JSON-ish or key=value pairs whose key is sensitive
    (re.compile(r'(?i)(["\']?(?:' + _SENSITIVE_KEYS + r')["\']?\s*[:=]\s*)(["\']?)([^"\',\s}&]+)'), r"\1\2***"),
    # Bearer credentials
    (re.compile(r"(?i)(bearer\s+)[A-Za-z0-9._~+/=-]+"), r"\1***"),
    # Anything shaped like a JWT
    (re.compile(r"eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*"), "***jwt***"),
]


def redact(text: str) -> str:
    for pattern, replacement in _REDACTIONS:
        text = pattern.sub(replacement, text)
    return text


class RequestIdFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = getattr(g, "request_id", "-") if has_request_context() else "-"
        return True


class RedactingFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # noqa: BLE001 - a broken format string must not lose the record
            message = str(record.msg)
        record.msg = redact(message)
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        return True


def make_handler(path: Path, level: int) -> logging.Handler:
    path.parent.mkdir(parents=True, exist_ok=True)
    handler = RotatingFileHandler(path, maxBytes=5 * 1024 * 1024, backupCount=5, encoding="utf-8", delay=True)
    handler.setLevel(level)
    handler.setFormatter(logging.Formatter(LOG_FORMAT))
    handler.addFilter(RequestIdFilter())
    handler.addFilter(RedactingFilter())
    return handler


def setup_logging(app: Flask) -> None:
    """Attach the app.log handler (and stderr) to the `tratios` logger tree."""
    level = getattr(logging, str(app.config.get("LOG_LEVEL", "INFO")).upper(), logging.INFO)
    log_dir = Path(app.config["LOG_DIR"])
    root = logging.getLogger("tratios")
    root.setLevel(level)
    root.propagate = False
    for handler in list(root.handlers):
        root.removeHandler(handler)
        handler.close()
    root.addHandler(make_handler(log_dir / "app.log", level))
    if not app.testing:
        stream = logging.StreamHandler()
        stream.setLevel(level)
        stream.setFormatter(logging.Formatter(LOG_FORMAT))
        stream.addFilter(RequestIdFilter())
        stream.addFilter(RedactingFilter())
        root.addHandler(stream)
    AppLogger.configure(log_dir, level)


def register_request_id(app: Flask) -> None:
    access = logging.getLogger("tratios.access")

    @app.before_request
    def assign_request_id():
        incoming = request.headers.get("X-Request-ID", "")
        g.request_id = incoming if _REQUEST_ID_RE.match(incoming) else uuid.uuid4().hex

    @app.after_request
    def send_request_id(response):
        rid = getattr(g, "request_id", None)
        if rid:
            response.headers["X-Request-ID"] = rid
        # Path only: query strings may carry data that must not reach the log.
        access.info("%s %s %s", request.method, request.path, response.status_code)
        return response

CATEGORIES = ("auth", "admin", "soporte", "api", "public")


class AppLogger:
    _configured_dir: Path | None = None

    @classmethod
    def configure(cls, log_dir: Path, level: int = logging.INFO) -> None:
        for category in CATEGORIES:
            logger = logging.getLogger(f"tratios.{category}")
            logger.setLevel(level)
            for handler in list(logger.handlers):
                logger.removeHandler(handler)
                handler.close()
            logger.addHandler(make_handler(log_dir / f"{category}.log", level))
            logger.propagate = True
        cls._configured_dir = log_dir

    @staticmethod
    def get(category: str) -> logging.Logger:
        if category not in CATEGORIES:
            raise ValueError(f"Categoría de log desconocida: {category}")
        return logging.getLogger(f"tratios.{category}")
