"""Request/response hooks shared by every route: content type checks and security headers."""

from __future__ import annotations

import base64
import hashlib
import re
from array import array
from itertools import accumulate
from pathlib import Path

from flask import Flask, Request, request
from werkzeug.exceptions import MethodNotAllowed, RequestEntityTooLarge
from werkzeug.middleware.proxy_fix import ProxyFix
from werkzeug.routing import IntegerConverter

from utils.errors import APIError, error_response, metodos_de_la_api
from utils.rutas import is_api_path

_BODY_METHODS = {"POST", "PUT", "PATCH", "DELETE"}

# Ids are INT columns: a path id beyond 2^31-1 can name no row. It becomes 0 (no row has id 0), so the
# view gives its usual 404 after its access checks, instead of the driver failing (OverflowError -> 500).
ID_MAX = 2**31 - 1


class IdConverter(IntegerConverter):
    # ASCII digits only: "\\d" would also take "１" (full-width one) as id 1.
    regex = r"[0-9]+"

    def to_python(self, value: str) -> int:
        number = super().to_python(value)
        return number if number <= ID_MAX else 0


# JSON answers are never rendered as documents: nothing may load, nothing may frame them.
API_CSP = "default-src 'none'; frame-ancestors 'none'"
# The Angular build: only its own scripts, fonts and images. Styles need 'unsafe-inline' because
# Angular inlines critical CSS and components inject <style> elements; scripts do not.
SPA_CSP = (
    "default-src 'self'; script-src 'self'{script_hashes}; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
    "form-action 'self'; frame-ancestors 'none'"
)
_INLINE_HANDLER = re.compile(r"""\son[a-z]+=(?:"([^"]*)"|'([^']*)')""")
_csp_cache: dict[str, tuple[float, str]] = {}


def spa_csp(index: Path) -> str:
    """The SPA policy, allowing by hash (never 'unsafe-inline') the inline event handlers the build emits.

    Angular's critical-CSS inlining loads the full stylesheet with `onload="this.media='all'"`; CSP
    level 3 allows exactly that handler with 'unsafe-hashes' plus its SHA-256."""
    key = str(index)
    try:
        mtime = index.stat().st_mtime
    except OSError:
        return SPA_CSP.format(script_hashes="")
    cached = _csp_cache.get(key)
    if cached and cached[0] == mtime:
        return cached[1]
    handlers = sorted({a or b for a, b in _INLINE_HANDLER.findall(index.read_text(encoding="utf-8"))})
    hashes = "".join(
        f" 'sha256-{base64.b64encode(hashlib.sha256(h.encode()).digest()).decode()}'" for h in handlers
    )
    policy = SPA_CSP.format(script_hashes=(" 'unsafe-hashes'" + hashes) if hashes else "")
    _csp_cache[key] = (mtime, policy)
    return policy


class TratiosRequest(Request):
    def on_json_loading_failed(self, e):
        raise APIError(400, "json_invalido", "El cuerpo de la solicitud no es JSON válido.")


MAX_JSON_DEPTH = 32
# A JSON string, quotes included (escapes allowed): brackets inside strings do not nest anything.
_JSON_STRING = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"')
# Keep only brackets, as signed steps: "[" / "{" -> +1, "]" / "}" -> -1 (0xFF as a signed byte).
_PASOS = bytes.maketrans(b"[{]}", b"\x01\x01\xff\xff")
_NO_CORCHETES = bytes(b for b in range(256) if b not in b"[]{}")


def _profundidad(data: bytes) -> int:
    """Nesting depth of a JSON text, measured on the bytes (no parsing, C-level scans only)."""
    corchetes = _JSON_STRING.sub(b"", data).translate(None, _NO_CORCHETES)
    if len(corchetes) <= MAX_JSON_DEPTH:
        return len(corchetes)
    return max(accumulate(array("b", corchetes.translate(_PASOS))))


def _limitar_json(max_bytes: int):
    """413 for a JSON body over `max_bytes`, decided BEFORE reading it (Content-Length) or after reading at
    most `max_bytes` + 1 bytes (chunked); 400 for nesting deeper than MAX_JSON_DEPTH (the parsers would
    raise RecursionError, and deep values would be stored and re-serialized later). The body is parsed
    once, later, by the view's schema."""
    if (request.content_length or 0) > max_bytes:
        return _demasiado_grande(max_bytes)
    # Per request (Flask 3.1): a chunked stream is cut one byte past the limit, so a cut body is a 413.
    request.max_content_length = max_bytes + 1
    try:
        data = request.get_data(cache=True)
    except RequestEntityTooLarge:
        return _demasiado_grande(max_bytes)
    if len(data) > max_bytes:
        return _demasiado_grande(max_bytes)
    if _profundidad(data) > MAX_JSON_DEPTH:
        return error_response(400, "json_demasiado_anidado",
                              f"El JSON supera la profundidad máxima permitida ({MAX_JSON_DEPTH} niveles).")
    return None


def _demasiado_grande(max_bytes: int):
    return error_response(413, "demasiado_grande",
                          f"La solicitud supera el tamaño máximo permitido ({max_bytes} bytes para JSON).")


def register_http_hooks(app: Flask) -> None:
    app.request_class = TratiosRequest
    app.url_map.converters["int"] = IdConverter
    hops = int(app.config.get("PROXY_FIX_HOPS") or 0)
    if hops > 0 and not isinstance(app.wsgi_app, ProxyFix):
        # Real client IP (rate limits, logs) and scheme (HSTS) behind nginx/a load balancer.
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)

    @app.before_request
    def get_en_ruta_de_escritura():
        """`GET /auth/login` reaches the SPA's catch-all (GET on every path): a 405 with `Allow`, not a 404."""
        if request.endpoint == "spa.catch_all" and is_api_path(request.path):
            metodos = metodos_de_la_api()
            if metodos:
                raise MethodNotAllowed(valid_methods=[*metodos, "OPTIONS"])
        return None

    @app.before_request
    def require_json_or_multipart():
        """A body that is neither JSON nor multipart is a 415 (uploads check multipart themselves)."""
        if request.method not in _BODY_METHODS:
            return None
        has_body = (request.content_length or 0) > 0 or request.headers.get("Transfer-Encoding") == "chunked"
        if not has_body:
            return None
        mimetype = request.mimetype or ""
        if mimetype == "application/json" or mimetype.endswith("+json"):
            limites = (app.config["MAX_JSON_BYTES"], app.config.get("MAX_CONTENT_LENGTH"))
            return _limitar_json(min(limite for limite in limites if limite))
        if mimetype == "multipart/form-data":
            # Uploads: MAX_CONTENT_LENGTH (Flask) bounds them; file_handler checks each file.
            limit = app.config.get("MAX_CONTENT_LENGTH")
            if limit and (request.content_length or 0) > limit:
                return error_response(413, "demasiado_grande", "La solicitud supera el tamaño máximo permitido.")
            return None
        return error_response(
            415, "tipo_contenido_no_soportado", "El cuerpo debe enviarse como application/json."
        )

    @app.after_request
    def security_headers(response):
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "strict-origin-when-cross-origin")
        response.headers.setdefault("X-Frame-Options", "DENY")
        if request.blueprint == "spa" and response.mimetype == "text/html":
            response.headers.setdefault("Content-Security-Policy",
                                        spa_csp(Path(app.config["SPA_DIST_DIR"]) / "index.html"))
        elif response.mimetype == "application/json":
            response.headers.setdefault("Content-Security-Policy", API_CSP)
        # is_secure honours X-Forwarded-Proto when the app runs behind ProxyFix.
        if request.is_secure:
            response.headers.setdefault("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
        return response
