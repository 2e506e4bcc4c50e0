"""Encryption at rest of small secrets (the TOTP secrets): Fernet with a rotatable list of keys.

`OTP_CIFRADO_CLAVES` (config.py): one or more Fernet keys separated by commas; the first encrypts, all
decrypt (MultiFernet), so a new key is put first, `flask otp rotar-clave` re-encrypts every secret with it
and the old key is removed afterwards. `SecretoCifrado` is the column type: the code keeps reading and
writing `usuario.otp_secret` in clear, the database only holds Fernet tokens.
"""

from __future__ import annotations

import logging

import sqlalchemy as sa
from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from flask import current_app
from sqlalchemy.types import TypeDecorator

log = logging.getLogger("tratios.auth")

LONGITUD_COLUMNA = 255  # a Fernet token of a 32-character secret is 140 characters

_cache: dict[str, MultiFernet] = {}


def claves(valor: str | None) -> list[str]:
    """The keys of an `OTP_CIFRADO_CLAVES` value, in order (blank items ignored)."""
    return [c.strip() for c in (valor or "").split(",") if c.strip()]


def multifernet(valor: str | None = None) -> MultiFernet:
    """The MultiFernet of `valor` (default: the app's `OTP_CIFRADO_CLAVES`); ValueError if it has no valid key."""
    valor = current_app.config.get("OTP_CIFRADO_CLAVES") if valor is None else valor
    if valor not in _cache:
        lista = claves(valor)
        if not lista:
            raise ValueError("OTP_CIFRADO_CLAVES está vacía")
        _cache[valor] = MultiFernet([Fernet(c.encode("ascii")) for c in lista])  # ValueError if malformed
    return _cache[valor]


def cifrar(texto: str) -> str:
    return multifernet().encrypt(texto.encode("utf-8")).decode("ascii")


def descifrar(token: str) -> str:
    """InvalidToken if no configured key opened it (or it is not a Fernet token)."""
    return multifernet().decrypt(token.encode("ascii")).decode("utf-8")


def recifrar(token: str) -> str:
    """The same secret encrypted with the first key (MultiFernet.rotate)."""
    return multifernet().rotate(token.encode("ascii")).decode("ascii")


class SecretoCifrado(TypeDecorator):
    """A string stored as a Fernet token; read back in clear.

    A value no configured key can open (key removed too early, data copied from another install) reads as
    None and is logged (without the value): the user's TOTP then fails closed instead of every query that
    loads the user answering 500.
    """

    impl = sa.String(LONGITUD_COLUMNA)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        return cifrar(value)

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        try:
            return descifrar(value)
        except (InvalidToken, ValueError, UnicodeError):
            log.error("Un secreto cifrado no se pudo descifrar con OTP_CIFRADO_CLAVES (¿se retiró una clave?)")
            return None
