"""gunicorn settings for production: `gunicorn -c gunicorn.conf.py "app:create_app()"` (or `./start.sh --prod`).

Every value can be overridden from the environment (docs/operaciones.md):
WEB_CONCURRENCY (workers), GUNICORN_THREADS, GUNICORN_TIMEOUT, GUNICORN_MAX_REQUESTS, GUNICORN_BIND/PORT,
GUNICORN_ACCESS_LOG ("-" = stdout, a path, or "off"). Behind a load balancer also set
FORWARDED_ALLOW_IPS (gunicorn) and PROXY_FIX_HOPS (the app) so client IPs reach the rate limits.
"""

import multiprocessing
import os


def _int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    return int(value) if value else default


bind = os.environ.get("GUNICORN_BIND") or f"{os.environ.get('HOST', '0.0.0.0')}:{os.environ.get('PORT', '5222')}"  # noqa: S104 - a server binds all interfaces; the LB/firewall decides who reaches it
# Sync workers: each request holds one worker, so 2 x CPU + 1 keeps the CPUs busy while others wait
# on MariaDB (argon2 logins are CPU-bound and are the reason not to go much higher).
workers = _int("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1)
threads = _int("GUNICORN_THREADS", 1)
timeout = _int("GUNICORN_TIMEOUT", 60)
graceful_timeout = _int("GUNICORN_GRACEFUL_TIMEOUT", 30)
keepalive = _int("GUNICORN_KEEPALIVE", 5)
# A safety net against slow leaks, not a crutch: bench/run.py measures memory with it disabled (0).
max_requests = _int("GUNICORN_MAX_REQUESTS", 5000)
max_requests_jitter = max_requests // 10
# Heartbeat files in memory: a slow disk cannot make the arbiter kill healthy workers.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None  # noqa: S108 - gunicorn's documented choice
# No preload: every worker builds its own app and its own SQLAlchemy pool after the fork
# (connections are never shared between processes).
preload_app = False

_access = os.environ.get("GUNICORN_ACCESS_LOG", "-")
accesslog = None if _access.lower() == "off" else _access
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
# One line per request with the request id the app sends back in X-Request-ID (the same id is in
# every application log line of that request, so an access line leads to its logs).
access_log_format = '%(h)s %(t)s "%(r)s" %(s)s %(b)s %(M)sms rid=%({x-request-id}o)s ua="%(a)s"'
proc_name = "tratios"


def when_ready(server):
    """Warn when state that must be shared is not: per-process rate limits change answers."""
    storage = os.environ.get("RATELIMIT_STORAGE_URI", "").strip() or "memory://"
    if storage.startswith("memory://") and server.cfg.workers > 1:
        server.log.warning(
            "RATELIMIT_STORAGE_URI=%s con %s workers: cada proceso cuenta sus propios límites "
            "(use redis://... en producción; ver docs/operaciones.md)", storage, server.cfg.workers)
