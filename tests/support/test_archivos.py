"""Attachments: limits, content checks, random names, traversal, tenant isolation, download headers."""

from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path

import pytest

from database.db import db
from models import SoporteTicketArchivo
from services import auditoria
from utils import file_handler

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n"


def _docx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def _zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("log.txt", "hola")
    return buffer.getvalue()


@pytest.fixture
def ticket(contrato, nuevo_ticket):
    c = contrato("mensual")
    return nuevo_ticket(c.empresa_id).json["ticket"]


def _subir(api, ticket, contenido: bytes, nombre: str, empresa_id=None):
    return api("POST", f"/tickets/{ticket['id']}/upload", empresa_id or ticket["empresa_id"],
               data={"archivo": (io.BytesIO(contenido), nombre)}, content_type="multipart/form-data")


def _carpeta(app, ticket_id) -> Path:
    return Path(app.config["UPLOAD_FOLDER"]) / "tickets" / str(ticket_id)


@pytest.mark.parametrize("contenido,nombre,tipo", [
    (PNG, "captura.png", "image/png"),
    (b"\xff\xd8\xff\xe0" + b"\x00" * 10, "foto.JPG", "image/jpeg"),
    (PDF, "factura.pdf", "application/pdf"),
    (_docx(), "informe.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    (_zip(), "logs.zip", "application/zip"),
    ("línea 1\nerror ñ\n".encode(), "app.log", "text/plain; charset=utf-8"),
])
def test_subir_y_descargar(app, api, ticket, contenido, nombre, tipo):
    r = _subir(api, ticket, contenido, nombre)
    assert r.status_code == 201, r.json
    archivo = r.json["archivo"]
    assert archivo["nombre_original"] == nombre and archivo["tamano"] == len(contenido) and archivo["tipo"] == tipo
    assert archivo["nombre"] != nombre and file_handler.NOMBRE_ALMACENADO.match(archivo["nombre"])
    assert (_carpeta(app, ticket["id"]) / archivo["nombre"]).read_bytes() == contenido
    # no temporary files left behind
    assert [p.name for p in _carpeta(app, ticket["id"]).iterdir()] == [archivo["nombre"]]

    d = api("GET", f"/tickets/{ticket['id']}/archivos/{archivo['nombre']}", ticket["empresa_id"])
    assert d.status_code == 200 and d.data == contenido
    assert d.headers["X-Content-Type-Options"] == "nosniff"
    assert d.headers["Content-Disposition"].startswith("attachment;")
    assert "filename*=UTF-8''" in d.headers["Content-Disposition"]
    detalle = api("GET", f"/ticket_id/{ticket['id']}", ticket["empresa_id"]).json
    assert [a["nombre"] for a in detalle["ticket"]["archivos"]] == [archivo["nombre"]]


def test_nombre_unicode_rfc6266(api, ticket):
    r = _subir(api, ticket, PDF, "cotización final;v2.pdf")
    nombre = r.json["archivo"]["nombre"]
    d = api("GET", f"/tickets/{ticket['id']}/archivos/{nombre}", ticket["empresa_id"])
    cd = d.headers["Content-Disposition"]
    assert "filename*=UTF-8''cotizaci%C3%B3n%20final%3Bv2.pdf" in cd
    assert 'filename="cotizacion final_v2.pdf"' in cd


@pytest.mark.parametrize("contenido,nombre,error", [
    (b"MZ\x90\x00", "programa.exe", "tipo_archivo_no_permitido"),
    (b"<svg onload=alert(1)></svg>", "dibujo.svg", "tipo_archivo_no_permitido"),
    (b"<html><script>x</script></html>", "pagina.html", "tipo_archivo_no_permitido"),
    (b"sin extension", "LEEME", "tipo_archivo_no_permitido"),
    (b"MZ\x90\x00 ejecutable", "foto.png", "contenido_no_coincide"),
    (b"<html>no soy pdf</html>", "doc.pdf", "contenido_no_coincide"),
    (_zip(), "informe.docx", "contenido_no_coincide"),
    (b"PK\x03\x04 roto", "x.zip", "contenido_no_coincide"),
    (b"\x00\x01\x02binario", "notas.txt", "contenido_no_coincide"),
])
def test_contenido_rechazado(app, api, ticket, contenido, nombre, error):
    r = _subir(api, ticket, contenido, nombre)
    assert r.status_code == 422 and r.json["error"] == error
    assert db.session.query(SoporteTicketArchivo).count() == 0
    carpeta = _carpeta(app, ticket["id"])
    assert not carpeta.exists() or list(carpeta.iterdir()) == []


def test_archivo_vacio_422(api, ticket):
    assert _subir(api, ticket, b"", "vacio.txt").status_code == 422


@pytest.mark.parametrize("nombre", ["../../etc/passwd.txt", "..\\..\\win.ini.txt", "/etc/cron.d/x.txt",
                                    "a/../../b.txt", "\x00evil.txt"])
def test_path_traversal_en_nombre(app, api, ticket, tmp_path, nombre):
    r = _subir(api, ticket, b"hola", nombre)
    assert r.status_code == 201
    archivo = r.json["archivo"]
    assert "/" not in archivo["nombre_original"] and "\\" not in archivo["nombre_original"]
    assert (_carpeta(app, ticket["id"]) / archivo["nombre"]).is_file()
    raiz = Path(app.config["UPLOAD_FOLDER"]).resolve()
    for actual, _, files in os.walk(raiz):
        for f in files:
            assert (Path(actual) / f).resolve().is_relative_to(raiz)


@pytest.mark.parametrize("filename", ["..%2F..%2Fetc%2Fpasswd", "../conftest.py", "x.png",
                                      "0123456789abcdef0123456789abcdef.png"])
def test_descarga_nombre_invalido_404(api, ticket, filename):
    r = api("GET", f"/tickets/{ticket['id']}/archivos/{filename}", ticket["empresa_id"])
    assert r.status_code == 404


def test_limite_por_archivo_413(api, ticket):
    grande = b"a" * (file_handler.MAX_ARCHIVO + 1)
    r = _subir(api, ticket, grande, "grande.txt")
    assert r.status_code == 413
    assert db.session.query(SoporteTicketArchivo).count() == 0


def test_limite_por_ticket_413(app, api, ticket, monkeypatch):
    monkeypatch.setattr(file_handler, "MAX_TICKET", 100)
    assert _subir(api, ticket, b"a" * 60, "uno.txt").status_code == 201
    r = _subir(api, ticket, b"b" * 41, "dos.txt")
    assert r.status_code == 413 and r.json["error"] == "limite_ticket_superado"
    assert _subir(api, ticket, b"c" * 40, "tres.txt").status_code == 201
    assert db.session.query(SoporteTicketArchivo).count() == 2
    assert len(list(_carpeta(app, ticket["id"]).iterdir())) == 2


def test_cuerpo_mayor_que_max_content_length_413(api, ticket, app, monkeypatch):
    monkeypatch.setitem(app.config, "MAX_CONTENT_LENGTH", 1000)
    r = _subir(api, ticket, b"a" * 2000, "grande.txt")
    assert r.status_code == 413


def test_no_multipart_415_y_campo_faltante_422(api, ticket):
    r = api("POST", f"/tickets/{ticket['id']}/upload", ticket["empresa_id"], json={"archivo": "x"})
    assert r.status_code == 415
    r = api("POST", f"/tickets/{ticket['id']}/upload", ticket["empresa_id"],
            data={"otro": (io.BytesIO(PNG), "a.png")}, content_type="multipart/form-data")
    assert r.status_code == 422
    r = api("POST", f"/tickets/{ticket['id']}/upload", ticket["empresa_id"], data={},
            content_type="multipart/form-data")
    assert r.status_code == 422


def test_db_falla_no_deja_archivo(app, client, admin_headers, ticket, monkeypatch):
    """If the row cannot be stored, the file already renamed is removed (rollback of the unit of work)."""

    def roto(*a, **kw):
        raise RuntimeError("fallo simulado")

    with monkeypatch.context() as m:
        m.setattr(auditoria, "registrar", roto)
        r = client.post(f"/admin/soporte-tickets/{ticket['id']}/archivos", headers=admin_headers,
                        data={"archivo": (io.BytesIO(PNG), "a.png")}, content_type="multipart/form-data")
    assert r.status_code == 500
    assert db.session.query(SoporteTicketArchivo).count() == 0
    carpeta = _carpeta(app, ticket["id"])
    assert not carpeta.exists() or list(carpeta.iterdir()) == []


def test_borrar_adjunto_fallido_conserva_el_archivo(app, client, admin_headers, ticket, monkeypatch):
    """The file of a deleted attachment leaves the disk only once the delete is stored."""
    url = f"/admin/soporte-tickets/{ticket['id']}/archivos"
    nombre = client.post(url, headers=admin_headers, data={"archivo": (io.BytesIO(PDF), "acta.pdf")},
                         content_type="multipart/form-data").json["nombre"]

    def roto(*a, **kw):
        raise RuntimeError("fallo simulado")

    with monkeypatch.context() as m:
        m.setattr(auditoria, "registrar", roto)
        assert client.delete(f"{url}/{nombre}", headers=admin_headers).status_code == 500
    assert (_carpeta(app, ticket["id"]) / nombre).is_file()
    assert db.session.query(SoporteTicketArchivo).count() == 1


def test_admin_subir_descargar_borrar(app, client, admin_headers, ticket):
    url = f"/admin/soporte-tickets/{ticket['id']}/archivos"
    assert client.post(url, headers=admin_headers, json={"archivo": "x"}).status_code == 415
    r = client.post(url, headers=admin_headers, data={"archivo": (io.BytesIO(PDF), "acta.pdf")},
                    content_type="multipart/form-data")
    assert r.status_code == 201
    nombre = r.json["nombre"]
    d = client.get(f"{url}/{nombre}", headers=admin_headers)
    assert d.status_code == 200 and d.data == PDF
    assert client.delete(f"{url}/{nombre}", headers=admin_headers).status_code == 204
    assert not (_carpeta(app, ticket["id"]) / nombre).exists()
    assert db.session.query(SoporteTicketArchivo).count() == 0
    assert client.get(f"{url}/{nombre}", headers=admin_headers).status_code == 404
    assert client.delete(f"{url}/{nombre}", headers=admin_headers).status_code == 404


def test_ticket_cerrado_no_admite_adjuntos(api, ticket, client, admin_headers):
    client.post(f"/admin/soporte-tickets/{ticket['id']}/cancelar", headers=admin_headers)
    assert _subir(api, ticket, PNG, "a.png").status_code == 409


def test_limpiar_nombre():
    assert file_handler.limpiar_nombre("../../a/b\\c.txt") == "c.txt"
    assert file_handler.limpiar_nombre("..") == "archivo"
    assert file_handler.limpiar_nombre("a\x00b\n.txt") == "ab.txt"
    assert len(file_handler.limpiar_nombre("x" * 400 + ".pdf")) <= 255
    assert file_handler.limpiar_nombre("x" * 400 + ".pdf").endswith(".pdf")
