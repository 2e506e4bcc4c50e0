"""TOTP (RFC 6238: SHA1, 6 digits, 30 s, ±1 step) and single-use backup codes.

A code is accepted at most once: the accepted time step is stored in `otp_last_timestep` with a
conditional UPDATE, so a replay (same or earlier step) fails even under concurrent requests.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
import time
from datetime import UTC, datetime

import pyotp
import segno
import sqlalchemy as sa
from cryptography.fernet import InvalidToken
from flask import current_app

from database.db import db
from models import Usuario
from utils import cifrado

ISSUER = "Tratios"
DIGITOS = 6
PERIODO = 30
VENTANA = 1  # accepted steps on each side of the current one
BACKUP_CODES = 10
_BACKUP_ALFABETO = "abcdefghjkmnpqrstuvwxyz23456789"  # no look-alikes (i/l/1, o/0)
# ASCII only: str.isdigit()/isalnum() accept "١٢٣٤٥٦" or "１２３４５６", and compare_digest raises
# TypeError on non-ASCII str (a 500 instead of "wrong code").
_TOTP_FORMATO = re.compile(rf"[0-9]{{{DIGITOS}}}")
_BACKUP_FORMATO = re.compile(r"[a-z0-9]{10}")


def nuevo_secreto() -> str:
    """160-bit random secret, base32 (32 characters)."""
    return pyotp.random_base32(length=32)


def otpauth_uri(secreto: str, email: str) -> str:
    return pyotp.TOTP(secreto, digits=DIGITOS, interval=PERIODO).provisioning_uri(name=email, issuer_name=ISSUER)


def qr_svg(uri: str) -> str:
    """The otpauth URI as an inline SVG QR code (no external image service)."""
    return segno.make(uri, error="m").svg_inline(scale=4, dark="#000", light="#fff")


def datos_configuracion(secreto: str, email: str) -> dict:
    uri = otpauth_uri(secreto, email)
    return {"secret": secreto, "otpauth_uri": uri, "qr_svg": qr_svg(uri)}


def codigo_totp(secreto: str, paso: int, digitos: int = DIGITOS, digest=hashlib.sha1) -> str:
    """The TOTP code of a time step (RFC 4226 HOTP over the step counter)."""
    return pyotp.HOTP(secreto, digits=digitos, digest=digest).at(paso)


def paso_actual(ahora: float | None = None) -> int:
    return int((time.time() if ahora is None else ahora) // PERIODO)


def paso_que_coincide(secreto: str, codigo: str, ahora: float | None = None) -> int | None:
    """The time step (within ±VENTANA) whose code equals `codigo`, or None."""
    codigo = (codigo or "").strip().replace(" ", "") if isinstance(codigo, str) else ""
    if not _TOTP_FORMATO.fullmatch(codigo) or not secreto:
        return None
    actual = paso_actual(ahora)
    encontrado = None
    for paso in range(actual - VENTANA, actual + VENTANA + 1):
        # Constant-time comparison, and no early exit.
        if hmac.compare_digest(codigo_totp(secreto, paso), codigo):
            encontrado = paso
    return encontrado


def verificar_totp(usuario: Usuario, codigo: str, secreto: str | None = None, ahora: float | None = None) -> bool:
    """Accept a TOTP code once: the step must be newer than the last accepted one (RFC 6238 5.2).

    A conditional UPDATE (committed with the use case): two requests with the same code cannot both win.
    """
    paso = paso_que_coincide(secreto or usuario.otp_secret or "", codigo, ahora)
    if paso is None:
        return False
    resultado = db.session.execute(
        sa.update(Usuario)
        .where(Usuario.id == usuario.id)
        .where(sa.or_(Usuario.otp_last_timestep.is_(None), Usuario.otp_last_timestep < paso))
        .values(otp_last_timestep=paso, otp_last_verified_at=datetime.now(UTC))
        .execution_options(synchronize_session=False)
    )
    if resultado.rowcount != 1:
        return False
    db.session.refresh(usuario)
    return True


# --- backup codes -------------------------------------------------------------------------------

def _normalizar_backup(codigo: str) -> str:
    # Spaces and hyphens are presentation; anything else non-ASCII fails es_formato_backup.
    return re.sub(r"[\s-]", "", codigo or "").lower()


def hash_backup(codigo: str) -> str:
    """Keyed hash (HMAC-SHA256 with SECRET_KEY): codes have ~50 bits of entropy and are rate limited."""
    key = current_app.config["SECRET_KEY"].encode("utf-8")
    return hmac.new(key, b"backup:" + _normalizar_backup(codigo).encode("utf-8"), hashlib.sha256).hexdigest()


def generar_backup_codes() -> tuple[list[str], list[str]]:
    """(codes shown once to the user, hashes to store)."""
    codigos = []
    for _ in range(BACKUP_CODES):
        raw = "".join(secrets.choice(_BACKUP_ALFABETO) for _ in range(10))
        codigos.append(f"{raw[:5]}-{raw[5:]}")
    return codigos, [hash_backup(c) for c in codigos]


def es_formato_backup(codigo: str) -> bool:
    return isinstance(codigo, str) and _BACKUP_FORMATO.fullmatch(_normalizar_backup(codigo)) is not None


def consumir_backup_code(usuario: Usuario, codigo: str) -> bool:
    """Use a backup code once (row lock on the user until the use case commits)."""
    if not es_formato_backup(codigo):
        return False
    fila = db.session.execute(
        sa.select(Usuario).where(Usuario.id == usuario.id).with_for_update()
        .execution_options(populate_existing=True)
    ).scalar_one()
    hashes = list(fila.otp_backup_codes or [])
    buscado = hash_backup(codigo)
    coincidencia = None
    for h in hashes:
        if hmac.compare_digest(h, buscado):
            coincidencia = h
    if coincidencia is None:
        return False
    hashes.remove(coincidencia)
    fila.otp_backup_codes = hashes
    fila.otp_last_verified_at = datetime.now(UTC)
    db.session.flush()
    return True


def verificar_codigo_2fa(usuario: Usuario, codigo: str) -> str | None:
    """A 6-digit TOTP or a backup code. Returns "totp", "backup" or None."""
    limpio = (codigo or "").strip()
    if _TOTP_FORMATO.fullmatch(limpio.replace(" ", "")):
        return "totp" if verificar_totp(usuario, limpio) else None
    return "backup" if consumir_backup_code(usuario, limpio) else None


# --- encryption at rest -------------------------------------------------------------------------

def rotar_clave_secretos() -> dict[str, int]:
    """Re-encrypt every stored TOTP secret with the first key of OTP_CIFRADO_CLAVES (the caller commits).

    Reads the raw column (the ORM type would decrypt it); a token no configured key opens is left as it
    is and counted, so the old key is not dropped while something still needs it.
    """
    tabla = sa.table("usuarios", sa.column("id", sa.Integer), sa.column("otp_secret", sa.String))
    filas = db.session.execute(
        sa.select(tabla.c.id, tabla.c.otp_secret).where(tabla.c.otp_secret.is_not(None))
    ).all()
    resultado = {"recifrados": 0, "ilegibles": 0}
    for id_, token in filas:
        try:
            nuevo = cifrado.recifrar(token)
        except (InvalidToken, UnicodeError):
            resultado["ilegibles"] += 1
            continue
        db.session.execute(sa.update(tabla).where(tabla.c.id == id_).values(otp_secret=nuevo))
        resultado["recifrados"] += 1
    db.session.expire_all()  # loaded users must not keep the old tokens
    return resultado
