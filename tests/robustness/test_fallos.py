"""Fault injection: database unreachable (and back), SMTP down, a failed upload write, and an exception in
the middle of every multi-row write. The answer is always the JSON envelope and nothing partial remains."""

from __future__ import annotations

import errno
import io
import json
import os
import time
import urllib.error
import urllib.request
from datetime import date, timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import make_url

from app import create_app
from database.db import db
from models import (
    AuditLog,
    CodigoVerificacion,
    Empresa,
    SoportePago,
    SoporteSuscripcion,
    SoporteTicket,
    SoporteTicketArchivo,
    Suscripcion,
    Usuario,
)
from tests.conftest import free_port, requires_mysql
from tests.robustness.proxy import TCPProxy


class Fallo(RuntimeError):
    """The injected fault."""


def _boom(*_args, **_kwargs):
    raise Fallo("fallo inyectado")


def _json_error(response, status: int) -> dict:
    assert response.status_code == status, (response.status_code, response.get_data(as_text=True)[:300])
    cuerpo = response.get_json()
    assert set(cuerpo) >= {"error", "message"}
    assert "Traceback" not in response.get_data(as_text=True)
    return cuerpo


def _fresco():
    db.session.rollback()
    db.session.expire_all()


# --- database unreachable ----------------------------------------------------------------------

def test_sqlite_inalcanzable_503_y_se_recupera_sin_reiniciar(test_config, tmp_path):
    """SQLite file in a folder that does not exist yet: 503 everywhere; create it and the same app answers."""
    carpeta = tmp_path / "volumen"
    config = type("SinDisco", (test_config,), {"SQLALCHEMY_DATABASE_URI": f"sqlite:///{carpeta / 'app.db'}"})
    aplicacion = create_app(config)
    cliente = aplicacion.test_client()

    salud = cliente.get("/health")
    assert salud.status_code == 503
    assert salud.get_json() == {"status": "error", "database": "unreachable"}
    for path in ("/public/planes", "/public/empresas/1", "/api/planes"):
        assert _json_error(cliente.get(path), 503)["error"] == "base_de_datos_no_disponible"
    login = cliente.post("/auth/login", json={"email": "a@b.co", "password": "Clave-Segura-123"})
    assert _json_error(login, 503)["error"] == "base_de_datos_no_disponible"

    carpeta.mkdir()
    with aplicacion.app_context():
        db.create_all()
    assert cliente.get("/health").get_json() == {"status": "ok", "database": "ok"}
    assert cliente.get("/public/planes").status_code == 200
    with aplicacion.app_context():
        db.engine.dispose()


@requires_mysql
@pytest.mark.slow
def test_mariadb_inalcanzable_con_gunicorn_503_y_recuperacion(gunicorn_server, database_url, make, auth_headers):
    """A real gunicorn (4 workers) reaches MariaDB through a proxy the test cuts and restores."""
    url = make_url(database_url)
    proxy = TCPProxy(url.host or "127.0.0.1", url.port or 3306).start()
    try:
        admin = make.usuario(rol="admin", email="admin.fallos@tratios.co")
        headers = auth_headers(admin)
        base = gunicorn_server(workers=4, env={"DATABASE_URL": url.set(host="127.0.0.1", port=proxy.port)
                                               .render_as_string(hide_password=False)})

        def get(path: str, **hdrs) -> tuple[int, dict]:
            request = urllib.request.Request(base + path, headers=hdrs)  # noqa: S310 - http://127.0.0.1 only
            try:
                with urllib.request.urlopen(request, timeout=15) as response:  # noqa: S310 - local test server
                    return response.status, json.loads(response.read())
            except urllib.error.HTTPError as error:
                assert error.headers.get_content_type() == "application/json"
                return error.code, json.loads(error.read())

        for _ in range(8):  # warm every worker's pool
            assert get("/admin/empresas", **headers)[0] == 200
        proxy.stop()
        for _ in range(8):
            status, cuerpo = get("/health")
            assert (status, cuerpo) == (503, {"status": "error", "database": "unreachable"})
            status, cuerpo = get("/admin/empresas", **headers)
            assert status == 503 and cuerpo["error"] == "base_de_datos_no_disponible", cuerpo
            status, cuerpo = get("/public/planes")
            assert status == 503 and cuerpo["error"] == "base_de_datos_no_disponible", cuerpo
        proxy.start()  # same port: the database is back, gunicorn was never restarted
        deadline = time.monotonic() + 20
        while get("/health")[0] != 200:
            assert time.monotonic() < deadline, "no se recuperó en 20 s"
            time.sleep(0.2)
        for _ in range(12):
            assert get("/health") == (200, {"status": "ok", "database": "ok"})
            assert get("/admin/empresas", **headers)[0] == 200
    finally:
        proxy.stop()


# --- SMTP down -----------------------------------------------------------------------------------

def test_smtp_caido_503_y_ningun_codigo_guardado(client, world, app, monkeypatch):
    monkeypatch.setitem(app.config, "MAIL_BACKEND", "smtp")
    monkeypatch.setitem(app.config, "SMTP_SERVER", "127.0.0.1")
    monkeypatch.setitem(app.config, "SMTP_PORT", free_port())  # nothing listens there
    monkeypatch.setitem(app.config, "SMTP_TIMEOUT", 2)
    response = client.post("/account/password/request-code", headers=world.a.headers)
    assert _json_error(response, 503)["error"] == "correo_no_enviado"
    _fresco()
    assert db.session.query(CodigoVerificacion).count() == 0


def test_smtp_sin_configurar_503(client, world, app, monkeypatch):
    monkeypatch.setitem(app.config, "MAIL_BACKEND", "smtp")
    monkeypatch.setitem(app.config, "SMTP_SERVER", None)
    response = client.post("/account/password/request-code", headers=world.a.headers)
    assert _json_error(response, 503)["error"] == "correo_no_configurado"
    assert db.session.query(CodigoVerificacion).count() == 0


# --- uploads ----------------------------------------------------------------------------------------

def _subir(client, world):
    return client.post(f"/api/internal/support/tickets/{world.a.ticket.id}/upload", headers=world.api_key_a,
                       data={"archivo": (io.BytesIO(b"hola mundo\n"), "nota.txt")}, content_type="multipart/form-data")


def _archivos_en_disco(app) -> set[str]:
    raiz = Path(app.config["UPLOAD_FOLDER"])
    return {str(p.relative_to(raiz)) for p in raiz.rglob("*") if p.is_file()}


@pytest.mark.parametrize("donde", ["os.replace", "tempfile.mkstemp"])
def test_escritura_de_adjunto_fallida(client, world, app, monkeypatch, donde):
    """Disk full while writing: JSON 503, no ticket-file row, no stray (temporary) file."""
    antes = _archivos_en_disco(app)

    def disco_lleno(*_args, **_kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(f"utils.file_handler.{donde}", disco_lleno)
    response = _subir(client, world)
    assert _json_error(response, 503)["error"] == "almacenamiento_no_disponible"
    _fresco()
    assert db.session.query(SoporteTicketArchivo).count() == 2
    assert _archivos_en_disco(app) == antes


def test_fallo_de_la_base_tras_escribir_el_adjunto_borra_el_archivo(client, world, app, monkeypatch):
    antes = _archivos_en_disco(app)
    monkeypatch.setattr("sqlalchemy.orm.Session.commit", _boom)  # the row insert fails after the file is in place
    response = _subir(client, world)
    _json_error(response, 500)
    monkeypatch.undo()
    _fresco()
    assert db.session.query(SoporteTicketArchivo).count() == 2
    assert _archivos_en_disco(app) == antes


def test_carpeta_de_subidas_sin_permiso_de_escritura(client, world, app):
    if os.geteuid() == 0:
        pytest.skip("root ignora los permisos de archivo")
    carpeta = Path(app.config["UPLOAD_FOLDER"]) / "tickets" / str(world.a.ticket.id)
    carpeta.chmod(0o500)
    try:
        assert _json_error(_subir(client, world), 503)["error"] == "almacenamiento_no_disponible"
    finally:
        carpeta.chmod(0o700)
    assert db.session.query(SoporteTicketArchivo).count() == 2


# --- exceptions in the middle of multi-row writes ----------------------------------------------------

def test_registro_publico_sin_filas_parciales(client, make, monkeypatch):
    plan = make.plan()
    monkeypatch.setattr("services.registro.crear_suscripcion", _boom)  # after empresa and usuario are flushed
    response = client.post("/public/suscripcion", json={
        "empresa": {"nit": make.nit_valido(), "nombre": "Nueva S.A.S.", "contacto": "c@nueva.co"},
        "usuario": {"nombre": "Ana", "email": "ana@nueva.co", "password": "Clave-Segura-123"},
        "plan_id": plan.id, "periodo": "mensual",
    })
    _json_error(response, 500)
    _fresco()
    assert db.session.query(Empresa).count() == 0
    assert db.session.query(Usuario).count() == 0
    assert db.session.query(Suscripcion).count() == 0


def _audit_falla_en(monkeypatch, accion: str):
    from services import auditoria

    original = auditoria.registrar

    def registrar(accion_actual, *args, **kwargs):
        if accion_actual == accion:
            raise Fallo(f"fallo inyectado en {accion}")
        return original(accion_actual, *args, **kwargs)

    monkeypatch.setattr(auditoria, "registrar", registrar)


def test_renovacion_de_suscripcion_sin_cambios_parciales(client, world, monkeypatch):
    suscripcion = world.a.suscripcion
    antes = (suscripcion.fecha_fin, suscripcion.estado, suscripcion.precio_pagado, world.a.empresa.plan)
    _audit_falla_en(monkeypatch, "renovar")
    response = client.post(f"/admin/suscripciones/{suscripcion.id}/renovar", json={}, headers=world.admin_headers)
    _json_error(response, 500)
    _fresco()
    s = db.session.get(Suscripcion, suscripcion.id)
    assert (s.fecha_fin, s.estado, s.precio_pagado, s.empresa.plan) == antes
    assert db.session.query(AuditLog).count() == 1  # only the fixture's entry


def test_renovacion_de_soporte_sin_cambios_parciales(client, world, monkeypatch):
    contrato = world.a.contrato
    contrato.fecha_inicio = date.today() - timedelta(days=20)
    contrato.tickets_consumidos = 3
    db.session.execute(sa.update(SoporteTicket).values(consumio_cupo=True))
    db.session.commit()
    antes = (contrato.fecha_inicio, contrato.fecha_fin, contrato.tickets_consumidos, contrato.estado)
    _audit_falla_en(monkeypatch, "renovar")
    response = client.post(f"/admin/soporte-suscripciones/{contrato.id}/renovar", json={},
                           headers=world.admin_headers)
    _json_error(response, 500)
    _fresco()
    c = db.session.get(SoporteSuscripcion, contrato.id)
    assert (c.fecha_inicio, c.fecha_fin, c.tickets_consumidos, c.estado) == antes
    assert all(t.consumio_cupo for t in db.session.query(SoporteTicket).all())
    assert db.session.query(AuditLog).count() == 1


def test_activacion_por_pago_sin_filas_parciales(client, world, monkeypatch):
    contrato = world.a.contrato
    contrato.estado = "pendiente_pago"
    db.session.commit()
    _audit_falla_en(monkeypatch, "activar")  # after the payment row and its audit entry are flushed
    response = client.post("/admin/soporte-pagos", headers=world.admin_headers,
                           json={"soporte_suscripcion_id": contrato.id, "monto": 150000, "estado": "exitoso"})
    _json_error(response, 500)
    _fresco()
    assert db.session.get(SoporteSuscripcion, contrato.id).estado == "pendiente_pago"
    assert db.session.query(SoportePago).count() == 2  # the fixtures' pending payments only
    assert db.session.query(AuditLog).count() == 1
    # Without the fault the same request activates the contract.
    monkeypatch.undo()
    ok = client.post("/admin/soporte-pagos", headers=world.admin_headers,
                     json={"soporte_suscripcion_id": contrato.id, "monto": 150000, "estado": "exitoso"})
    assert ok.status_code == 201, ok.get_json()
    _fresco()
    assert db.session.get(SoporteSuscripcion, contrato.id).estado == "activo"
