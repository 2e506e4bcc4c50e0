"""Request/response hooks shared by every route: content type checks and security headers."""

from __future__ import annotations

from flask import Flask, Request, request

from utils.errors import APIError

_BODY_METHODS = {"POST", "PUT", "PATCH", "DELETE"}


class TratiosRequest(Request):
    def on_json_loading_failed(self, e):
        raise APIError(400, "json_invalido", "El cuerpo de la solicitud no es JSON válido.")


def register_http_hooks(app: Flask) -> None:
    app.request_class = TratiosRequest

    @app.before_request
    def require_json_or_multipart():
        """A body that is neither JSON nor multipart is a 415 (uploads check multipart themselves)."""
        if request.method not in _BODY_METHODS:
            return None
        limit = app.config.get("MAX_CONTENT_LENGTH")
        if limit and (request.content_length or 0) > limit:
            from utils.errors import error_response

            return error_response(413, "demasiado_grande", "La solicitud supera el tamaño máximo permitido.")
        has_body = (request.content_length or 0) > 0 or request.headers.get("Transfer-Encoding") == "chunked"
        if not has_body:
            return None
        mimetype = request.mimetype or ""
        if mimetype == "application/json" or mimetype.endswith("+json") or mimetype == "multipart/form-data":
            return None
        from utils.errors import error_response

        return error_response(
            415, "tipo_contenido_no_soportado", "El cuerpo debe enviarse como application/json."
        )

    @app.after_request
    def security_headers(response):
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "strict-origin-when-cross-origin")
        response.headers.setdefault("X-Frame-Options", "DENY")
        if request.is_secure:
            response.headers.setdefault("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
        return response
