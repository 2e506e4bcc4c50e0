"""Hardening (issue 14): the findings of the penetration test, each kept fixed by a test a user would notice."""

from __future__ import annotations

import os
import socket
import time
from pathlib import Path

import pytest

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
