import logging

import pytest

from utils.logger import AppLogger, redact, setup_logging


@pytest.fixture(autouse=True)
def _logging_of_this_app(app):
    # Logging is process-global: other tests may have built apps with other log folders.
    setup_logging(app)


def test_request_id_generated_and_echoed(client):
    response = client.get("/health")
    assert len(response.headers["X-Request-ID"]) == 32


def test_request_id_from_client_is_kept_when_safe(client):
    response = client.get("/health", headers={"X-Request-ID": "abc-123"})
    assert response.headers["X-Request-ID"] == "abc-123"
    response = client.get("/health", headers={"X-Request-ID": "bad id; drop"})
    assert response.headers["X-Request-ID"] != "bad id; drop"


def test_log_lines_carry_request_id(app, client):
    client.get("/health", headers={"X-Request-ID": "req-logline-1"})
    for handler in logging.getLogger("tratios").handlers:
        handler.flush()
    text = (__import__("pathlib").Path(app.config["LOG_DIR"]) / "app.log").read_text()
    assert "[req-logline-1]" in text and "GET /health 200" in text


def test_category_logs_written(app):
    AppLogger.get("auth").warning("evento de prueba password=Secreta123! token=abc")
    for handler in logging.getLogger("tratios.auth").handlers:
        handler.flush()
    path = __import__("pathlib").Path(app.config["LOG_DIR"]) / "auth.log"
    text = path.read_text()
    assert "evento de prueba" in text
    assert "Secreta123!" not in text and "token=abc" not in text


def test_redact_removes_secrets():
    jwt_like = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl"
    text = redact(
        f'{{"password": "Hunter2!", "otp_code": "123456"}} Authorization: Bearer {jwt_like} '
        "X-API-Key=supersecret api_key=k1 refresh_token=r1"
    )
    for secret in ("Hunter2!", "123456", jwt_like, "supersecret", "k1", "r1"):
        assert secret not in text
