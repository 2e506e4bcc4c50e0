import pytest

from app import create_app
from config import ConfigError, ProductionConfig, TestConfig


def test_factory_uses_test_config(app):
    assert app.testing
    assert app.config["APP_ENV"] == "testing"


def test_production_refuses_to_start_without_secrets(monkeypatch):
    class Prod(ProductionConfig):
        SECRET_KEY = None
        JWT_SECRET_KEY = None
        SQLALCHEMY_DATABASE_URI = "sqlite://"

    with pytest.raises(ConfigError, match="SECRET_KEY"):
        create_app(Prod)


def test_development_generates_strong_secrets_once(tmp_path, monkeypatch):
    import config as config_module

    monkeypatch.setattr(config_module, "INSTANCE_DIR", tmp_path)

    class Dev(config_module.Config):
        SECRET_KEY = None
        JWT_SECRET_KEY = None
        SQLALCHEMY_DATABASE_URI = "sqlite://"
        LOG_DIR = str(tmp_path / "logs")

    first = create_app(Dev)
    second = create_app(Dev)
    assert len(first.config["SECRET_KEY"]) >= 32
    assert first.config["SECRET_KEY"] == second.config["SECRET_KEY"]
    assert first.config["JWT_SECRET_KEY"] != first.config["SECRET_KEY"]
    assert (tmp_path / "secret_key").read_text().strip() == first.config["SECRET_KEY"]


def test_database_url_from_db_parts(monkeypatch):
    import config as config_module

    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setenv("DB_HOST", "db.local")
    monkeypatch.setenv("DB_PORT", "3307")
    monkeypatch.setenv("DB_NAME", "tratios")
    monkeypatch.setenv("DB_USER", "app")
    monkeypatch.setenv("DB_PASSWORD", "p@ss")
    url = config_module.database_url_from_env()
    assert url == "mysql+pymysql://app:p%40ss@db.local:3307/tratios?charset=utf8mb4"


def test_mysql_engine_options_have_pool_settings():
    cfg = {"SQLALCHEMY_DATABASE_URI": "mysql+pymysql://u@h/db", "APP_ENV": "testing",
           "SECRET_KEY": "x" * 40, "JWT_SECRET_KEY": "y" * 40, "DB_POOL_RECYCLE": 280}
    TestConfig.finalize(cfg)
    assert cfg["SQLALCHEMY_ENGINE_OPTIONS"]["pool_pre_ping"] is True
    assert cfg["SQLALCHEMY_ENGINE_OPTIONS"]["pool_recycle"] == 280
