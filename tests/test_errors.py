"""Every error, on every path, is the JSON envelope of API.md."""

import pytest
from flask import abort

from database.db import db
from models import Servicio


def assert_envelope(response, status, code=None):
    assert response.status_code == status, response.get_data(as_text=True)
    assert response.is_json
    body = response.get_json()
    assert set(body) <= {"error", "message", "details"}
    assert isinstance(body["error"], str) and body["error"]
    assert isinstance(body["message"], str) and body["message"]
    if code:
        assert body["error"] == code
    return body


@pytest.mark.parametrize("path", ["/api/nada", "/admin/nada", "/auth/nada", "/public/nada", "/account/x"])
def test_unknown_api_paths_are_json_404(client, path):
    body = assert_envelope(client.get(path), 404, "no_encontrado")
    assert "no existe" in body["message"]


def test_unknown_api_path_with_post_is_404_not_405(client):
    assert_envelope(client.post("/admin/nada", json={}), 404)


def test_method_not_allowed_is_json_405(client):
    response = client.post("/health")
    assert_envelope(response, 405, "metodo_no_permitido")


def test_malformed_json_is_400(fresh_app):
    app = fresh_app
    @app.route("/_test/echo", methods=["POST"])
    def _echo():
        from flask import request

        return {"data": request.get_json()}

    client = app.test_client()
    response = client.post("/_test/echo", data="{bad json", content_type="application/json")
    assert_envelope(response, 400, "json_invalido")
    response = client.post("/_test/echo", data=b'{"a": "\xff"}', content_type="application/json")
    assert_envelope(response, 400, "json_invalido")


def test_non_json_body_is_415(client):
    response = client.post("/auth/login", data="email=a&password=b", content_type="application/x-www-form-urlencoded")
    assert_envelope(response, 415, "tipo_contenido_no_soportado")


def test_body_too_large_is_413(app, client):
    app.config["MAX_CONTENT_LENGTH"] = 1024
    try:
        response = client.post("/auth/login", data="x" * 5000, content_type="application/json")
        assert_envelope(response, 413, "demasiado_grande")
    finally:
        app.config["MAX_CONTENT_LENGTH"] = 50 * 1024 * 1024


def test_unexpected_exception_is_500_without_details(fresh_app):
    app = fresh_app
    @app.route("/_test/boom")
    def _boom():
        raise RuntimeError("secreto interno que no debe salir")

    response = app.test_client().get("/_test/boom")
    body = assert_envelope(response, 500, "error_interno")
    assert "secreto" not in response.get_data(as_text=True)
    assert "details" not in body


def test_integrity_error_is_409(fresh_app):
    app = fresh_app
    @app.route("/_test/dup", methods=["POST"])
    def _dup():
        db.session.add(Servicio(nombre="Duplicado", activo=True))
        db.session.commit()
        db.session.add(Servicio(nombre="Duplicado", activo=True))
        db.session.commit()
        return {}

    assert_envelope(app.test_client().post("/_test/dup"), 409, "conflicto")


def test_abort_403_uses_envelope(fresh_app):
    app = fresh_app
    @app.route("/_test/forbidden")
    def _forbidden():
        abort(403)

    assert_envelope(app.test_client().get("/_test/forbidden"), 403, "prohibido")


def test_security_headers_present(client):
    response = client.get("/health")
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert "Referrer-Policy" in response.headers
