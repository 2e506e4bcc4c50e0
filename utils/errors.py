"""The JSON error envelope of API.md for every error on every path.

`{"error": "<stable_code>", "message": "<texto en español>", "details": {...}}`
"""

from __future__ import annotations

import logging
import time

from flask import Flask, current_app, jsonify, request
from sqlalchemy.exc import IntegrityError, OperationalError
from werkzeug.exceptions import HTTPException

from database.db import db
from extensions import limiter
from utils.rutas import is_api_path

log = logging.getLogger("tratios.errors")

DEFAULTS: dict[int, tuple[str, str]] = {
    400: ("solicitud_invalida", "La solicitud no es válida."),
    401: ("no_autenticado", "Se requiere autenticación válida."),
    403: ("prohibido", "No tiene permiso para realizar esta acción."),
    404: ("no_encontrado", "El recurso solicitado no existe."),
    405: ("metodo_no_permitido", "Método HTTP no permitido para esta ruta."),
    409: ("conflicto", "La operación entra en conflicto con el estado actual."),
    413: ("demasiado_grande", "La solicitud o el archivo supera el tamaño permitido."),
    415: ("tipo_contenido_no_soportado", "El tipo de contenido no es soportado; envíe JSON."),
    422: ("validacion", "Los datos enviados no son válidos."),
    429: ("demasiadas_solicitudes", "Demasiadas solicitudes; intente más tarde."),
    500: ("error_interno", "Ocurrió un error interno. Intente de nuevo más tarde."),
    503: ("servicio_no_disponible", "El servicio no está disponible en este momento."),
}


class APIError(Exception):
    """Raise from anywhere to answer with the envelope."""

    def __init__(
        self,
        status: int,
        error: str | None = None,
        message: str | None = None,
        details: dict | None = None,
        headers: dict | None = None,
    ):
        default_code, default_message = DEFAULTS.get(status, ("error", "Error."))
        super().__init__(message or default_message)
        self.status = status
        self.error = error or default_code
        self.message = message or default_message
        self.details = details
        self.headers = headers or {}


def error_response(status: int, error: str | None = None, message: str | None = None,
                   details: dict | None = None, headers: dict | None = None):
    default_code, default_message = DEFAULTS.get(status, ("error", "Error."))
    body = {"error": error or default_code, "message": message or default_message}
    if details:
        body["details"] = details
    response = jsonify(body)
    response.status_code = status
    for key, value in (headers or {}).items():
        response.headers[key] = value
    return response


def _flatten_messages(messages) -> dict:
    """webargs gives {"json": {field: [msgs]}}; the API wants {field: [msgs]}."""
    if not isinstance(messages, dict):
        return {"_schema": messages if isinstance(messages, list) else [str(messages)]}
    locations = {"json", "query", "form", "files", "headers", "view_args", "path", "json_or_form", "querystring"}
    flat: dict = {}
    for key, value in messages.items():
        if key in locations and isinstance(value, dict):
            flat.update(value)
        else:
            flat[key] = value
    return flat


def metodos_de_la_api() -> list[str]:
    """The methods the API's own routes accept on this path; the SPA's GET catch-all is not one of them
    (it answers API paths with 404). Empty: no API route has this path."""
    adapter = current_app.url_map.bind_to_environ(request.environ)
    try:
        metodos = set(adapter.allowed_methods())
        endpoint, _ = adapter.match(method="GET")
    except HTTPException:
        endpoint = None
    if endpoint == "spa.catch_all":
        metodos -= {"GET", "HEAD"}
    return sorted(metodos - {"OPTIONS"})


def _only_spa_matches() -> bool:
    """An unknown API path hit with POST matches only the SPA's GET catch-all: that is a 404."""
    return is_api_path(request.path) and not metodos_de_la_api()


def _limiter_retry_after() -> int | None:
    """Seconds until the breached Flask-Limiter window resets (RateLimitExceeded has no Retry-After)."""
    try:
        current = limiter.current_limit
    except Exception:  # no limiter context: fall back to the default below
        return None
    if current is None:
        return None
    return max(1, int(current.reset_at - time.time() + 0.999))


def _http_exception(exc: HTTPException):
    status = exc.code or 500
    data = getattr(exc, "data", None) or {}
    messages = data.get("messages") if isinstance(data, dict) else None
    headers = {}
    if status == 405 and _only_spa_matches():
        return error_response(404)
    if status == 405 and getattr(exc, "valid_methods", None):
        metodos = [*metodos_de_la_api(), "OPTIONS"] if is_api_path(request.path) else exc.valid_methods
        headers["Allow"] = ", ".join(metodos)
    if status == 429:
        retry = None
        if getattr(exc, "response", None) is not None:
            retry = exc.response.headers.get("Retry-After")
        if retry is None:
            retry = _limiter_retry_after()
        headers["Retry-After"] = str(retry or getattr(exc, "retry_after", None) or 60)
    if status == 400 and request.is_json and (
        (isinstance(messages, dict) and isinstance(messages.get("json"), list))
        or "json" in (exc.description or "").lower()
    ):
        # Malformed JSON or invalid UTF-8 (webargs or Flask's own parser).
        return error_response(400, "json_invalido", "El cuerpo de la solicitud no es JSON válido.")
    if messages is not None:
        flat = _flatten_messages(messages)
        if status == 422:
            return error_response(422, "validacion", DEFAULTS[422][1], details=flat)
        return error_response(status, details=flat, headers=headers)
    return error_response(status, headers=headers)


def register_errorhandlers(app: Flask) -> None:
    @app.errorhandler(APIError)
    def handle_api_error(exc: APIError):
        return error_response(exc.status, exc.error, exc.message, exc.details, exc.headers)

    @app.errorhandler(HTTPException)
    def handle_http_exception(exc: HTTPException):
        return _http_exception(exc)

    @app.errorhandler(IntegrityError)
    def handle_integrity_error(exc: IntegrityError):
        db.session.rollback()
        log.warning("IntegrityError en %s %s: %s", request.method, request.path, exc.orig.__class__.__name__)
        return error_response(409, "conflicto", "El registro entra en conflicto con uno existente.")

    @app.errorhandler(OperationalError)
    def handle_operational_error(exc: OperationalError):
        db.session.rollback()
        log.error("Base de datos no disponible en %s %s: %s", request.method, request.path,
                  exc.orig.__class__.__name__ if exc.orig else exc.__class__.__name__)
        return error_response(503, "base_de_datos_no_disponible",
                              "La base de datos no está disponible. Intente de nuevo en unos segundos.")

    @app.errorhandler(Exception)
    def handle_unexpected(exc: Exception):
        db.session.rollback()
        log.exception("Error no controlado en %s %s", request.method, request.path)
        return error_response(500)
