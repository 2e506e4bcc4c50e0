#!/usr/bin/env python3
"""Soak test: mixed concurrent traffic against a real gunicorn on MariaDB for several minutes.

    .venv/bin/python bench/soak.py --database-url 'mysql+pymysql://root@127.0.0.1:3306/tratios_soak?charset=utf8mb4' \
        --duration 300 --clients 16 --workers 4

Checks, printed as a JSON report (also written to bench/out/soak-<date>.json):
- zero 5xx answers and zero transport errors;
- no lost writes: every 201 (tickets, comments, companies) is a row in the database, and the support
  contract's `tickets_consumidos` equals the number of ticket rows;
- no growth in open database connections (the connections to the soak's database in the process list,
  sampled every few seconds; the server-wide SHOW STATUS 'Threads_connected' is reported too);
- memory flat: gunicorn's RSS (master + workers, `max_requests` disabled) in the last third of the run
  against the first third.
The test-suite runs a 20-30 s version (tests/robustness/test_soak.py, MariaDB only).
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import secrets
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

from cryptography.fernet import Fernet

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
PY = str(ROOT / ".venv" / "bin" / "python") if (ROOT / ".venv" / "bin" / "python").exists() else sys.executable
OUT = ROOT / "bench" / "out"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_gunicorn(env: dict, workers: int) -> tuple[subprocess.Popen, str]:
    port = _free_port()
    environment = {**os.environ, **env, "WEB_CONCURRENCY": str(workers), "GUNICORN_MAX_REQUESTS": "0",
                   "GUNICORN_ACCESS_LOG": "off", "GUNICORN_LOG_LEVEL": "warning"}
    # The server's stderr goes to a file: an unread pipe fills up and freezes every worker.
    log_dir = Path(env.get("LOG_DIR") or OUT)
    log_dir.mkdir(parents=True, exist_ok=True)
    stderr = open(log_dir / "gunicorn-soak.err", "ab")  # closed with the process: it lives as long as the server
    proc = subprocess.Popen(  # noqa: S603 - our own interpreter and gunicorn
        [PY, "-m", "gunicorn", "-c", "gunicorn.conf.py", "--bind", f"127.0.0.1:{port}", "app:create_app()"],
        cwd=ROOT, env=environment, stdout=subprocess.DEVNULL, stderr=stderr,
    )
    proc.stderr_path = stderr.name
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError("gunicorn terminó al arrancar: " + Path(stderr.name).read_text(errors="replace")[-4000:])
        try:
            status, _ = request(base, "GET", "/health")
            if status == 200:
                return proc, base
        except OSError:
            pass
        time.sleep(0.2)
    proc.kill()
    raise RuntimeError("gunicorn no respondió en 60 s")


def rss_mb(master_pid: int) -> float:
    """RSS of the master and its children (the workers), from /proc."""
    pids = [master_pid]
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == master_pid:
                pids.append(int(entry.name))
    total = 0
    for pid in pids:
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            continue
    return round(total / 1024, 1)


def request(base: str, method: str, path: str, body: dict | None = None, headers: dict | None = None):
    """One request on a new connection (gunicorn's sync workers close every connection):
    (status, parsed JSON or None)."""
    parts = urlsplit(base)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    data = json.dumps(body).encode() if body is not None else None
    hdrs = dict(headers or {})
    if data is not None:
        hdrs["Content-Type"] = "application/json"
    try:
        conn.request(method, path, body=data, headers=hdrs)
        response = conn.getresponse()
        raw = response.read()
    finally:
        conn.close()
    try:
        return response.status, json.loads(raw) if raw else None
    except ValueError:
        return response.status, None


def seed(app) -> dict:
    """Admin, a company with a plan subscription and a per-ticket support contract, its customer."""
    from datetime import date
    from decimal import Decimal

    from database.db import db
    from models import Empresa, Plan, SoporteSuscripcion, SoporteTipo, Suscripcion, Usuario
    from services.auth_tokens import issue_tokens
    from services.suscripciones import calcular_fecha_fin
    from utils.nit import digito_verificacion
    from utils.passwords import hash_password

    with app.app_context():
        db.create_all()
        marca = secrets.token_hex(3)
        base = str(700000000 + random.randrange(10**8))  # noqa: S311 - test data
        empresa = Empresa(nit=f"{base}-{digito_verificacion(base)}", nit_base=base, nombre=f"Soak {marca}",
                          contacto="soak@tratios.test", estado="activa")
        admin = Usuario(nombre="Soak admin", email=f"soak.admin.{marca}@tratios.test", rol="admin",
                        password_hash=hash_password(secrets.token_urlsafe(16)), is_active=True)
        plan = Plan(nombre=f"Plan soak {marca}", precio_mensual=Decimal("100000"), precio_anual=Decimal("1000000"))
        tipo = SoporteTipo(nombre=f"Soporte soak {marca}", modalidad="por_tickets", precio=Decimal("1"),
                           max_tickets=10_000_000)
        db.session.add_all([empresa, admin, plan, tipo])
        db.session.flush()
        cliente = Usuario(nombre="Soak cliente", email=f"soak.cliente.{marca}@tratios.test", rol="cliente",
                          empresa_id=empresa.id, password_hash=hash_password(secrets.token_urlsafe(16)),
                          is_active=True)
        hoy = date.today()
        suscripcion = Suscripcion(empresa_id=empresa.id, plan_id=plan.id, periodo="anual", fecha_inicio=hoy,
                                  fecha_fin=calcular_fecha_fin(hoy, "anual"), estado="activa",
                                  precio_pagado=plan.precio_anual)
        db.session.add_all([cliente, suscripcion])
        db.session.flush()
        contrato = SoporteSuscripcion(suscripcion_id=suscripcion.id, empresa_id=empresa.id,
                                      soporte_tipo_id=tipo.id, fecha_inicio=hoy,
                                      fecha_fin=calcular_fecha_fin(hoy, "mensual"), estado="activo",
                                      precio_actual=tipo.precio)
        db.session.add(contrato)
        db.session.commit()
        return {
            "empresa_id": empresa.id, "nit": empresa.nit, "contrato_id": contrato.id, "marca": marca,
            "admin": {"Authorization": f"Bearer {issue_tokens(admin)['access_token']}"},
            "cliente": {"Authorization": f"Bearer {issue_tokens(cliente)['access_token']}"},
        }


class Traffic:
    """Mixed traffic from one client thread; writes remember the ids the server confirmed with 201."""

    def __init__(self, base: str, datos: dict, api_key: str, stats: dict, lock: threading.Lock):
        self.base, self.d, self.stats, self.lock = base, datos, stats, lock
        self.key = {"X-API-Key": api_key, "X-Empresa-Id": str(datos["empresa_id"])}
        self.rng = random.Random()  # noqa: S311 - traffic mix, not security

    def _record(self, nombre: str, status: int, elapsed: float) -> None:
        with self.lock:
            self.stats["status"][status] += 1
            self.stats["por_operacion"][nombre][status] += 1
            self.stats["latencias"].append(elapsed)

    def call(self, nombre: str, method: str, path: str, body=None, headers=None):
        start = time.perf_counter()
        try:
            status, cuerpo = request(self.base, method, path, body, headers)
        except (OSError, http.client.HTTPException) as exc:
            with self.lock:
                self.stats["errores_transporte"].append(f"{nombre}: {exc.__class__.__name__}: {exc}")
            return None, None
        self._record(nombre, status, time.perf_counter() - start)
        return status, cuerpo

    def step(self) -> None:
        r = self.rng.random()
        if r < 0.12:
            self.call("health", "GET", "/health")
        elif r < 0.24:
            self.call("planes", "GET", "/public/planes")
        elif r < 0.36:
            self.call("licencia", "GET", f"/api/suscripcion-activa/{self.d['nit']}", headers=self.key)
        elif r < 0.48:
            self.call("admin_empresas", "GET", "/admin/empresas?per_page=20", headers=self.d["admin"])
        elif r < 0.58:
            self.call("cliente_tickets", "GET", "/account/soporte/tickets", headers=self.d["cliente"])
        elif r < 0.68:
            self.call("estado_soporte", "GET", "/api/internal/support/status", headers=self.key)
        elif r < 0.82:
            status, cuerpo = self.call("crear_ticket", "POST", "/api/internal/support/create_tickets",
                                       {"titulo": "Soak", "descripcion": "Carga sostenida", "prioridad": "media"},
                                       self.key)
            if status == 201:
                with self.lock:
                    self.stats["tickets"].append(cuerpo["ticket"]["id"])
        elif r < 0.94:
            with self.lock:
                ticket = self.rng.choice(self.stats["tickets"]) if self.stats["tickets"] else None
            if ticket is None:
                return
            status, cuerpo = self.call("comentar", "POST", f"/api/internal/support/tickets/{ticket}/comentarios",
                                       {"contenido": "Seguimos"}, self.key)
            if status == 201:
                with self.lock:
                    self.stats["comentarios"].append(cuerpo["comentario"]["id"])
        else:
            from utils.nit import digito_verificacion

            base = str(600000000 + self.rng.randrange(10**8))
            status, cuerpo = self.call("crear_empresa", "POST", "/admin/empresas",
                                       {"nit": f"{base}-{digito_verificacion(base)}",
                                        "nombre": f"Soak {self.d['marca']} {base}", "contacto": "x@soak.test"},
                                       self.d["admin"])
            if status == 201:
                with self.lock:
                    self.stats["empresas"].append(cuerpo["id"])


def _conexiones(database_url: str) -> tuple[int, int]:
    """(connections to OUR database from the process list, server-wide Threads_connected).

    The first is the one that must stay flat: other programs may use the same server."""
    import pymysql
    from sqlalchemy.engine import make_url

    url = make_url(database_url)
    conn = pymysql.connect(host=url.host or "127.0.0.1", port=url.port or 3306, user=url.username or "root",
                           password=url.password or "")
    try:
        with conn.cursor() as cursor:
            cursor.execute("SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE DB = %s", (url.database,))
            propias = int(cursor.fetchone()[0])
            cursor.execute("SHOW STATUS LIKE 'Threads_connected'")
            return propias, int(cursor.fetchone()[1])
    finally:
        conn.close()


def verify(app, datos: dict, stats: dict) -> dict:
    """No lost writes: every confirmed id is a row; the quota counter equals the ticket rows."""
    import sqlalchemy as sa

    from database.db import db
    from models import Empresa, SoporteSuscripcion, SoporteTicket, SoporteTicketComentario

    with app.app_context():
        tickets = set(db.session.execute(sa.select(SoporteTicket.id).where(
            SoporteTicket.empresa_id == datos["empresa_id"])).scalars())
        comentarios = set(db.session.execute(sa.select(SoporteTicketComentario.id).where(
            SoporteTicketComentario.ticket_id.in_(tickets or {0}))).scalars())
        empresas = set(db.session.execute(sa.select(Empresa.id).where(
            Empresa.nombre.like(f"Soak {datos['marca']} %"))).scalars())
        consumidos = db.session.get(SoporteSuscripcion, datos["contrato_id"]).tickets_consumidos
        db.session.remove()
    return {
        "tickets_201": len(stats["tickets"]), "tickets_en_bd": len(tickets),
        "tickets_perdidos": len(set(stats["tickets"]) - tickets),
        "tickets_consumidos": consumidos,
        "comentarios_201": len(stats["comentarios"]),
        "comentarios_perdidos": len(set(stats["comentarios"]) - comentarios),
        "comentarios_en_bd": len(comentarios),
        "empresas_201": len(stats["empresas"]), "empresas_perdidas": len(set(stats["empresas"]) - empresas),
        "empresas_en_bd": len(empresas),
    }


def run_soak(database_url: str, duration: float, clients: int, workers: int, sample_every: float = 2.0) -> dict:
    from app import create_app, ensure_database_exists

    ensure_database_exists(database_url)
    secretos = {"SECRET_KEY": secrets.token_urlsafe(48), "JWT_SECRET_KEY": secrets.token_urlsafe(48),
                "SAAS_API_KEY": secrets.token_urlsafe(32), "OTP_CIFRADO_CLAVES": Fernet.generate_key().decode()}
    app = create_app({"SQLALCHEMY_DATABASE_URI": database_url, "RATELIMIT_ENABLED": False, **secretos})
    datos = seed(app)
    env = {"DATABASE_URL": database_url, "APP_ENV": "production", "RATELIMIT_ENABLED": "0",
           "LOG_DIR": str(OUT / "logs-soak"), "MAIL_BACKEND": "console", **secretos}
    proc, base = start_gunicorn(env, workers)
    stats = {"status": Counter(), "por_operacion": {}, "latencias": [], "errores_transporte": [],
             "tickets": [], "comentarios": [], "empresas": []}
    from collections import defaultdict

    stats["por_operacion"] = defaultdict(Counter)
    lock = threading.Lock()
    muestras: list[dict] = []
    try:
        # Warm-up: every worker opens its pool before the baseline is taken.
        warm = Traffic(base, datos, secretos["SAAS_API_KEY"], stats, lock)
        for _ in range(workers * 10):
            warm.call("warmup", "GET", "/admin/empresas", headers=datos["admin"])
        stats["status"].clear()
        stats["por_operacion"].clear()
        stats["latencias"].clear()
        fin = time.monotonic() + duration
        parar = threading.Event()

        def cliente():
            trafico = Traffic(base, datos, secretos["SAAS_API_KEY"], stats, lock)
            while time.monotonic() < fin and not parar.is_set():
                trafico.step()

        hilos = [threading.Thread(target=cliente, daemon=True) for _ in range(clients)]
        inicio = time.monotonic()
        for hilo in hilos:
            hilo.start()
        def muestra():
            propias, servidor = _conexiones(database_url)
            muestras.append({"t": round(time.monotonic() - inicio, 1), "rss_mb": rss_mb(proc.pid),
                             "conexiones_bd": propias, "threads_connected": servidor,
                             "requests": sum(stats["status"].values())})

        while time.monotonic() < fin:
            muestra()
            time.sleep(sample_every)
        for hilo in hilos:
            hilo.join(timeout=60)
        parar.set()
        muestra()
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
    escrituras = verify(app, datos, stats)
    with app.app_context():
        from database.db import db

        db.engine.dispose()
    tercio = max(1, len(muestras) // 3)
    primeros, ultimos = muestras[:tercio], muestras[-tercio:]
    latencias = sorted(stats["latencias"]) or [0.0]
    total = sum(stats["status"].values())
    return {
        "fecha": datetime.now(UTC).isoformat(timespec="seconds"),
        "duracion_s": duration, "clientes": clients, "workers": workers,
        "solicitudes": total, "rps": round(total / duration, 1),
        "status": dict(sorted(stats["status"].items())),
        "por_operacion": {k: dict(v) for k, v in sorted(stats["por_operacion"].items())},
        "errores_5xx": sum(n for s, n in stats["status"].items() if s >= 500),
        "errores_transporte": len(stats["errores_transporte"]),
        "errores_transporte_ejemplos": sorted(set(stats["errores_transporte"]))[:5],
        "p50_ms": round(statistics.median(latencias) * 1000, 1),
        "p95_ms": round(latencias[int(len(latencias) * 0.95) - 1] * 1000, 1) if len(latencias) > 1 else 0,
        "escrituras": escrituras,
        "conexiones": {"inicio": max(m["conexiones_bd"] for m in primeros),
                       "final": max(m["conexiones_bd"] for m in ultimos),
                       "max": max(m["conexiones_bd"] for m in muestras),
                       "threads_connected_servidor": [min(m["threads_connected"] for m in muestras),
                                                      max(m["threads_connected"] for m in muestras)]},
        "memoria_mb": {"inicio": round(statistics.mean(m["rss_mb"] for m in primeros), 1),
                       "final": round(statistics.mean(m["rss_mb"] for m in ultimos), 1)},
        "muestras": muestras,
    }


def problemas(report: dict, max_growth: float = 0.15) -> list[str]:
    """What is wrong with a report (empty list = the soak passed)."""
    out = []
    if report["errores_5xx"]:
        out.append(f"{report['errores_5xx']} respuestas 5xx")
    if report["errores_transporte"]:
        out.append(f"{report['errores_transporte']} errores de transporte")
    e = report["escrituras"]
    if e["tickets_perdidos"] or e["comentarios_perdidos"] or e["empresas_perdidas"]:
        out.append(f"escrituras perdidas: {e}")
    if not (e["tickets_201"] == e["tickets_en_bd"] == e["tickets_consumidos"]):
        out.append(f"contador distinto de las filas: {e}")
    if e["comentarios_201"] != e["comentarios_en_bd"] or e["empresas_201"] != e["empresas_en_bd"]:
        out.append(f"filas sin 201 o 201 sin fila: {e}")
    c = report["conexiones"]
    if c["final"] > c["inicio"] + 2:
        out.append(f"las conexiones crecen: {c}")
    m = report["memoria_mb"]
    if m["final"] > m["inicio"] * (1 + max_growth):
        out.append(f"la memoria crece más de {max_growth:.0%}: {m}")
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database-url", default=os.environ.get("SOAK_DATABASE_URL")
                        or "mysql+pymysql://root@127.0.0.1:3306/tratios_soak?charset=utf8mb4")
    parser.add_argument("--duration", type=float, default=300, help="segundos (por defecto 300)")
    parser.add_argument("--clients", type=int, default=16, help="clientes concurrentes")
    parser.add_argument("--workers", type=int, default=4, help="workers de gunicorn")
    args = parser.parse_args()
    report = run_soak(args.database_url, args.duration, args.clients, args.workers,
                      sample_every=max(2.0, args.duration / 60))
    OUT.mkdir(parents=True, exist_ok=True)
    destino = OUT / f"soak-{datetime.now(UTC).strftime('%Y%m%dT%H%M%S')}.json"
    destino.write_text(json.dumps(report, indent=2, ensure_ascii=False), encoding="utf-8")
    resumen = {k: v for k, v in report.items() if k != "muestras"}
    print(json.dumps(resumen, indent=2, ensure_ascii=False))
    fallos = problemas(report)
    print(f"\nInforme: {destino}")
    print("SOAK OK" if not fallos else "SOAK FALLÓ:\n- " + "\n- ".join(fallos))
    return 0 if not fallos else 1


if __name__ == "__main__":
    raise SystemExit(main())
