"""Signed licences for offline verification: Ed25519 keys on disk (never in the database) and the JWS.

Layout of LICENCIA_CLAVES_DIR (mode 0700): `<kid>.pem` (PKCS#8 private key, mode 0600) and `indice.json`
(`{"claves": [{"kid", "creada", "retirada"}]}`, oldest first). The newest non-retired key signs; every
non-retired key is published in the JWKS, so tokens signed before a rotation keep verifying until the
operator retires their key. `kid` is the RFC 7638 JWK thumbprint of the public key.
"""

from __future__ import annotations

import base64
import fcntl
import hashlib
import json
import os
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from flask import current_app

from schemas.licencias import LicenciaSchema
from services import licencias

EMISOR = "tratios"
INDICE = "indice.json"


class ClaveError(Exception):
    """Key operation refused (unknown kid, retiring the signing key)."""


def _ahora() -> datetime:
    return datetime.now(UTC)


def _b64url(datos: bytes) -> str:
    return base64.urlsafe_b64encode(datos).rstrip(b"=").decode("ascii")


def _directorio() -> Path:
    ruta = Path(current_app.config["LICENCIA_CLAVES_DIR"])
    ruta.mkdir(mode=0o700, parents=True, exist_ok=True)
    os.chmod(ruta, 0o700)
    return ruta


@contextmanager
def _bloqueo(ruta: Path):
    """Serialise key creation/rotation between processes (several gunicorn workers on first use)."""
    with open(ruta / ".lock", "a") as archivo:
        fcntl.flock(archivo, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(archivo, fcntl.LOCK_UN)


def _x_publica(privada: Ed25519PrivateKey) -> str:
    return _b64url(privada.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw))


def _thumbprint(x: str) -> str:
    # RFC 7638: required members in lexicographic order, no whitespace.
    canon = json.dumps({"crv": "Ed25519", "kty": "OKP", "x": x}, separators=(",", ":"), sort_keys=True)
    return _b64url(hashlib.sha256(canon.encode("ascii")).digest())


def _leer_indice(ruta: Path) -> list[dict]:
    archivo = ruta / INDICE
    if not archivo.exists():
        return []
    return json.loads(archivo.read_text(encoding="utf-8"))["claves"]


def _escribir_indice(ruta: Path, claves: list[dict]) -> None:
    temporal = ruta / f".{INDICE}.tmp"
    temporal.write_text(json.dumps({"claves": claves}, indent=2), encoding="utf-8")
    os.replace(temporal, ruta / INDICE)  # atomic: readers never see half an index


def _crear_clave(ruta: Path, claves: list[dict]) -> str:
    privada = Ed25519PrivateKey.generate()
    kid = _thumbprint(_x_publica(privada))
    pem = privada.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                serialization.NoEncryption())
    # Created 0600 from the start (no window where the file is readable by others).
    fd = os.open(ruta / f"{kid}.pem", os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as archivo:
        archivo.write(pem)
    claves.append({"kid": kid, "creada": _ahora().isoformat(), "retirada": None})
    _escribir_indice(ruta, claves)
    return kid


def _activas(claves: list[dict]) -> list[dict]:
    return [c for c in claves if not c["retirada"]]


def _cargar(ruta: Path, kid: str) -> Ed25519PrivateKey:
    return serialization.load_pem_private_key((ruta / f"{kid}.pem").read_bytes(), password=None)


def claves() -> list[dict]:
    """Index entries, oldest first, creating the first key if there is none."""
    ruta = _directorio()
    existentes = _leer_indice(ruta)
    if _activas(existentes):
        return existentes
    with _bloqueo(ruta):
        existentes = _leer_indice(ruta)
        if not _activas(existentes):
            _crear_clave(ruta, existentes)
        return existentes


def clave_actual() -> str:
    """kid of the signing key (the newest non-retired one)."""
    return _activas(claves())[-1]["kid"]


def rotar_clave() -> str:
    """Add a new signing key; previous keys stay published until retired."""
    ruta = _directorio()
    claves()
    with _bloqueo(ruta):
        return _crear_clave(ruta, _leer_indice(ruta))


def retirar_clave(kid: str) -> None:
    """Stop publishing `kid`: tokens it signed no longer verify. The signing key cannot be retired."""
    ruta = _directorio()
    claves()
    with _bloqueo(ruta):
        existentes = _leer_indice(ruta)
        entrada = next((c for c in existentes if c["kid"] == kid), None)
        if entrada is None:
            raise ClaveError(f"No existe la clave {kid}.")
        if entrada["retirada"]:
            raise ClaveError(f"La clave {kid} ya está retirada.")
        if _activas(existentes)[-1]["kid"] == kid:
            raise ClaveError(f"La clave {kid} es la que firma: ejecute primero `flask licencias rotar-clave`.")
        entrada["retirada"] = _ahora().isoformat()
        _escribir_indice(ruta, existentes)


def jwks() -> dict:
    """Public keys of every non-retired key (RFC 8037 OKP)."""
    ruta = _directorio()
    publicas = []
    for entrada in _activas(claves()):
        publicas.append({"kty": "OKP", "crv": "Ed25519", "x": _x_publica(_cargar(ruta, entrada["kid"])),
                         "kid": entrada["kid"], "use": "sig", "alg": "EdDSA"})
    return {"keys": publicas}


def licencia_firmada(nit: str) -> dict:
    """`{token, expira}`: the license answer of `nit` (404 if unknown) signed with the current key."""
    licencia = LicenciaSchema().dump(licencias.licencia_por_nit(nit))
    kid = clave_actual()
    iat = _ahora().replace(microsecond=0)
    expira = iat + timedelta(hours=current_app.config["LICENCIA_TOKEN_HORAS"])
    claims = {"iss": EMISOR, "sub": licencia["empresa"]["nit"], "iat": iat, "nbf": iat, "exp": expira,
              "gracia_dias": current_app.config["LICENCIA_GRACIA_DIAS"], "licencia": licencia}
    token = jwt.encode(claims, _cargar(_directorio(), kid), algorithm="EdDSA", headers={"kid": kid})
    return {"token": token, "expira": expira}
