"""Request/response hooks shared by every route: content type checks and security headers."""

from __future__ import annotations

import base64
import hashlib
import json
import re
from pathlib import Path

from flask import Flask, Request, request
from werkzeug.middleware.proxy_fix import ProxyFix
from werkzeug.routing import IntegerConverter

from utils.errors import APIError, error_response

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


def _profundidad(valor) -> int:
    """Nesting depth of a parsed JSON value, without recursion."""
    maxima, pila = 0, [(valor, 1)]
    while pila:
        actual, nivel = pila.pop()
        if isinstance(actual, dict | list):
            maxima = max(maxima, nivel)
            if maxima > MAX_JSON_DEPTH:
                return maxima
            hijos = actual.values() if isinstance(actual, dict) else actual
            pila.extend((hijo, nivel + 1) for hijo in hijos if isinstance(hijo, dict | list))
    return maxima


def _json_demasiado_anidado():
    """400 for JSON nested deeper than MAX_JSON_DEPTH: a very deep body makes the parsers (Flask's, webargs')
    raise RecursionError (a 500) and deep values would be stored and re-serialized later."""
    data = request.get_data(cache=True)
    if data.count(b"[") + data.count(b"{") <= MAX_JSON_DEPTH:
        return None  # cannot be that deep: the common case costs two C-level scans
    try:
        valor = json.loads(data)
    except RecursionError:
        valor = None
    except ValueError:
        return None  # malformed: the normal parsing answers 400 json_invalido
    if valor is None or _profundidad(valor) > MAX_JSON_DEPTH:
        return error_response(400, "json_demasiado_anidado",
                              f"El JSON supera la profundidad máxima permitida ({MAX_JSON_DEPTH} niveles).")
    return None


def register_http_hooks(app: Flask) -> None:
    app.request_class = TratiosRequest
    app.url_map.converters["int"] = IdConverter
    hops = int(app.config.get("PROXY_FIX_HOPS") or 0)
    if hops > 0 and not isinstance(app.wsgi_app, ProxyFix):
        # Real client IP (rate limits, logs) and scheme (HSTS) behind nginx/a load balancer.
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)

    @app.before_request
    def require_json_or_multipart():
        """A body that is neither JSON nor multipart is a 415 (uploads check multipart themselves)."""
        if request.method not in _BODY_METHODS:
            return None
        limit = app.config.get("MAX_CONTENT_LENGTH")
        if limit and (request.content_length or 0) > limit:
                return error_response(413, "demasiado_grande", "La solicitud supera el tamaño máximo permitido.")
        has_body = (request.content_length or 0) > 0 or request.headers.get("Transfer-Encoding") == "chunked"
        if not has_body:
            return None
        mimetype = request.mimetype or ""
        if mimetype == "application/json" or mimetype.endswith("+json"):
            return _json_demasiado_anidado()
        if mimetype == "multipart/form-data":
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
