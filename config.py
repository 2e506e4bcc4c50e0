"""Configuration read from the environment (and `.env` through python-dotenv).

`Config` is development; `ProductionConfig` (APP_ENV=production) refuses to start
without real secrets; `TestConfig` is used by the test-suite.
"""

from __future__ import annotations

import os
import secrets
import tempfile
from pathlib import Path
from urllib.parse import quote_plus

from cryptography.fernet import Fernet
from dotenv import load_dotenv

BASE_DIR = Path(__file__).resolve().parent
INSTANCE_DIR = BASE_DIR / "instance"

load_dotenv(BASE_DIR / ".env")


class ConfigError(RuntimeError):
    """A required setting is missing or invalid."""


def env(name: str, default: str | None = None) -> str | None:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    return value.strip()


def env_int(name: str, default: int) -> int:
    value = env(name)
    if value is None:
        return default
    try:
        return int(value)
    except ValueError as exc:
        raise ConfigError(f"{name} debe ser un número entero (valor actual: {value!r})") from exc


def env_bool(name: str, default: bool = False) -> bool:
    value = env(name)
    if value is None:
        return default
    return value.lower() in {"1", "true", "yes", "si", "sí", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in (env(name, default) or "").split(",") if item.strip()]


def database_url_from_env() -> str:
    """`DATABASE_URL`, else a MySQL URL from `DB_*`, else the embedded SQLite file."""
    url = env("DATABASE_URL")
    if url:
        return url
    if env("DB_HOST") or env("DB_NAME"):
        user = quote_plus(env("DB_USER", "root") or "root")
        password = env("DB_PASSWORD", "") or ""
        auth = f"{user}:{quote_plus(password)}" if password else user
        host = env("DB_HOST", "127.0.0.1")
        port = env("DB_PORT", "3306")
        name = env("DB_NAME", "tratios")
        return f"mysql+pymysql://{auth}@{host}:{port}/{name}?charset=utf8mb4"
    INSTANCE_DIR.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{_privado(INSTANCE_DIR / 'tratios.db')}"


def _privado(path: Path) -> Path:
    """The file, created (or narrowed) to 0600 before anything opens it: it holds hashes and secrets."""
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT, 0o600))
    os.chmod(path, 0o600)
    return path


def _instance_secret(filename: str, generar=lambda: secrets.token_urlsafe(48)) -> str:
    """Development only: a strong random secret generated once and kept under instance/."""
    INSTANCE_DIR.mkdir(parents=True, exist_ok=True)
    path = INSTANCE_DIR / filename
    if path.exists():
        os.chmod(path, 0o600)  # files written by older versions were 0644
        value = path.read_text(encoding="utf-8").strip()
        if len(value) >= 32:
            return value
    value = generar()
    # Exclusive create so two processes starting together agree on one value.
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_text(encoding="utf-8").strip() or value
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(value)
    return value


class Config:
    APP_ENV = env("APP_ENV", "development")
    TESTING = False
    DEBUG = False

    SECRET_KEY = env("SECRET_KEY")
    JWT_SECRET_KEY = env("JWT_SECRET_KEY")
    # Fernet keys (comma separated) for the TOTP secrets at rest: the first encrypts, all decrypt (rotation:
    # put the new key first, run `flask otp rotar-clave`, then drop the old one). utils/cifrado.py.
    OTP_CIFRADO_CLAVES = env("OTP_CIFRADO_CLAVES")

    # JWT
    JWT_ACCESS_MINUTES = env_int("JWT_ACCESS_MINUTES", 30)
    JWT_REFRESH_DAYS = env_int("JWT_REFRESH_DAYS", 7)
    JWT_HEADER_TYPE = env("JWT_HEADER_TYPE", "Bearer")
    JWT_TOKEN_LOCATION = ["headers"]
    JWT_ERROR_MESSAGE_KEY = "message"

    # Database
    SQLALCHEMY_DATABASE_URI = database_url_from_env()
    SQLALCHEMY_TRACK_MODIFICATIONS = False
    SQLALCHEMY_ENGINE_OPTIONS: dict = {}
    DB_POOL_RECYCLE = env_int("DB_POOL_RECYCLE", 280)
    DB_POOL_SIZE = env_int("DB_POOL_SIZE", 10)
    DB_MAX_OVERFLOW = env_int("DB_MAX_OVERFLOW", 20)

    # CORS: explicit allow-list, never "*"
    FRONTEND_ORIGINS = env_list("FRONTEND_ORIGINS", "http://localhost:4200,http://127.0.0.1:4200")
    # Reverse proxies in front of the app (0 = none): X-Forwarded-For/-Proto/-Host are trusted that many hops.
    PROXY_FIX_HOPS = env_int("PROXY_FIX_HOPS", 0)

    # SaaS instances
    SAAS_API_KEY = env("SAAS_API_KEY")
    SUPPORT_API_SECRET = env("SUPPORT_API_SECRET")
    SUPPORT_API_DEV_KEY = env("SUPPORT_API_DEV_KEY")
    SUPPORT_NOTIFY_EMAIL = env("SUPPORT_NOTIFY_EMAIL")
    # Signed licences (offline verification): Ed25519 private keys on disk, 0600; token TTL and grace.
    LICENCIA_CLAVES_DIR = env("LICENCIA_CLAVES_DIR", str(INSTANCE_DIR / "licencias"))
    LICENCIA_TOKEN_HORAS = env_int("LICENCIA_TOKEN_HORAS", 72)
    LICENCIA_GRACIA_DIAS = env_int("LICENCIA_GRACIA_DIAS", 7)

    # Uploads
    UPLOAD_FOLDER = env("UPLOAD_FOLDER", str(BASE_DIR / "uploads"))
    MAX_CONTENT_LENGTH = 50 * 1024 * 1024
    # JSON bodies: refused with 413 before parsing above this size (uploads keep MAX_CONTENT_LENGTH)
    MAX_JSON_BYTES = env_int("MAX_JSON_BYTES", 1024 * 1024)

    # Location service
    LOCATION_DB_PATH = env("LOCATION_DB_PATH", str(BASE_DIR / "data" / "countries.db"))
    LOCATION_CITIES_ARCHIVE_PATH = env(
        "LOCATION_CITIES_ARCHIVE_PATH", str(BASE_DIR / "data" / "cities.sqlite3.gz")
    )
    LOCATION_CACHE_TTL_COUNTRIES = env_int("LOCATION_CACHE_TTL_COUNTRIES", 86400)
    LOCATION_CACHE_TTL_CITIES = env_int("LOCATION_CACHE_TTL_CITIES", 3600)
    LOCATION_RATE_LIMIT_REQUESTS = env_int("LOCATION_RATE_LIMIT_REQUESTS", 60)
    LOCATION_RATE_LIMIT_WINDOW = env_int("LOCATION_RATE_LIMIT_WINDOW", 60)

    # Rate limiting (Flask-Limiter): memory:// per process, redis://... shared
    RATELIMIT_STORAGE_URI = env("RATELIMIT_STORAGE_URI", "memory://")
    RATELIMIT_HEADERS_ENABLED = True
    RATELIMIT_ENABLED = env_bool("RATELIMIT_ENABLED", True)

    # Mail
    MAIL_BACKEND = env("MAIL_BACKEND", "smtp")  # smtp | console
    SMTP_SERVER = env("SMTP_SERVER")
    SMTP_PORT = env_int("SMTP_PORT", 587)
    SMTP_USERNAME = env("SMTP_USERNAME")
    SMTP_PASSWORD = env("SMTP_PASSWORD")
    SMTP_TIMEOUT = env_int("SMTP_TIMEOUT", 10)
    SENDER_EMAIL = env("SENDER_EMAIL", "no-reply@tratios.local")
    SENDER_NAME = env("SENDER_NAME", "Tratios")

    # Brute-force protection and challenges (identity)
    LOGIN_MAX_FALLOS = env_int("LOGIN_MAX_FALLOS", 5)
    LOGIN_IP_MAX_FALLOS = env_int("LOGIN_IP_MAX_FALLOS", 20)
    OTP_MAX_FALLOS = env_int("OTP_MAX_FALLOS", 5)
    LOGIN_BLOQUEO_SEGUNDOS = env_int("LOGIN_BLOQUEO_SEGUNDOS", 60)
    LOGIN_BLOQUEO_MAX_SEGUNDOS = env_int("LOGIN_BLOQUEO_MAX_SEGUNDOS", 900)
    LOGIN_VENTANA_SEGUNDOS = env_int("LOGIN_VENTANA_SEGUNDOS", 900)
    LOGIN_RETO_MINUTOS = env_int("LOGIN_RETO_MINUTOS", 5)
    REGISTRO_PENDIENTE_MINUTOS = env_int("REGISTRO_PENDIENTE_MINUTOS", 30)
    # Self-service companies not approved and 2FA registrations not confirmed after this many days are
    # removed by `flask suscripciones procesar`.
    REGISTRO_PENDIENTE_DIAS = env_int("REGISTRO_PENDIENTE_DIAS", 7)
    PUBLIC_SIGNUP_RATE_LIMIT = env("PUBLIC_SIGNUP_RATE_LIMIT", "30 per hour")
    # Per client IP (Flask-Limiter syntax): POST /auth/registro and POST /auth/login answer 429 + Retry-After beyond.
    AUTH_REGISTRO_RATE_LIMIT = env("AUTH_REGISTRO_RATE_LIMIT", "20 per hour")
    AUTH_LOGIN_RATE_LIMIT = env("AUTH_LOGIN_RATE_LIMIT", "30 per minute")
    # Wrong X-API-Key per client IP and minute before every key from that IP gets 429 until the minute ends.
    API_KEY_MAX_FALLOS = env_int("API_KEY_MAX_FALLOS", 20)
    # POST /public/password-policy/evaluar (the SPA's password meter), per IP.
    PASSWORD_EVALUAR_RATE_LIMIT = env("PASSWORD_EVALUAR_RATE_LIMIT", "60 per minute")
    LOCATION_CACHE_DIR = env("LOCATION_CACHE_DIR", str(BASE_DIR / "data" / "cache"))

    # Password hashing (argon2id). OWASP minimum: m=19 MiB, t=2, p=1; we use more.
    ARGON2_TIME_COST = env_int("ARGON2_TIME_COST", 3)
    ARGON2_MEMORY_COST = env_int("ARGON2_MEMORY_COST", 65536)
    ARGON2_PARALLELISM = env_int("ARGON2_PARALLELISM", 1)

    # Seed
    ADMIN_EMAIL = env("ADMIN_EMAIL", "admin@tratios.local")
    ADMIN_PASSWORD = env("ADMIN_PASSWORD")
    ADMIN_NOMBRE = env("ADMIN_NOMBRE", "Administrador")
    DEMO_EMPRESA_NIT = env("DEMO_EMPRESA_NIT", "900123456-8")
    DEMO_EMPRESA_NOMBRE = env("DEMO_EMPRESA_NOMBRE", "Compraventa Demo S.A.S.")
    DEMO_EMPRESA_CONTACTO = env("DEMO_EMPRESA_CONTACTO", "contacto@demo.tratios.local")

    # Logging
    LOG_DIR = env("LOG_DIR", str(BASE_DIR / "logs"))
    LOG_LEVEL = env("LOG_LEVEL", "INFO")

    # SPA
    SPA_DIST_DIR = env("SPA_DIST_DIR", str(BASE_DIR / "frontend" / "dist" / "frontend" / "browser"))

    # OpenAPI (flask-smorest)
    API_TITLE = "Tratios API"
    API_VERSION = "1.0.0"
    OPENAPI_VERSION = "3.0.3"
    OPENAPI_URL_PREFIX = "/api"
    OPENAPI_JSON_PATH = "openapi.json"

    @classmethod
    def finalize(cls, config: dict) -> None:
        """Fill secrets and engine options once the class values are in `app.config`."""
        production = config.get("APP_ENV") == "production"
        for key, filename in (("SECRET_KEY", "secret_key"), ("JWT_SECRET_KEY", "jwt_secret_key")):
            if not config.get(key):
                if production:
                    raise ConfigError(
                        f"{key} no está configurada: en producción (APP_ENV=production) es obligatoria. "
                        "Defínela en el entorno o en .env."
                    )
                config[key] = _instance_secret(filename)
        if not config.get("OTP_CIFRADO_CLAVES"):
            if production:
                raise ConfigError("OTP_CIFRADO_CLAVES no está configurada: en producción es obligatoria "
                                  "(genere una con `python -c \"from cryptography.fernet import Fernet; "
                                  "print(Fernet.generate_key().decode())\"`).")
            config["OTP_CIFRADO_CLAVES"] = _instance_secret(
                "otp_cifrado_claves", lambda: Fernet.generate_key().decode("ascii"))
        try:
            for clave in [c.strip() for c in config["OTP_CIFRADO_CLAVES"].split(",") if c.strip()] or [""]:
                Fernet(clave.encode("ascii"))
        except (ValueError, UnicodeError) as exc:
            raise ConfigError("OTP_CIFRADO_CLAVES debe ser una o más claves Fernet separadas por comas.") from exc
        uri = config["SQLALCHEMY_DATABASE_URI"]
        options = dict(config.get("SQLALCHEMY_ENGINE_OPTIONS") or {})
        if uri.startswith("mysql"):
            options.setdefault("pool_pre_ping", True)
            options.setdefault("pool_recycle", config.get("DB_POOL_RECYCLE", 280))
            options.setdefault("pool_size", config.get("DB_POOL_SIZE", 10))
            options.setdefault("max_overflow", config.get("DB_MAX_OVERFLOW", 20))
        config["SQLALCHEMY_ENGINE_OPTIONS"] = options


class ProductionConfig(Config):
    APP_ENV = "production"


class TestConfig(Config):
    APP_ENV = "testing"
    TESTING = True
    SECRET_KEY = "test-secret-key-not-for-production-0123456789abcdef"  # noqa: S105 - tests only
    JWT_SECRET_KEY = "test-jwt-secret-key-not-for-production-0123456789abcdef"  # noqa: S105 - tests only
    SQLALCHEMY_DATABASE_URI = env("TEST_DATABASE_URL") or "sqlite://"
    SAAS_API_KEY = "test-saas-api-key-0123456789"
    OTP_CIFRADO_CLAVES = "dGVzdC1vdHAtY2lmcmFkby1ub3QtZm9yLXByb2R1Y3Q="  # Fernet key, tests only
    # Licence signing keys of the test run: never in instance/ (created on first use).
    LICENCIA_CLAVES_DIR = str(Path(tempfile.gettempdir()) / f"tratios-licencias-test-{os.getpid()}")
    MAIL_BACKEND = "smtp"
    SMTP_SERVER = None
    ARGON2_TIME_COST = 1
    ARGON2_MEMORY_COST = 1024
    ARGON2_PARALLELISM = 1
    RATELIMIT_STORAGE_URI = "memory://"
    # One limiter for the whole session (one client IP): the dedicated tests lower these.
    AUTH_REGISTRO_RATE_LIMIT = "100000 per hour"
    AUTH_LOGIN_RATE_LIMIT = "100000 per minute"
    API_KEY_MAX_FALLOS = 100000
    ADMIN_PASSWORD = None
    FRONTEND_ORIGINS = ["http://localhost:4200"]


def config_for_env() -> type[Config]:
    return ProductionConfig if env("APP_ENV") == "production" else Config
