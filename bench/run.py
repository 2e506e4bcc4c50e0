#!/usr/bin/env python3
"""Benchmark at realistic scale on MariaDB + gunicorn, driven by wrk.

    .venv/bin/python bench/run.py                 # full volume (10k empresas, 100k tickets, ...)
    .venv/bin/python bench/run.py --quick         # small volume and short runs (smoke test)

Writes bench/RESULTS.md: machine, command, requests/s, p50/p99 per endpoint, and each endpoint's
ratio to /health measured in the same run, with the targets of the performance issue marked met or not.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = str(ROOT / ".venv" / "bin" / "python") if (ROOT / ".venv" / "bin" / "python").exists() else sys.executable
API_KEY = "bench-api-key-0123456789abcdef"
ADMIN_EMAIL = "admin@bench.tratios.co"
ADMIN_PASSWORD = "Bench-Admin-Clave-1"
USER_PASSWORD = "Bench-Usuario-Clave-1"
MYSQL = os.environ.get("BENCH_MYSQL", "mysql+pymysql://root@127.0.0.1:3306")


def sh(cmd: list[str], env: dict, **kw) -> str:
    result = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, check=False, **kw)  # noqa: S603
    if result.returncode != 0:
        raise SystemExit(f"Falló {' '.join(cmd)}:\n{result.stdout}\n{result.stderr}")
    return result.stdout


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def prepare_database(name: str, volume: dict, env: dict) -> dict:
    url = f"{MYSQL}/{name}?charset=utf8mb4"
    import pymysql

    conn = pymysql.connect(host="127.0.0.1", user="root", password="")
    with conn.cursor() as cur:
        cur.execute(f"DROP DATABASE IF EXISTS `{name}`")
        cur.execute(f"CREATE DATABASE `{name}` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci")
    conn.close()
    env = dict(env, DATABASE_URL=url)
    flask = [PY, "-m", "flask", "--app", "app:create_app"]
    sh([*flask, "db", "upgrade"], env)
    sh([*flask, "seed"], env)
    started = time.perf_counter()
    sh([*flask, "escala", "llenar", "--empresas", str(volume["empresas"]), "--usuarios", str(volume["usuarios"]),
        "--tickets", str(volume["tickets"]), "--comentarios", str(volume["comentarios"]),
        "--password", USER_PASSWORD], env)
    return {"url": url, "fill_seconds": time.perf_counter() - started}


def start_gunicorn(env: dict, workers: int) -> tuple[subprocess.Popen, str]:
    port = free_port()
    proc = subprocess.Popen(  # noqa: S603
        [PY, "-m", "gunicorn", "-c", "gunicorn.conf.py", "--workers", str(workers), "--bind", f"127.0.0.1:{port}",
         "--access-logfile", "/dev/null", "app:create_app()"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(150):
        try:
            with urllib.request.urlopen(base + "/health", timeout=2) as response:  # noqa: S310
                if response.status == 200:
                    return proc, base
        except OSError:
            time.sleep(0.2)
    proc.kill()
    raise SystemExit("gunicorn no arrancó")


def request_json(base: str, method: str, path: str, body: dict | None = None, headers: dict | None = None) -> dict:
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(base + path, data=data, method=method,  # noqa: S310
                                 headers={"Content-Type": "application/json", **(headers or {})})
    with urllib.request.urlopen(req, timeout=30) as response:  # noqa: S310
        return json.loads(response.read() or b"{}")


def worker_rss_kb(master: subprocess.Popen) -> list[int]:
    out = subprocess.run(["ps", "-o", "rss=", "--ppid", str(master.pid)], capture_output=True, text=True,  # noqa: S603,S607
                         check=False).stdout
    return [int(x) for x in out.split()]


def lua_script(method: str, headers: dict, body: str | None, paths: list[str] | None = None) -> str:
    lines = [f'wrk.method = "{method}"']
    for key, value in headers.items():
        lines.append(f'wrk.headers["{key}"] = "{value}"')
    if body is not None:
        lines.append("wrk.body = [[" + body + "]]")
    if paths:
        lines.append("local paths = {" + ",".join(f'"{p}"' for p in paths) + "}")
        lines.append("local i = 0")
        lines.append("request = function() i = i % #paths + 1; return wrk.format(nil, paths[i]) end")
    lines.append("done = function(summary, latency, requests)")
    lines.append('  io.write(string.format("JSON {\\"rps\\": %f, \\"p50\\": %d, \\"p99\\": %d, \\"errors\\": %d, '
                 '\\"non2xx\\": %d, \\"requests\\": %d}\\n", summary.requests / (summary.duration / 1e6), '
                 'latency:percentile(50), latency:percentile(99), summary.errors.connect + summary.errors.read + '
                 'summary.errors.write + summary.errors.timeout, summary.errors.status, summary.requests))')
    lines.append("end")
    return "\n".join(lines)


def run_wrk(base: str, path: str, method: str = "GET", headers: dict | None = None, body: dict | None = None,
            duration: int = 10, connections: int = 16, paths: list[str] | None = None) -> dict:
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as handle:
        handle.write(lua_script(method, {"Content-Type": "application/json", **(headers or {})},
                                json.dumps(body) if body is not None else None, paths))
        script = handle.name
    try:
        out = subprocess.run(  # noqa: S603
            ["wrk", "-t2", f"-c{connections}", f"-d{duration}s", "-s", script, base + path],  # noqa: S607
            capture_output=True, text=True, check=True,
        ).stdout
    finally:
        os.unlink(script)
    match = re.search(r"^JSON (.*)$", out, re.MULTILINE)
    result = json.loads(match.group(1))
    result["p50_ms"] = result.pop("p50") / 1000
    result["p99_ms"] = result.pop("p99") / 1000
    return result


def argon2_verify_ms(env: dict) -> float:
    code = (
        "import time;from app import create_app;from utils.passwords import hash_password,verify_password\n"
        "app=create_app()\nwith app.app_context():\n h=hash_password('x-Clave-123')\n t=time.perf_counter()\n"
        " [verify_password(h,'x-Clave-123') for _ in range(5)]\n print((time.perf_counter()-t)/5*1000)\n"
    )
    return float(sh([PY, "-c", code], env).strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="volumen pequeño y corridas cortas")
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--output", default=str(ROOT / "bench" / "RESULTS.md"))
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("Falta wrk: apt-get install -y wrk")
    duration = 3 if args.quick else args.duration
    full = ({"empresas": 300, "usuarios": 600, "tickets": 3000, "comentarios": 9000} if args.quick else
            {"empresas": 10_000, "usuarios": 20_000, "tickets": 100_000, "comentarios": 300_000})
    small = {"empresas": 100, "usuarios": 200, "tickets": 1_000, "comentarios": 3_000}

    env = dict(os.environ)
    env.update({
        "APP_ENV": "production", "SECRET_KEY": "bench-secret-key-" + "x" * 40,
        "JWT_SECRET_KEY": "bench-jwt-secret-" + "y" * 40, "SAAS_API_KEY": API_KEY,
        "ADMIN_EMAIL": ADMIN_EMAIL, "ADMIN_PASSWORD": ADMIN_PASSWORD, "LOG_LEVEL": "WARNING",
        "LOG_DIR": str(ROOT / "bench" / "out" / "logs"), "LOCATION_RATE_LIMIT_REQUESTS": "100000000",
        "UPLOAD_FOLDER": str(ROOT / "bench" / "out" / "uploads"),
    })
    results: dict[str, dict] = {}
    sizes = {}
    for label, volume, dbname in (("pequeña", small, "tratios_bench_small"), ("completa", full, "tratios_bench")):
        print(f"==> Base {label}: {volume}", flush=True)
        info = prepare_database(dbname, volume, env)
        sizes[label] = {**volume, "fill_seconds": round(info["fill_seconds"], 1)}
        run_env = dict(env, DATABASE_URL=info["url"])
        proc, base = start_gunicorn(run_env, args.workers)
        try:
            results[label] = measure(base, run_env, proc, duration, lists_only=(label == "pequeña"))
        finally:
            proc.terminate()
            proc.wait(timeout=20)
    argon_ms = argon2_verify_ms(env)
    write_results(Path(args.output), args, results, sizes, argon_ms)
    print(Path(args.output).read_text())


def measure(base: str, env: dict, proc: subprocess.Popen, duration: int, lists_only: bool) -> dict:
    import pymysql  # noqa: F401 - imported by the app anyway

    admin = request_json(base, "POST", "/auth/login", {"email": ADMIN_EMAIL, "password": ADMIN_PASSWORD})
    admin_h = {"Authorization": f"Bearer {admin['access_token']}"}
    empresas = request_json(base, "GET", "/admin/empresas?per_page=5&estado=activa", headers=admin_h)["items"]
    empresa = empresas[-1]
    tickets = request_json(base, "GET", "/admin/soporte-tickets?estado=abierto&per_page=20", headers=admin_h)
    deep_page = max(1, tickets["pages"] - 1)
    key_h = {"X-API-Key": API_KEY, "X-Empresa-Id": str(empresa["id"])}
    login_user = request_json(base, "GET", f"/admin/usuarios?empresa_id={empresa['id']}", headers=admin_h)["items"][0]

    plan = [
        ("health", "/health", "GET", {}, None),
        ("lista tickets admin p1", "/admin/soporte-tickets?estado=abierto&page=1", "GET", admin_h, None),
        (f"lista tickets admin p{deep_page}", f"/admin/soporte-tickets?estado=abierto&page={deep_page}", "GET",
         admin_h, None),
        ("lista usuarios admin q", "/admin/usuarios?q=usuario1", "GET", admin_h, None),
        ("lista tickets API interna", "/api/internal/support/tickets", "GET", key_h, None),
    ]
    if not lists_only:
        plan += [
            ("suscripcion-activa", f"/api/suscripcion-activa/{empresa['nit']}", "GET", {"X-API-Key": API_KEY}, None),
            ("verificar-servicios-activos", "/api/verificar-servicios-activos", "POST", {"X-API-Key": API_KEY},
             {"nit": empresa["nit"], "servicios": ["Facturación electrónica", "Inventario", "Contabilidad"]}),
            ("create_tickets", "/api/internal/support/create_tickets", "POST", key_h,
             {"titulo": "Carga", "descripcion": "Ticket de prueba de carga", "prioridad": "media"}),
            ("ciudades CO", "/public/location/countries/CO/cities?q=bog", "GET", {}, None),
            ("login sin 2FA", "/auth/login", "POST", {}, {"email": login_user["email"], "password": USER_PASSWORD}),
        ]
    out = {"rss_start_kb": worker_rss_kb(proc)}
    for name, path, method, headers, body in plan:
        print(f"   {name} ...", flush=True)
        out[name] = run_wrk(base, path, method, headers, body, duration=duration)
    out["rss_end_kb"] = worker_rss_kb(proc)
    return out


def write_results(path: Path, args, results: dict, sizes: dict, argon_ms: float) -> None:
    full = results["completa"]
    small = results["pequeña"]
    health = full["health"]["rps"]
    targets = {
        "suscripcion-activa": 0.8, "verificar-servicios-activos": 0.7, "create_tickets": 0.4,
        "lista tickets admin p1": 0.5, "lista usuarios admin q": 0.5, "lista tickets API interna": 0.5,
    }
    lines = [
        "# Resultados del benchmark",
        "",
        f"- Fecha: {datetime.now(UTC).isoformat(timespec='seconds')}",
        f"- Máquina: {os.cpu_count()} CPU, {platform.platform()}, Python {platform.python_version()}",
        f"- Comando: `{' '.join([Path(sys.argv[0]).as_posix(), *sys.argv[1:]])}` (gunicorn {args.workers} workers, "
        f"wrk -t2 -c16, MariaDB)",
        f"- Volumen completo: {sizes['completa']}; pequeño: {sizes['pequeña']}",
        "",
        "| endpoint | req/s | p50 ms | p99 ms | ratio vs /health | no-2xx | objetivo |",
        "|---|---:|---:|---:|---:|---:|---|",
    ]
    for name, r in full.items():
        if not isinstance(r, dict):
            continue
        ratio = r["rps"] / health if health else 0
        key = next((k for k in targets if name.startswith(k)), None)
        goal = ""
        if key:
            goal = f"≥ {targets[key]}x: {'cumple' if ratio >= targets[key] else 'NO cumple'}"
        lines.append(f"| {name} | {r['rps']:.0f} | {r['p50_ms']:.1f} | {r['p99_ms']:.1f} | {ratio:.2f} | "
                     f"{r['non2xx']} | {goal} |")
    lines += ["", "## Latencia de listas: base completa frente a base de 1.000 filas (objetivo ≤ 1,5x)", "",
              "| lista | p50 pequeña ms | p50 completa ms | factor | objetivo |", "|---|---:|---:|---:|---|"]
    for name, r in small.items():
        if not isinstance(r, dict) or name == "health" or name not in full:
            continue
        factor = full[name]["p50_ms"] / r["p50_ms"] if r["p50_ms"] else 0
        lines.append(f"| {name} | {r['p50_ms']:.1f} | {full[name]['p50_ms']:.1f} | {factor:.2f} | "
                     f"{'cumple' if factor <= 1.5 else 'NO cumple'} |")
    login = full.get("login sin 2FA")
    if login:
        delta = login["p50_ms"] - argon_ms
        lines += ["", f"Login p50 {login['p50_ms']:.1f} ms; una verificación argon2 con el costo configurado "
                  f"{argon_ms:.1f} ms; diferencia {delta:.1f} ms (objetivo ≤ 20 ms: "
                  f"{'cumple' if delta <= 20 else 'NO cumple'})."]
    lines += ["", f"Memoria residente de los workers (KB): inicio {full['rss_start_kb']}, "
              f"fin {full['rss_end_kb']}.", ""]
    path.write_text("\n".join(lines), encoding="utf-8")


if __name__ == "__main__":
    main()
