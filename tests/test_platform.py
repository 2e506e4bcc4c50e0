"""Health, OpenAPI + local docs page, CORS allow-list, NIT rules."""

import pytest

from utils.nit import NitInvalido, digito_verificacion, normalizar_nit


def test_health_ok(client):
    response = client.get("/health")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok", "database": "ok"}


def test_health_503_when_database_unreachable(test_config, tmp_path):
    from app import create_app

    class Broken(test_config):
        SQLALCHEMY_DATABASE_URI = "mysql+pymysql://nadie@127.0.0.1:1/nada?connect_timeout=1"

    app = create_app(Broken)
    response = app.test_client().get("/health")
    assert response.status_code == 503
    assert response.get_json()["database"] == "unreachable"


def test_openapi_document(client):
    response = client.get("/api/openapi.json")
    assert response.status_code == 200
    spec = response.get_json()
    assert spec["openapi"].startswith("3.")
    assert "/health" in spec["paths"]
    assert {"bearerAuth", "apiKey"} <= set(spec["components"]["securitySchemes"])


def test_docs_page_uses_local_assets(client):
    response = client.get("/api/docs/")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "/api/openapi.json" in html
    assert "cdn" not in html.lower() and "unpkg" not in html.lower()
    asset = client.get("/api/docs/swagger-ui-bundle.js")
    assert asset.status_code == 200 and len(asset.data) > 10000


def test_cors_allows_only_configured_origins(client):
    ok = client.get("/health", headers={"Origin": "http://localhost:4200"})
    assert ok.headers.get("Access-Control-Allow-Origin") == "http://localhost:4200"
    bad = client.get("/health", headers={"Origin": "http://evil.example"})
    assert "Access-Control-Allow-Origin" not in bad.headers


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("900123456-8", "900123456-8"), ("900.123.456-8", "900123456-8"), ("900 123 456", "900123456"),
     ("860001022-7", "860001022-7")],
)
def test_nit_normalised(raw, expected):
    assert normalizar_nit(raw)[0] == expected


@pytest.mark.parametrize("raw", ["900123456-1", "abc", "12", "900123456-", "9001234567890123456"])
def test_nit_invalid(raw):
    with pytest.raises(NitInvalido):
        normalizar_nit(raw)


def test_check_digit_known_values():
    assert digito_verificacion("900123456") == 8
    assert digito_verificacion("860001022") == 7


def test_foreign_keys_enforced_on_every_backend(make, db):
    """SQLite enforces FKs like MariaDB: ON DELETE SET NULL applies, dangling ids are refused."""
    import sqlalchemy as sa
    from sqlalchemy.exc import IntegrityError

    from models import LogAcceso, Usuario

    usuario = make.usuario()
    db.session.add(LogAcceso(tipo="login_ok", usuario_id=usuario.id))
    db.session.commit()
    db.session.execute(sa.delete(Usuario).where(Usuario.id == usuario.id))
    db.session.commit()
    assert db.session.execute(sa.select(LogAcceso.usuario_id)).scalar_one() is None
    db.session.add(LogAcceso(tipo="login_ok", usuario_id=999_999))
    with pytest.raises(IntegrityError):
        db.session.commit()
    db.session.rollback()
