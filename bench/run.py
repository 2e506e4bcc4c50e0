#!/usr/bin/env python3
"""Benchmark at realistic scale on MariaDB + gunicorn, driven by wrk.

    .venv/bin/python bench/run.py                 # full volume (10k empresas, 100k tickets, ...)
    .venv/bin/python bench/run.py --quick         # small volume and short runs (smoke test)
    .venv/bin/python bench/run.py --profile       # also py-spy profiles of the endpoints -> bench/PROFILES.md

Writes bench/RESULTS.md: machine, command, requests/s, p50/p99 per endpoint, and each endpoint's
ratio to /health measured in the same run, with the targets of the performance issue marked met or not.

Method (so that a busy machine does not bias the ratios):
- every endpoint run is bracketed by /health runs and its ratio uses the mean of the two neighbours;
- the list latency target compares the same list on a 1,000-ticket database served the same way;
- login is measured with ONE connection, and against one argon2 verification at the configured cost in
  alternated pairs (login, verification, login, ...) from one process, so both see the same machine load;
- worker memory (RSS) is reported after start, after a warm-up pass and at the end of the run.
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
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

from cryptography.fernet import Fernet

ROOT = Path(__file__).resolve().parent.parent
PY = str(ROOT / ".venv" / "bin" / "python") if (ROOT / ".venv" / "bin" / "python").exists() else sys.executable
PYSPY = ROOT / ".venv" / "bin" / "py-spy"
OUT = ROOT / "bench" / "out"
API_KEY = "bench-api-key-0123456789abcdef"
ADMIN_EMAIL = "admin@bench.tratios.co"
ADMIN_PASSWORD = "Bench-Admin-Clave-1"
USER_PASSWORD = "Bench-Usuario-Clave-1"
MYSQL = os.environ.get("BENCH_MYSQL", "mysql+pymysql://root@127.0.0.1:3306")
REDIS = os.environ.get("BENCH_REDIS", "redis://127.0.0.1:6379/12")

FULL = {"empresas": 10_000, "usuarios": 20_000, "tickets": 100_000, "comentarios": 300_000}
QUICK = {"empresas": 300, "usuarios": 600, "tickets": 3_000, "comentarios": 9_000}
SMALL = {"empresas": 100, "usuarios": 200, "tickets": 1_000, "comentarios": 3_000}

# name prefix -> minimum ratio to /health (issue 9)
TARGETS = {
    "suscripcion-activa": 0.8, "verificar-servicios-activos": 0.7, "create_tickets": 0.4,
    "lista tickets admin": 0.5, "lista usuarios admin": 0.5, "lista tickets API interna": 0.5,
}


def sh(cmd: list[str], env: dict, **kw) -> str:
    result = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, check=False, **kw)  # noqa: S603
    if result.returncode != 0:
        raise SystemExit(f"Falló {' '.join(cmd)}:\n{result.stdout}\n{result.stderr}")
    return result.stdout


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def redis_ok(url: str) -> bool:
    try:
        import redis

        redis.Redis.from_url(url, socket_connect_timeout=1).ping()
    except Exception:  # noqa: BLE001 - any failure means "no Redis": the limiter stays in memory
        return False
    return True


def prepare_database(name: str, volume: dict, env: dict, reuse: bool = False) -> dict:
    url = f"{MYSQL}/{name}?charset=utf8mb4"
    import pymysql

    conn = pymysql.connect(host="127.0.0.1", user="root", password="")
    with conn.cursor() as cur:
        cur.execute("SELECT COUNT(*) FROM information_schema.schemata WHERE schema_name = %s", (name,))
        exists = cur.fetchone()[0] == 1
        if reuse and exists:
            conn.close()
            return {"url": url, "fill_seconds": None}
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


def start_gunicorn(env: dict, workers: int | None) -> tuple[subprocess.Popen, str]:
    port = free_port()
    cmd = [PY, "-m", "gunicorn", "-c", "gunicorn.conf.py", "--bind", f"127.0.0.1:{port}",
           "--access-logfile", "/dev/null", "app:create_app()"]
    if workers:
        cmd[5:5] = ["--workers", str(workers)]
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # noqa: S603
    base = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            with urllib.request.urlopen(base + "/health", timeout=2) as response:  # noqa: S310
                if response.status == 200:
                    time.sleep(1.0)  # let every worker finish booting
                    return proc, base
        except OSError:
            time.sleep(0.2)
    proc.kill()
    raise SystemExit("gunicorn no arrancó")


def request_json(base: str, method: str, path: str, body: dict | None = None, headers: dict | None = None) -> dict:
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(base + path, data=data, method=method,  # noqa: S310
                                 headers={"Content-Type": "application/json", **(headers or {})})
    with urllib.request.urlopen(req, timeout=60) as response:  # noqa: S310
        return json.loads(response.read() or b"{}")


def worker_pids(master: subprocess.Popen) -> list[int]:
    out = subprocess.run(["ps", "-o", "pid=", "--ppid", str(master.pid)], capture_output=True, text=True,  # noqa: S603,S607
                         check=False).stdout
    return [int(x) for x in out.split()]


def worker_rss_mb(master: subprocess.Popen) -> list[float]:
    out = subprocess.run(["ps", "-o", "rss=", "--ppid", str(master.pid)], capture_output=True, text=True,  # noqa: S603,S607
                         check=False).stdout
    return sorted(round(int(x) / 1024, 1) for x in out.split())


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
                                json.dumps(body, ensure_ascii=False) if body is not None else None, paths))
        script = handle.name
    threads = min(2, connections)
    try:
        out = subprocess.run(  # noqa: S603
            ["wrk", f"-t{threads}", f"-c{connections}", f"-d{duration}s", "--timeout", "30s", "-s", script,  # noqa: S607
             base + path],
            capture_output=True, text=True, check=True,
        ).stdout
    finally:
        os.unlink(script)
    match = re.search(r"^JSON (.*)$", out, re.MULTILINE)
    result = json.loads(match.group(1))
    result["p50_ms"] = result.pop("p50") / 1000
    result["p99_ms"] = result.pop("p99") / 1000
    return result


def login_vs_argon2(base: str, body: dict, env: dict, pairs: int = 25) -> dict:
    """Login over HTTP and one argon2 verification (configured cost) alternated `pairs` times from one
    process, so both see the same machine load; medians of each."""
    code = (
        "import json,sys,time,urllib.request\nfrom app import create_app\n"
        "from utils.passwords import hash_password,verify_password\n"
        "base,body,n=sys.argv[1],sys.argv[2].encode(),int(sys.argv[3])\n"
        "app=create_app()\nwith app.app_context():\n h=hash_password('x-Clave-123')\n L=[];A=[]\n"
        " for _ in range(n):\n"
        "  r=urllib.request.Request(base+'/auth/login',data=body,method='POST',"
        "headers={'Content-Type':'application/json'})\n"
        "  t=time.perf_counter();urllib.request.urlopen(r).read();L.append(time.perf_counter()-t)\n"
        "  t=time.perf_counter();verify_password(h,'x-Clave-123');A.append(time.perf_counter()-t)\n"
        " L.sort();A.sort();print(json.dumps({'login':L[n//2]*1000,'argon2':A[n//2]*1000}))\n"
    )
    return json.loads(sh([PY, "-c", code, base, json.dumps(body), str(pairs)], env).strip().splitlines()[-1])


def loadavg() -> str:
    try:
        return " ".join(f"{x:.1f}" for x in os.getloadavg())
    except OSError:  # pragma: no cover - not on Linux
        return "?"


# --- profiles ------------------------------------------------------------------------------------

def profile_endpoint(proc: subprocess.Popen, base: str, name: str, spec: tuple, duration: int) -> str:
    """py-spy over every worker while wrk drives one endpoint; returns a text summary."""
    path, method, headers, body, connections = spec
    OUT.mkdir(parents=True, exist_ok=True)
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
    raw = OUT / f"profile-{slug}.txt"
    spy = subprocess.Popen(  # noqa: S603
        [str(PYSPY), "record", "--pid", str(proc.pid), "--subprocesses", "--format", "raw", "--rate", "200",
         "--duration", str(duration + 1), "--output", str(raw), "--nonblocking"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    time.sleep(0.5)
    result = run_wrk(base, path, method, headers, body, duration=duration, connections=connections)
    spy.wait(timeout=duration + 60)
    return summarize_profile(raw, name, requests=result["requests"])


def _frame_label(frame: str) -> str:
    # "function (path/file.py:123)" -> "function (file.py)"
    match = re.match(r"(.*) \((.*?):\d+\)$", frame)
    if not match:
        return frame
    func, path = match.groups()
    return f"{func} ({'/'.join(Path(path).parts[-2:])})"


CATEGORIES = (  # first match from the innermost frame outwards decides where a sample goes
    ("argon2", ("argon2/",)),
    ("MariaDB: red y protocolo (pymysql)", ("pymysql/", "socket.py")),
    ("SQLAlchemy (ORM, compilación, pool)", ("sqlalchemy/",)),
    ("marshmallow / flask-smorest (serializar)", ("marshmallow/", "flask_smorest/response")),
    ("webargs (leer argumentos)", ("webargs/", "flask_smorest/arguments")),
    ("JWT", ("flask_jwt_extended/", "jwt/")),
    ("limitador (flask-limiter, redis)", ("flask_limiter/", "limits/", "redis/")),
    ("JSON", ("json/",)),
    ("código de la app", ("routes/", "services/", "utils/", "schemas/", "models/", "commands/")),
    ("Flask / werkzeug / gunicorn", ("flask/", "werkzeug/", "gunicorn/", "flask_cors/", "flask_sqlalchemy/")),
)


def summarize_profile(raw: Path, name: str, top: int = 10, requests: int = 0, rate: int = 200) -> str:
    categories: Counter = Counter()
    app_inclusive: Counter = Counter()
    total = 0
    if raw.exists():
        for line in raw.read_text(errors="replace").splitlines():
            stack, _, count = line.rpartition(" ")
            if not count.isdigit():
                continue
            frames = [f for f in stack.split(";") if f and not f.startswith("process ")]
            if not any("flask/app.py" in f for f in frames):
                continue  # idle workers waiting for connections, the master, py-spy itself
            n = int(count)
            total += n
            categories[next((label for frame in reversed(frames) for label, keys in CATEGORIES
                             if any(k in frame for k in keys)), "otros")] += n
            for label in {_frame_label(f) for f in frames
                          if re.search(r"\((routes|services|utils|schemas)/", _frame_label(f))}:
                app_inclusive[label] += n
    per_request = (total / rate * 1000 / requests) if requests else 0.0
    lines = [f"### {name}", "", f"{total} muestras dentro de peticiones ({rate} Hz, todos los workers), "
             f"{requests} peticiones: **{per_request:.1f} ms muestreados por petición** (py-spy omite parte de las "
             "esperas ociosas en el socket: es una cota inferior del tiempo de pared).", ""]
    if not total:
        return "\n".join([*lines, "(sin muestras)", ""])
    lines += ["| dónde se va el tiempo | % | ms por petición |", "|---|---:|---:|"]
    lines += [f"| {label} | {100 * n / total:.0f} | {per_request * n / total:.1f} |"
              for label, n in categories.most_common()]
    if app_inclusive:
        lines += ["", "| función de la app (inclusivo) | % |", "|---|---:|"]
        lines += [f"| `{label}` | {100 * n / total:.0f} |" for label, n in app_inclusive.most_common(top)]
    return "\n".join([*lines, ""])


# --- the run ---------------------------------------------------------------------------------------

def build_plan(base: str, lists_only: bool) -> dict:
    """Endpoints to measure: name -> (path, method, headers, body, connections)."""
    admin = request_json(base, "POST", "/auth/login", {"email": ADMIN_EMAIL, "password": ADMIN_PASSWORD})
    admin_h = {"Authorization": f"Bearer {admin['access_token']}"}
    empresas = request_json(base, "GET", "/admin/empresas?per_page=100&estado=activa", headers=admin_h)["items"]
    # A company with a valid license and an in-date support contract (the filler gives every company one).
    empresa = next(e for e in reversed(empresas) if request_json(
        base, "GET", f"/api/suscripcion-activa/{e['nit']}", headers={"X-API-Key": API_KEY})["valida"])
    login_user = request_json(base, "GET", f"/admin/usuarios?empresa_id={empresa['id']}", headers=admin_h)["items"][0]
    tickets = request_json(base, "GET", "/admin/soporte-tickets?estado=abierto&per_page=20", headers=admin_h)
    deep_page = max(1, tickets["pages"] - 1)
    middle_page = max(1, tickets["pages"] // 2)
    key_h = {"X-API-Key": API_KEY, "X-Empresa-Id": str(empresa["id"])}
    plan = {
        "lista tickets admin p1": ("/admin/soporte-tickets?estado=abierto&page=1", "GET", admin_h, None, 16),
        "lista tickets admin pág. media": (f"/admin/soporte-tickets?estado=abierto&page={middle_page}", "GET",
                                           admin_h, None, 16),
        "lista tickets admin pág. profunda": (f"/admin/soporte-tickets?estado=abierto&page={deep_page}", "GET",
                                              admin_h, None, 16),
        "lista usuarios admin q": ("/admin/usuarios?q=usuario1", "GET", admin_h, None, 16),
        "lista tickets API interna": ("/api/internal/support/tickets", "GET", key_h, None, 16),
    }
    if not lists_only:
        plan |= {
            "suscripcion-activa": (f"/api/suscripcion-activa/{empresa['nit']}", "GET", {"X-API-Key": API_KEY}, None,
                                   16),
            "verificar-servicios-activos": ("/api/verificar-servicios-activos", "POST", {"X-API-Key": API_KEY},
                                            {"nit": empresa["nit"],
                                             "servicios": ["Facturación electrónica", "Inventario", "Contabilidad"]},
                                            16),
            "create_tickets": ("/api/internal/support/create_tickets", "POST", key_h,
                               {"titulo": "Carga", "descripcion": "Ticket de prueba de carga", "prioridad": "media"},
                               16),
            "ciudades CO": ("/public/location/countries/CO/cities?q=bog", "GET", {}, None, 16),
            "login sin 2FA (1 conexión)": ("/auth/login", "POST", {},
                                           {"email": login_user["email"], "password": USER_PASSWORD}, 1),
        }
    return plan


def measure(base: str, proc: subprocess.Popen, duration: int, lists_only: bool, env: dict) -> tuple[dict, dict]:
    out: dict = {"rss_boot_mb": worker_rss_mb(proc)}
    plan = build_plan(base, lists_only)
    # Warm-up: every endpoint a little on every worker (imports, SQL compilation cache, location files).
    for path, method, headers, body, _ in [("/health", "GET", {}, None, 1), *plan.values()]:
        run_wrk(base, path, method, headers, body, duration=1, connections=4)
    out["rss_warm_mb"] = worker_rss_mb(proc)
    out["health"] = health_runs = []
    health_runs.append(run_wrk(base, "/health", duration=duration))
    for name, (path, method, headers, body, connections) in plan.items():
        print(f"   {name} ...", flush=True)
        result = run_wrk(base, path, method, headers, body, duration=duration, connections=connections)
        if name.startswith("login"):
            result["pares"] = login_vs_argon2(base, body, env)
        health_runs.append(run_wrk(base, "/health", duration=duration))
        result["health_rps"] = (health_runs[-2]["rps"] + health_runs[-1]["rps"]) / 2
        out[name] = result
    out["rss_end_mb"] = worker_rss_mb(proc)
    return out, plan


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="volumen pequeño y corridas cortas")
    parser.add_argument("--workers", type=int, default=None, help="workers de gunicorn (por defecto gunicorn.conf.py)")
    parser.add_argument("--duration", type=int, default=10, help="segundos por corrida de wrk")
    parser.add_argument("--reuse", action="store_true", help="reutilizar las bases si ya existen (iterar rápido)")
    parser.add_argument("--profile", action="store_true", help="perfiles py-spy de cada endpoint -> bench/PROFILES.md")
    parser.add_argument("--output", default=str(ROOT / "bench" / "RESULTS.md"))
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("Falta wrk: apt-get install -y wrk")
    duration = 3 if args.quick else args.duration
    full = QUICK if args.quick else FULL

    env = dict(os.environ)
    env.update({
        "APP_ENV": "production", "SECRET_KEY": "bench-secret-key-" + "x" * 40,
        "JWT_SECRET_KEY": "bench-jwt-secret-" + "y" * 40, "SAAS_API_KEY": API_KEY,
        "OTP_CIFRADO_CLAVES": Fernet.generate_key().decode(),
        "ADMIN_EMAIL": ADMIN_EMAIL, "ADMIN_PASSWORD": ADMIN_PASSWORD, "LOG_LEVEL": "WARNING",
        "LOG_DIR": str(OUT / "logs"), "LOCATION_RATE_LIMIT_REQUESTS": "100000000",
        "UPLOAD_FOLDER": str(OUT / "uploads"),
        # No worker recycling while measuring: memory growth must show, and restarts would cost throughput.
        "GUNICORN_MAX_REQUESTS": "0",
    })
    env.pop("RATELIMIT_STORAGE_URI", None)
    if redis_ok(REDIS):
        env["RATELIMIT_STORAGE_URI"] = REDIS  # production-like: the limiter shared by every worker
    results: dict[str, dict] = {}
    sizes, urls = {}, {}
    started = time.time()
    load_start = loadavg()
    for label, volume, dbname in (("completa", full, "tratios_bench"), ("pequeña", SMALL, "tratios_bench_small")):
        print(f"==> Base {label}: {volume}", flush=True)
        info = prepare_database(dbname, volume, env, reuse=args.reuse)
        sizes[label] = {**volume, "fill_seconds": round(info["fill_seconds"], 1) if info["fill_seconds"] else None}
        urls[label] = info["url"]
    print("==> Rendimiento en la base completa", flush=True)
    proc, base = start_gunicorn(dict(env, DATABASE_URL=urls["completa"]), args.workers)
    try:
        pids_start = worker_pids(proc)
        results["completa"], plan = measure(base, proc, duration, lists_only=False, env=env)
        results["completa"]["workers"] = len(pids_start)
        results["completa"]["restarted"] = sorted(set(pids_start) ^ set(worker_pids(proc)))
        print("==> Latencia de listas: base completa frente a la pequeña (1 conexión, alternando)", flush=True)
        small_proc, small_base = start_gunicorn(dict(env, DATABASE_URL=urls["pequeña"]), args.workers)
        try:
            results["latencia"] = compare_latency(base, plan, small_base, build_plan(small_base, lists_only=True),
                                                  max(2, duration // 2))
        finally:
            small_proc.terminate()
            small_proc.wait(timeout=30)
        if args.profile:
            write_profiles(proc, base, plan, duration)
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    meta = {"seconds": round(time.time() - started), "load_start": load_start, "load_end": loadavg(),
            "limiter": env.get("RATELIMIT_STORAGE_URI", "memory://")}
    write_results(Path(args.output), args, results, sizes, meta)
    print(Path(args.output).read_text())


def compare_latency(full_base: str, full_plan: dict, small_base: str, small_plan: dict, duration: int,
                    rounds: int = 3) -> dict:
    """p50 of each list with one connection (service time, no queueing), full and small database
    alternated so that a change in the machine's load hits both; the median of the rounds is kept."""
    for path, method, headers, body, _ in small_plan.values():
        run_wrk(small_base, path, method, headers, body, duration=1, connections=2)
    out = {}
    for name, (path, method, headers, body, _) in small_plan.items():
        print(f"   {name} ...", flush=True)
        fpath, fmethod, fheaders, fbody, _ = full_plan[name]
        full_p50, small_p50 = [], []
        for _ in range(rounds):
            full_p50.append(run_wrk(full_base, fpath, fmethod, fheaders, fbody, duration=duration,
                                    connections=1)["p50_ms"])
            small_p50.append(run_wrk(small_base, path, method, headers, body, duration=duration,
                                     connections=1)["p50_ms"])
        out[name] = {"full": sorted(full_p50)[rounds // 2], "small": sorted(small_p50)[rounds // 2],
                     "full_runs": full_p50, "small_runs": small_p50}
    return out


def write_profiles(proc: subprocess.Popen, base: str, plan: dict, duration: int) -> None:
    if not PYSPY.exists():
        print("   (py-spy no instalado: pip install -r requirements-dev.txt)")
        return
    sections = ["# Perfiles (py-spy) de la base completa", "",
                "Generado por `bench/run.py --profile`: muestras de todos los workers de gunicorn mientras wrk "
                "carga cada endpoint. *Inclusivo*: % de las muestras en que la función está en la pila; *propio*: "
                "% en que es la función que se ejecuta (recv_into = esperando a MariaDB).", ""]
    for name, spec in [("health", ("/health", "GET", {}, None, 16)), *plan.items()]:
        print(f"   perfil {name} ...", flush=True)
        sections.append(profile_endpoint(proc, base, name, spec, duration))
    (ROOT / "bench" / "PROFILES.md").write_text("\n".join(sections), encoding="utf-8")


def write_results(path: Path, args, results: dict, sizes: dict, meta: dict) -> None:
    full = results["completa"]
    health = full["health"]
    cmd = " ".join([".venv/bin/python", "bench/run.py", *sys.argv[1:]])
    lines = [
        "# Resultados del benchmark",
        "",
        f"- Fecha: {datetime.now(UTC).isoformat(timespec='seconds')} (duración {meta['seconds']} s)",
        f"- Máquina: {os.cpu_count()} CPU, {platform.platform()}, Python {platform.python_version()}; "
        f"carga media (1/5/15 min) al empezar {meta['load_start']}, al terminar {meta['load_end']}",
        f"- Comando: `{cmd}`",
        f"- Servidor: gunicorn con `gunicorn.conf.py`, {full['workers']} workers; MariaDB; límite de peticiones "
        f"en `{meta['limiter']}`; wrk -t2 -c16 -d{3 if args.quick else args.duration}s por corrida "
        f"(login: -c1)",
        f"- Volumen completo: {sizes['completa']}; pequeño: {sizes['pequeña']}",
        "- /health en la base completa (cada corrida): "
        + ", ".join(f"{h['rps']:.0f}" for h in health) + " req/s",
        "",
        "Cada endpoint se mide entre dos corridas de `/health` y su ratio usa la media de esas dos.",
        "",
        "| endpoint | req/s | p50 ms | p99 ms | /health req/s | ratio | no-2xx | objetivo |",
        "|---|---:|---:|---:|---:|---:|---:|---|",
    ]
    for name, r in full.items():
        if not isinstance(r, dict):
            continue
        ratio = r["rps"] / r["health_rps"] if r["health_rps"] else 0
        key = next((k for k in TARGETS if name.startswith(k)), None)
        goal = f"≥ {TARGETS[key]}x: {'cumple' if ratio >= TARGETS[key] else 'NO cumple'}" if key else ""
        bad = r["non2xx"] + r["errors"]
        lines.append(f"| {name} | {r['rps']:.0f} | {r['p50_ms']:.1f} | {r['p99_ms']:.1f} | {r['health_rps']:.0f} | "
                     f"{ratio:.2f} | {bad} | {goal} |")
    lines += ["", "## Latencia de listas: base completa frente a base de 1.000 tickets (objetivo ≤ 1,5x)", "",
              "p50 con una conexión (tiempo de servicio, sin cola), mediana de 3 rondas que alternan ambas bases "
              "(mismo tipo de consulta; la página media/profunda es la de cada base).", "",
              "| lista | p50 pequeña ms | p50 completa ms | factor | objetivo | rondas completa / pequeña |",
              "|---|---:|---:|---:|---|---|"]
    for name, r in results["latencia"].items():
        factor = r["full"] / r["small"] if r["small"] else 0
        rondas = f"{', '.join(f'{x:.1f}' for x in r['full_runs'])} / {', '.join(f'{x:.1f}' for x in r['small_runs'])}"
        lines.append(f"| {name} | {r['small']:.1f} | {r['full']:.1f} | {factor:.2f} | "
                     f"{'cumple' if factor <= 1.5 else 'NO cumple'} | {rondas} |")
    login = next((r for name, r in full.items() if name.startswith("login")), None)
    if login:
        pares = login["pares"]
        delta = pares["login"] - pares["argon2"]
        lines += ["", "## Login", "",
                  "25 pares alternados desde un mismo proceso (login HTTP sin 2FA, luego una verificación argon2 "
                  f"con el costo configurado): mediana del login {pares['login']:.1f} ms, mediana de argon2 "
                  f"{pares['argon2']:.1f} ms, diferencia {delta:.1f} ms (objetivo ≤ 20 ms: "
                  f"{'cumple' if delta <= 20 else 'NO cumple'}). Con wrk (1 conexión) el p50 del login fue "
                  f"{login['p50_ms']:.1f} ms."]
    growth = [round(b - a, 1) for a, b in zip(full["rss_warm_mb"], full["rss_end_mb"], strict=False)]
    lines += ["", "## Memoria residente de los workers (MB, ordenados)", "",
              f"- al arrancar: {full['rss_boot_mb']}",
              f"- tras el calentamiento (cada endpoint 1 s): {full['rss_warm_mb']}",
              f"- al final de la corrida: {full['rss_end_mb']} (variación desde el calentamiento: {growth})",
              f"- workers reemplazados durante la corrida: {full['restarted'] or 'ninguno'} (GUNICORN_MAX_REQUESTS=0)",
              "", "SQL por petición constante en el tamaño de página: prueba `tests/scale/test_sentencias.py` "
              "(no el benchmark).", ""]
    path.write_text("\n".join(lines), encoding="utf-8")


if __name__ == "__main__":
    main()
