"""Security headers on every kind of answer; the SPA's Content-Security-Policy; HSTS only over HTTPS."""

from __future__ import annotations

import base64
import hashlib

import pytest

from app import create_app

COMUNES = {"X-Content-Type-Options": "nosniff", "Referrer-Policy": "strict-origin-when-cross-origin",
           "X-Frame-Options": "DENY"}
INDEX = """<!doctype html><html><head><base href="/">
<link rel="stylesheet" href="styles-ABCDEFGH.css" media="print" onload="this.media='all'">
<noscript><link rel="stylesheet" href="styles-ABCDEFGH.css"></noscript></head>
<body><app-root></app-root><script src="main-ABCDEFGH.js" type="module"></script></body></html>"""


def _politica(valor: str) -> dict[str, list[str]]:
    return {d.split()[0]: d.split()[1:] for d in (p.strip() for p in valor.split(";")) if d}


@pytest.mark.parametrize(("method", "path"), [
    ("GET", "/health"), ("GET", "/public/planes"), ("GET", "/admin/empresas"), ("GET", "/no/existe/api"),
    ("GET", "/admin/no-existe"), ("DELETE", "/public/planes"), ("POST", "/auth/login"), ("GET", "/api/openapi.json"),
])
def test_cabeceras_en_respuestas_json(client, method, path):
    response = client.open(path, method=method, data="x", content_type="text/plain")
    for cabecera, valor in COMUNES.items():
        assert response.headers.get(cabecera) == valor, (path, cabecera)
    if response.mimetype == "application/json":
        assert _politica(response.headers["Content-Security-Policy"]) == {
            "default-src": ["'none'"], "frame-ancestors": ["'none'"]}
    assert "Strict-Transport-Security" not in response.headers


@pytest.fixture
def spa_app(test_config, tmp_path):
    (tmp_path / "index.html").write_text(INDEX, encoding="utf-8")
    (tmp_path / "main-ABCDEFGH.js").write_text("console.log(1)", encoding="utf-8")
    config = type("ConSpa", (test_config,), {"SPA_DIST_DIR": str(tmp_path)})
    return create_app(config)


def test_csp_de_la_spa_solo_recursos_propios(spa_app):
    cliente = spa_app.test_client()
    for path in ("/", "/login", "/portal/suscripciones"):
        response = cliente.get(path)
        assert response.status_code == 200 and response.mimetype == "text/html"
        for cabecera, valor in COMUNES.items():
            assert response.headers[cabecera] == valor
        csp = _politica(response.headers["Content-Security-Policy"])
        digest = base64.b64encode(hashlib.sha256(b"this.media='all'").digest()).decode()
        assert csp["script-src"] == ["'self'", "'unsafe-hashes'", f"'sha256-{digest}'"]
        assert "'unsafe-inline'" not in csp["script-src"] and "'unsafe-eval'" not in csp["script-src"]
        assert csp["style-src"] == ["'self'", "'unsafe-inline'"]
        assert csp["default-src"] == ["'self'"]
        assert csp["connect-src"] == ["'self'"]
        assert csp["object-src"] == ["'none'"]
        assert csp["frame-ancestors"] == ["'none'"]
        assert csp["base-uri"] == ["'self'"]
        assert not any("http" in fuente or fuente == "*" for fuentes in csp.values() for fuente in fuentes)
    asset = cliente.get("/main-ABCDEFGH.js")
    assert asset.status_code == 200 and asset.headers["X-Content-Type-Options"] == "nosniff"


def test_hsts_solo_sobre_https(client, test_config):
    assert "Strict-Transport-Security" not in client.get("/health").headers
    seguro = client.get("/health", base_url="https://tratios.example")
    assert seguro.headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
    # Without a trusted proxy, a client's X-Forwarded-Proto is ignored...
    assert "Strict-Transport-Security" not in client.get("/health", headers={"X-Forwarded-Proto": "https"}).headers
    # ...behind one (PROXY_FIX_HOPS=1) the proxy's word counts.
    detras = create_app(type("DetrasDeProxy", (test_config,), {"PROXY_FIX_HOPS": 1})).test_client()
    response = detras.get("/health", headers={"X-Forwarded-Proto": "https", "X-Forwarded-For": "203.0.113.9"})
    assert response.headers["Strict-Transport-Security"].startswith("max-age=31536000")
    assert "Strict-Transport-Security" not in detras.get("/health").headers
