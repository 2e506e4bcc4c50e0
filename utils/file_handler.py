"""Ticket attachments: allow-listed types checked against their leading bytes, random stored names,
temp file + rename, per-file and per-ticket limits, safe downloads (RFC 6266, nosniff).

The client's file name is only kept (cleaned) for display and for `Content-Disposition`; it never
becomes part of a path. Stored files live in `<UPLOAD_FOLDER>/tickets/<ticket_id>/<random>.<ext>`.
"""

from __future__ import annotations

import os
import re
import secrets
import tempfile
import unicodedata
import zipfile
from functools import wraps
from pathlib import Path
from urllib.parse import quote

from flask import current_app, request, send_file
from flask_smorest.fields import Upload

from schemas.base import BaseSchema
from utils.errors import APIError
from utils.logger import AppLogger

MAX_ARCHIVO = 10 * 1024 * 1024
MAX_TICKET = 50 * 1024 * 1024
_CHUNK = 64 * 1024
NOMBRE_ALMACENADO = re.compile(r"^[0-9a-f]{32}\.[a-z0-9]{1,5}$")

log = AppLogger.get("soporte")

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP = (b"PK\x03\x04", b"PK\x05\x06")


def _empieza(*firmas: bytes):
    return lambda cabecera, ruta: any(cabecera.startswith(f) for f in firmas)


def _webp(cabecera: bytes, ruta: Path) -> bool:
    return cabecera[:4] == b"RIFF" and cabecera[8:12] == b"WEBP"


def _zip_con(*prefijos: str):
    """An OOXML/ODF document: a zip whose member names include the format's markers."""

    def check(cabecera: bytes, ruta: Path) -> bool:
        if not cabecera.startswith(_ZIP):
            return False
        try:
            with zipfile.ZipFile(ruta) as archivo:
                nombres = archivo.namelist()
        except (zipfile.BadZipFile, OSError, ValueError):
            return False
        return all(any(n.startswith(p) for n in nombres) for p in prefijos)

    return check


def _zip(cabecera: bytes, ruta: Path) -> bool:
    if not cabecera.startswith(_ZIP):
        return False
    return zipfile.is_zipfile(ruta)


def _texto(cabecera: bytes, ruta: Path) -> bool:
    """Plain text: no NUL bytes and valid UTF-8 (a cut multi-byte sequence at the end is fine)."""
    if b"\x00" in cabecera:
        return False
    try:
        cabecera.decode("utf-8")
    except UnicodeDecodeError as exc:
        return exc.start >= len(cabecera) - 3 and exc.reason == "unexpected end of data"
    return True


# extension -> (MIME type sent back, content check)
PERMITIDOS = {
    "png": ("image/png", _empieza(b"\x89PNG\r\n\x1a\n")),
    "jpg": ("image/jpeg", _empieza(b"\xff\xd8\xff")),
    "jpeg": ("image/jpeg", _empieza(b"\xff\xd8\xff")),
    "gif": ("image/gif", _empieza(b"GIF87a", b"GIF89a")),
    "webp": ("image/webp", _webp),
    "pdf": ("application/pdf", _empieza(b"%PDF-")),
    "doc": ("application/msword", _empieza(_OLE)),
    "xls": ("application/vnd.ms-excel", _empieza(_OLE)),
    "ppt": ("application/vnd.ms-powerpoint", _empieza(_OLE)),
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document",
             _zip_con("[Content_Types].xml", "word/")),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
             _zip_con("[Content_Types].xml", "xl/")),
    "pptx": ("application/vnd.openxmlformats-officedocument.presentationml.presentation",
             _zip_con("[Content_Types].xml", "ppt/")),
    "odt": ("application/vnd.oasis.opendocument.text", _zip_con("mimetype")),
    "ods": ("application/vnd.oasis.opendocument.spreadsheet", _zip_con("mimetype")),
    "txt": ("text/plain; charset=utf-8", _texto),
    "log": ("text/plain; charset=utf-8", _texto),
    "csv": ("text/csv; charset=utf-8", _texto),
    "zip": ("application/zip", _zip),
}


def limpiar_nombre(nombre: str | None) -> str:
    """The client's name for display only: last path component, no control characters, <= 255 chars."""
    nombre = unicodedata.normalize("NFC", nombre or "")
    nombre = re.split(r"[\\/]", nombre)[-1]
    nombre = "".join(c for c in nombre if unicodedata.category(c)[0] != "C").strip().strip(".")
    if not nombre:
        nombre = "archivo"
    if len(nombre) > 255:
        base, _, ext = nombre.rpartition(".")
        nombre = (base[: 250 - len(ext)] + "." + ext) if base and len(ext) <= 5 else nombre[:255]
    return nombre


def extension(nombre: str) -> str:
    _, punto, ext = nombre.rpartition(".")
    return ext.lower() if punto else ""


def carpeta_ticket(ticket_id: int) -> Path:
    return Path(current_app.config["UPLOAD_FOLDER"]).resolve() / "tickets" / str(int(ticket_id))


def _no_existe() -> APIError:
    return APIError(404, "archivo_no_encontrado", "El archivo no existe.")


def ruta_archivo(ticket_id: int, nombre: str) -> Path:
    """Path of a stored file; only names we generated are accepted (else 404)."""
    carpeta = carpeta_ticket(ticket_id)
    ruta = (carpeta / nombre).resolve() if NOMBRE_ALMACENADO.match(nombre or "") else None
    if ruta is None or ruta.parent != carpeta:
        raise _no_existe()
    return ruta


class UploadSchema(BaseSchema):
    """Multipart body of uploads (checked after the 415 test of `require_multipart`)."""

    archivo = Upload(required=True)


def require_multipart(fn):
    """Uploads must be multipart/form-data (415 otherwise), checked before any parsing."""

    @wraps(fn)
    def wrapper(*args, **kwargs):
        if request.mimetype != "multipart/form-data":
            raise APIError(415, "tipo_contenido_no_soportado",
                           "El archivo debe enviarse como multipart/form-data en el campo 'archivo'.")
        return fn(*args, **kwargs)

    return wrapper


_ERRORES_SUBIDA = {403: "La empresa está inactiva (`empresa_inactiva`)",
                   409: "El ticket está cerrado o cancelado (`ticket_cerrado`)"}


def subida(blp, regla: str, respuesta):
    """The upload view of `regla`: `POST` multipart with the file in `archivo` (415 before any parsing),
    answering `201 respuesta` (409 when the ticket no longer takes attachments). The view gets `(files, **path)`."""

    def decorador(func):
        vista = blp.response(201, respuesta)(func)
        vista = blp.arguments(UploadSchema, location="files")(vista)
        return blp.route(regla, methods=["POST"], errores=_ERRORES_SUBIDA)(require_multipart(vista))

    return decorador


class ArchivoGuardado:
    """A validated file already renamed to its final path; `descartar()` removes it (rollback)."""

    def __init__(self, ruta: Path, nombre: str, nombre_original: str, tamano: int, tipo: str):
        self.ruta = ruta
        self.nombre = nombre
        self.nombre_original = nombre_original
        self.tamano = tamano
        self.tipo = tipo

    def descartar(self) -> None:
        try:
            self.ruta.unlink(missing_ok=True)
        except OSError:
            log.error("No se pudo borrar el adjunto huérfano %s", self.ruta.name)


def _almacenamiento_no_disponible(ticket_id: int, carpeta: Path, exc: OSError):
    """Disk full, read-only or missing volume: an operator problem, answered as a clean 503."""
    log.error("No se pudo escribir el adjunto del ticket %s en %s: %s",
                                   ticket_id, carpeta, exc.strerror or exc.__class__.__name__)
    raise APIError(503, "almacenamiento_no_disponible",
                   "No se pudo guardar el archivo en el servidor; intente de nuevo más tarde.") from exc


def guardar_archivo(ticket_id: int, archivo, usado_en_ticket: int) -> ArchivoGuardado:
    """Stream the upload to a temp file in the ticket's folder, check limits and content, rename.

    Raises 413 (size), 422 (extension or content), 503 (disk). The caller creates the DB row and has
    `descartar()` run if that is rolled back (`al_deshacer`): the file and the row exist together or not at all.
    """
    nombre_original = limpiar_nombre(archivo.filename)
    ext = extension(nombre_original)
    if ext not in PERMITIDOS:
        raise APIError(422, "tipo_archivo_no_permitido", "Tipo de archivo no permitido.",
                       details={"archivo": [f"Extensiones permitidas: {', '.join(sorted(PERMITIDOS))}."]})
    carpeta = carpeta_ticket(ticket_id)
    try:
        carpeta.mkdir(parents=True, exist_ok=True)
        fd, temporal = tempfile.mkstemp(prefix=".subida-", suffix=".tmp", dir=carpeta)
    except OSError as exc:
        _almacenamiento_no_disponible(ticket_id, carpeta, exc)
    temporal = Path(temporal)
    try:
        tamano = 0
        cabecera = b""
        with os.fdopen(fd, "wb") as destino:
            while True:
                bloque = archivo.stream.read(_CHUNK)
                if not bloque:
                    break
                tamano += len(bloque)
                if tamano > MAX_ARCHIVO:
                    raise APIError(413, "archivo_demasiado_grande", "El archivo supera el máximo de 10 MB.")
                if len(cabecera) < 8192:
                    cabecera += bloque[: 8192 - len(cabecera)]
                destino.write(bloque)
        if tamano == 0:
            raise APIError(422, "validacion", "Los datos enviados no son válidos.",
                           details={"archivo": ["El archivo está vacío."]})
        if usado_en_ticket + tamano > MAX_TICKET:
            raise APIError(413, "limite_ticket_superado", "Los adjuntos del ticket superarían el máximo de 50 MB.")
        tipo, verificar = PERMITIDOS[ext]
        if not verificar(cabecera, temporal):
            raise APIError(422, "contenido_no_coincide", "El contenido del archivo no corresponde a su extensión.",
                           details={"archivo": [f"El contenido no es un archivo .{ext} válido."]})
        nombre = f"{secrets.token_hex(16)}.{ext}"
        final = carpeta / nombre
        os.replace(temporal, final)
        return ArchivoGuardado(final, nombre, nombre_original, tamano, tipo)
    except OSError as exc:
        temporal.unlink(missing_ok=True)
        _almacenamiento_no_disponible(ticket_id, carpeta, exc)
    except BaseException:
        temporal.unlink(missing_ok=True)
        raise


def content_disposition(nombre_original: str) -> str:
    """RFC 6266 / 5987: an ASCII fallback plus the exact UTF-8 name."""
    ascii_name = unicodedata.normalize("NFKD", nombre_original).encode("ascii", "ignore").decode("ascii")
    ascii_name = re.sub(r'[^A-Za-z0-9._ ()-]', "_", ascii_name).strip() or "archivo"
    return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(nombre_original, safe='')}"


def enviar_archivo(ticket_id: int, registro):
    ruta = ruta_archivo(ticket_id, registro.nombre)
    if not ruta.is_file():
        raise _no_existe()
    # The stored type may carry "; charset=utf-8": Werkzeug adds the charset to text/* itself (only once).
    response = send_file(ruta, mimetype=registro.tipo.split(";")[0].strip(), as_attachment=True,
                         download_name=registro.nombre, max_age=0, conditional=False, etag=False)
    response.headers["Content-Disposition"] = content_disposition(registro.nombre_original)
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Cache-Control"] = "private, no-store"
    return response


def borrar_archivo(ticket_id: int, nombre: str) -> None:
    try:
        ruta_archivo(ticket_id, nombre).unlink(missing_ok=True)
    except OSError:
        log.error("No se pudo borrar el adjunto %s del ticket %s", nombre, ticket_id)
