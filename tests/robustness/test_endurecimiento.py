"""Hardening (issue 14): the findings of the penetration test, each kept fixed by a test a user would notice."""

from __future__ import annotations

import io
import os
import re
import socket
import stat
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
import redis

import config
from app import create_app
from config import TestConfig
from database.db import db
from extensions import limiter
from models import SoporteTicketArchivo, SoporteTicketComentario

CUERPO_ENORME = 47 * 1024 * 1024
BLOQUE = b'{"email": "a@b.co", "password": "' + b"x" * (64 * 1024 - 34)


# --- finding 1: JSON body limits, on a real gunicorn worker ----------------------------------------------

def _status(pid: int) -> dict[str, str]:
    lineas = Path(f"/proc/{pid}/status").read_text().splitlines()
    return dict(linea.split(":", 1) for linea in lineas if ":" in linea)


def _worker_de(puerto: int) -> int:
    """The pid of the only worker of the gunicorn bound to `puerto` (a child of its master)."""
    marca = f"127.0.0.1:{puerto}".encode()
    propios = []
    for entrada in Path("/proc").iterdir():
        if entrada.name.isdigit():
            try:
                if marca in (entrada / "cmdline").read_bytes():
                    propios.append(int(entrada.name))
            except OSError:
                continue
    workers = [pid for pid in propios if int(_status(pid)["PPid"]) in propios]
    assert len(workers) == 1, propios
    return workers[0]


def _kb(pid: int, campo: str) -> int:
    return int(_status(pid)[campo].split()[0])


def _enviar_hasta_respuesta(puerto: int, cabeceras: bytes, trozos) -> tuple[bytes, float]:
    """Send the headers and then the body piece by piece until the server answers (or closes)."""
    inicio = time.monotonic()
    with socket.create_connection(("127.0.0.1", puerto), timeout=10) as sock:
        sock.sendall(cabeceras)
        sock.setblocking(False)
        respuesta = b""
        for trozo in trozos:
            try:
                respuesta += sock.recv(65536)
            except BlockingIOError:
                pass
            if respuesta:
                break
            try:
                sock.sendall(trozo)
            except (BlockingIOError, BrokenPipeError, ConnectionResetError):
                break
        sock.setblocking(True)
        sock.settimeout(5)
        try:
            while b"\r\n\r\n" not in respuesta:
                parte = sock.recv(65536)
                if not parte:
                    break
                respuesta += parte
        except (ConnectionResetError, TimeoutError):
            pass
        return respuesta, time.monotonic() - inicio


@pytest.mark.parametrize("modo", ["content-length", "chunked"])
def test_json_de_47_mb_es_413_en_menos_de_un_segundo_sin_memoria(gunicorn_server, modo):
    base = gunicorn_server(workers=1)
    puerto = int(base.rsplit(":", 1)[1])
    worker = _worker_de(puerto)
    rss_antes = _kb(worker, "VmHWM")
    if modo == "content-length":
        cabeceras = (f"POST /auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                     f"Content-Length: {CUERPO_ENORME}\r\n\r\n").encode()
        trozos = (BLOQUE for _ in range(CUERPO_ENORME // len(BLOQUE)))
    else:
        cabeceras = (b"POST /auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                     b"Transfer-Encoding: chunked\r\n\r\n")
        trozo = f"{len(BLOQUE):x}\r\n".encode() + BLOQUE + b"\r\n"
        trozos = (trozo for _ in range(CUERPO_ENORME // len(BLOQUE)))
    respuesta, segundos = _enviar_hasta_respuesta(puerto, cabeceras, trozos)
    assert respuesta.startswith(b"HTTP/1.1 413"), respuesta[:300]
    assert b"demasiado_grande" in respuesta or b"Content-Length" in respuesta
    assert segundos < 1, segundos
    assert os.path.exists(f"/proc/{worker}"), "el worker murió"
    crecimiento_mb = (_kb(worker, "VmHWM") - rss_antes) / 1024
    assert crecimiento_mb < 50, crecimiento_mb


def test_json_justo_bajo_el_limite_se_procesa(client, app, monkeypatch):
    monkeypatch.setitem(app.config, "MAX_JSON_BYTES", 4096)
    cuerpo = '{"email": "a@b.co", "password": "' + "x" * 3000 + '"}'
    response = client.post("/auth/login", data=cuerpo, content_type="application/json")
    assert response.status_code == 422, response.get_json()  # parsed and validated: too long a password
    assert "password" in response.get_json()["details"]


def test_json_profundo_de_1_mb_se_rechaza_en_menos_de_un_segundo(client):
    cuerpo = "[" * 500_000 + "]" * 500_000
    inicio = time.monotonic()
    response = client.post("/auth/login", data=cuerpo, content_type="application/json")
    assert time.monotonic() - inicio < 1
    assert response.status_code == 400
    assert response.get_json()["error"] == "json_demasiado_anidado"


def test_corchetes_dentro_de_textos_no_cuentan_como_anidamiento(client):
    cuerpo = '{"email": "a@b.co", "password": "' + "[{" * 400 + '\\"]"}'
    response = client.post("/auth/login", data=cuerpo, content_type="application/json")
    assert response.status_code == 401, response.get_json()


# --- finding 4: preflights, non-ASCII digits, 405, charset, NUL in q, file modes ----------------------------

ORIGEN = "http://localhost:4200"
_PARAM = re.compile(r"<(?:[^:<>]+:)?([^<>]+)>")


def _preflights() -> list:
    app = create_app(TestConfig)
    casos = []
    for rule in app.url_map.iter_rules():
        if rule.endpoint in {"static", "spa.catch_all"} or rule.endpoint.startswith("swagger_ui"):
            continue
        for metodo in sorted(set(rule.methods) - {"HEAD", "OPTIONS"}):
            casos.append(pytest.param(metodo, rule.rule, id=f"{metodo} {rule.rule}"))
    return casos


@pytest.mark.parametrize(("metodo", "regla"), _preflights())
def test_preflight_cors_sin_autenticacion_en_todas_las_rutas(client, world, metodo, regla):
    url = _PARAM.sub(lambda m: "1" if "id" in m.group(1) else "x", regla)
    response = client.options(url, headers={"Origin": ORIGEN, "Access-Control-Request-Method": metodo,
                                            "Access-Control-Request-Headers": "authorization, content-type"})
    assert response.status_code == 200, (response.status_code, response.get_data(as_text=True)[:200])
    assert response.headers["Access-Control-Allow-Origin"] == ORIGEN
    assert metodo in response.headers["Access-Control-Allow-Methods"]


@pytest.mark.parametrize("valor", ["²", "１２", "١٢", "1²", "+1", " 1_0", "0", "9" * 19])
def test_x_empresa_id_con_digitos_no_ascii_es_400(client, world, valor):
    cabeceras = {**world.api_key_a, "X-Empresa-Id": valor.encode().decode("latin-1") if ord(max(valor)) > 255
                 else valor}
    response = client.get("/api/internal/support/status", headers=cabeceras)
    assert response.status_code == 400, response.get_json()
    assert response.get_json()["error"] == "empresa_id_invalido"


@pytest.mark.parametrize("metodo", ["GET", "HEAD"])
def test_get_en_una_ruta_solo_post_es_405_con_allow(client, metodo):
    response = client.open("/auth/login", method=metodo)
    assert response.status_code == 405
    assert response.headers["Allow"] == "POST, OPTIONS"
    if metodo == "GET":
        assert response.get_json()["error"] == "metodo_no_permitido"


def test_405_no_ofrece_el_get_de_la_spa_y_lo_desconocido_sigue_404(client):
    assert client.put("/auth/login", json={}).headers["Allow"] == "POST, OPTIONS"
    assert client.get("/auth/no-existe").status_code == 404
    assert client.post("/admin/no-existe", json={}).status_code == 404


def test_descarga_de_texto_con_un_solo_charset(client, world):
    base = f"/api/internal/support/tickets/{world.a.ticket.id}"
    subida = client.post(f"{base}/upload", headers=world.api_key_a, content_type="multipart/form-data",
                         data={"archivo": (io.BytesIO(b"hola\n"), "nota.txt")})
    assert subida.status_code == 201, subida.get_json()
    nombre = subida.get_json()["archivo"]["nombre"]
    descarga = client.get(f"{base}/archivos/{nombre}", headers=world.api_key_a)
    assert descarga.status_code == 200
    assert descarga.headers["Content-Type"] == "text/plain; charset=utf-8"


@pytest.mark.parametrize("q", ["\x00", "\x00a", "a\x1fb", "\x7f"])
@pytest.mark.parametrize("ruta", ["/admin/empresas", "/admin/usuarios", "/admin/soporte-tickets",
                                  "/admin/soporte-tipos"])
def test_busqueda_con_caracteres_de_control_es_422(client, world, ruta, q):
    response = client.get(ruta, query_string={"q": q}, headers=world.admin_headers)
    assert response.status_code == 422, (response.status_code, response.get_json())
    assert "q" in response.get_json()["details"]


def test_busqueda_normal_sigue_filtrando(client, world):
    response = client.get("/admin/empresas", query_string={"q": world.a.empresa.nombre}, headers=world.admin_headers)
    assert response.status_code == 200
    assert [e["id"] for e in response.get_json()["items"]] == [world.a.empresa.id]


def test_sqlite_y_secretos_de_instance_se_crean_0600(tmp_path, monkeypatch):
    monkeypatch.setattr(config, "INSTANCE_DIR", tmp_path)
    for nombre in ("DATABASE_URL", "DB_HOST", "DB_NAME"):
        monkeypatch.delenv(nombre, raising=False)
    viejo = tmp_path / "secret_key"
    viejo.write_text("s" * 64)
    viejo.chmod(0o644)
    anterior = os.umask(0)
    try:
        url = config.database_url_from_env()
        config._instance_secret("jwt_secret_key")
        config._instance_secret("secret_key")
    finally:
        os.umask(anterior)
    assert url == f"sqlite:///{tmp_path / 'tratios.db'}"
    for nombre in ("tratios.db", "jwt_secret_key", "secret_key"):
        assert stat.S_IMODE((tmp_path / nombre).stat().st_mode) == 0o600, nombre


@pytest.mark.parametrize("nit", ["８９９９９９０６８", "٨٩٩٩٩٩٠٦٨", "899999068-８"])
def test_nit_con_digitos_no_ascii_es_422(client, world, nit):
    response = client.post("/admin/empresas", headers=world.admin_headers, json={"nit": nit, "nombre": "Otra"})
    assert response.status_code == 422, response.get_json()
    assert "nit" in response.get_json()["details"]


# --- rate limits: registration and login per IP, wrong API keys per IP ------------------------------------

@pytest.fixture
def limiter_limpio():
    limiter.reset()
    yield limiter
    limiter.reset()


@pytest.mark.parametrize(("ajuste", "ruta", "cuerpo"), [
    ("AUTH_LOGIN_RATE_LIMIT", "/auth/login", {"email": "nadie@x.co", "password": "Mala-Clave-123"}),
    ("AUTH_REGISTRO_RATE_LIMIT", "/auth/registro", {"email": "no-es-correo"}),
])
def test_registro_y_login_limitados_por_ip(client, app, monkeypatch, limiter_limpio, ajuste, ruta, cuerpo):
    monkeypatch.setitem(app.config, ajuste, "3 per minute")
    otra_ip = {"REMOTE_ADDR": "10.9.9.9"}
    for _ in range(3):
        assert client.post(ruta, json=cuerpo).status_code in {401, 422}
    response = client.post(ruta, json=cuerpo)
    assert response.status_code == 429, response.get_json()
    assert 1 <= int(response.headers["Retry-After"]) <= 60
    assert response.get_json()["error"] == "demasiadas_solicitudes"
    assert client.post(ruta, json=cuerpo, environ_base=otra_ip).status_code in {401, 422}


def test_api_keys_incorrectas_limitadas_por_ip(client, app, world, monkeypatch, limiter_limpio):
    monkeypatch.setitem(app.config, "API_KEY_MAX_FALLOS", 5)
    ruta = "/api/internal/support/status"
    assert client.get(ruta, headers=world.api_key_a).status_code == 200
    codigos = [client.get(ruta, headers=world.bad_api_key).status_code for _ in range(8)]
    assert codigos == [401] * 5 + [429] * 3
    # The right key from that IP waits too, until the minute ends; another IP is not affected.
    response = client.get(ruta, headers=world.api_key_a)
    assert response.status_code == 429
    assert response.get_json()["error"] == "demasiados_fallos_api_key"
    assert 1 <= int(response.headers["Retry-After"]) <= 60
    assert client.get(ruta, headers=world.api_key_a, environ_base={"REMOTE_ADDR": "10.9.9.9"}).status_code == 200
    assert client.get("/api/suscripcion-activa/899999068", headers={"X-API-Key": "mala"}).status_code == 429


def _redis_limpio() -> str:
    url = os.environ.get("REDIS_TEST_URL", "redis://127.0.0.1:6379/15")
    try:
        cliente = redis.Redis.from_url(url, socket_connect_timeout=1)
        cliente.flushdb()  # this run's own database number: no counters left over
    except redis.RedisError as exc:
        pytest.skip(f"Redis no disponible en {url}: {exc}")
    return url


def test_fallos_de_api_key_compartidos_entre_workers(gunicorn_server):
    base = gunicorn_server(workers=2, env={"RATELIMIT_STORAGE_URI": _redis_limpio(), "API_KEY_MAX_FALLOS": "6"})

    def estado() -> int:
        peticion = urllib.request.Request(base + "/api/suscripcion-activa/899999068",  # noqa: S310
                                          headers={"X-API-Key": "mala", "Connection": "close"})
        try:
            with urllib.request.urlopen(peticion, timeout=5) as respuesta:  # noqa: S310
                return respuesta.status
        except urllib.error.HTTPError as error:
            return error.code

    codigos = [estado() for _ in range(10)]
    assert codigos == [401] * 6 + [429] * 4


# --- finding 5: users (and the instance) of a company that is not `activa` cannot write --------------------

def _subida() -> dict:
    return {"archivo": (io.BytesIO(b"hola\n"), "nota.txt")}


@pytest.mark.parametrize("estado", ["inactiva", "pendiente"])
def test_empresa_no_activa_no_escribe_y_status_dice_inactivo(client, world, estado):
    ticket = world.a.ticket.id
    cliente, instancia = world.a.headers, world.api_key_a
    assert client.get("/api/internal/support/status", headers=instancia).get_json()["activo"] is True
    world.a.empresa.estado = estado
    db.session.commit()

    escrituras = [
        client.post("/account/soporte/tickets", headers=cliente, json={"titulo": "t", "descripcion": "d"}),
        client.post(f"/account/soporte/tickets/{ticket}/comentarios", headers=cliente, json={"contenido": "hola"}),
        client.post(f"/account/soporte/tickets/{ticket}/archivos", headers=cliente, data=_subida(),
                    content_type="multipart/form-data"),
        client.post("/api/internal/support/create_tickets", headers=instancia,
                    json={"titulo": "t", "descripcion": "d", "prioridad": "media"}),
        client.post(f"/api/internal/support/tickets/{ticket}/comentarios", headers=instancia,
                    json={"contenido": "hola"}),
        client.post(f"/api/internal/support/tickets/{ticket}/upload", headers=instancia, data=_subida(),
                    content_type="multipart/form-data"),
    ]
    for response in escrituras:
        assert response.status_code == 403, (response.request.path, response.get_json())
        assert response.get_json()["error"] == "empresa_inactiva"
    assert db.session.query(SoporteTicketComentario).filter_by(ticket_id=ticket).count() == 0
    assert db.session.query(SoporteTicketArchivo).filter_by(ticket_id=ticket).count() == 1  # the fixture's

    for ruta, cabeceras in (("/api/internal/support/status", instancia), ("/account/soporte/disponibilidad", cliente)):
        response = client.get(ruta, headers=cabeceras)
        assert response.status_code == 200
        assert response.get_json()["activo"] is False
    # Reading stays possible.
    assert client.get(f"/account/soporte/tickets/{ticket}", headers=cliente).status_code == 200


def test_sin_almacen_del_limitador_las_api_keys_siguen_comprobandose(client, world, monkeypatch):
    class Caido:
        def __getattr__(self, _nombre):
            raise ConnectionError("redis caído")

    monkeypatch.setattr(type(limiter), "limiter", property(lambda _self: Caido()))
    ruta = "/api/internal/support/status"
    assert client.get(ruta, headers=world.bad_api_key).status_code == 401
    assert client.get(ruta, headers=world.api_key_a).status_code == 200
