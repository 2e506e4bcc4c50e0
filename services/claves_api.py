"""Instance API keys: issue, list, rotate (with a grace window), revoke, and verify on use.

A key is `trt_<prefijo>_<secreto>`; only sha256(secreto) is stored. `verificar` finds the row by its
prefix and compares digests in constant time. The key in use is kept on `g.clave_api` (None for the
legacy SAAS_API_KEY: every company, every permission) so `en_alcance` can confine company look-ups.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import timedelta

import sqlalchemy as sa
from flask import g, has_request_context

from database.db import db
from models import ClaveApi, Empresa
from models.base import utcnow
from services import confirmar, obtener_o_404
from services.auditoria import auditar, snapshot
from services.listados import consulta
from utils.errors import APIError

PREFIJO = "trt_"
# Audited fields: never the digests.
CAMPOS = ("nombre", "prefijo", "empresas", "permisos", "revocada", "revocada_at", "anterior_expira")
USO_CADA = timedelta(minutes=1)


def _foto(clave):
    return snapshot(clave, CAMPOS)


def _digest(secreto: str) -> str:
    return hashlib.sha256(secreto.encode("utf-8")).hexdigest()


def _nuevo_secreto() -> str:
    return secrets.token_urlsafe(32)  # 32 random bytes


def listar(args: dict) -> sa.Select:
    return consulta(ClaveApi, args, buscar=(ClaveApi.nombre, ClaveApi.prefijo), filtros=("revocada",))


def obtener(clave_id: int) -> ClaveApi:
    return obtener_o_404(ClaveApi, clave_id)


def _exigir_empresas(ids: list[int] | None) -> list[int] | None:
    if ids is None:
        return None
    ids = list(dict.fromkeys(ids))
    existentes = set(db.session.scalars(sa.select(Empresa.id).where(Empresa.id.in_(ids)))) if ids else set()
    faltan = [i for i in ids if i not in existentes]
    if faltan:
        raise APIError(422, "validacion", "Los datos enviados no son válidos.",
                       details={"empresas": [f"No existe la empresa {i}." for i in faltan]})
    return ids


def crear(datos: dict) -> ClaveApi:
    empresas = _exigir_empresas(datos.get("empresas"))
    secreto = _nuevo_secreto()
    with auditar("crear", foto=_foto) as entrada:
        entrada.objeto = clave = ClaveApi(
            nombre=datos["nombre"], prefijo=secrets.token_hex(6), digest=_digest(secreto), empresas=empresas,
            permisos=sorted(set(datos["permisos"])), revocada=False,
        )
        db.session.add(clave)
    clave.clave = f"{PREFIJO}{clave.prefijo}_{secreto}"  # shown once, in this answer only
    return clave


def rotar(clave: ClaveApi, datos: dict) -> ClaveApi:
    if clave.revocada:
        raise APIError(409, "clave_revocada", "La clave está revocada: emita una nueva.")
    secreto = _nuevo_secreto()
    with auditar("rotar", clave, foto=_foto):
        clave.digest_anterior = clave.digest
        clave.anterior_expira = utcnow() + timedelta(minutes=datos.get("gracia_minutos", 0))
        clave.digest = _digest(secreto)
    clave.clave = f"{PREFIJO}{clave.prefijo}_{secreto}"
    return clave


def borrar(clave: ClaveApi) -> ClaveApi:
    """Revoke: refused at once from now on (the row stays, for the audit trail and the list)."""
    if not clave.revocada:
        with auditar("revocar", clave, foto=_foto):
            clave.revocada = True
            clave.revocada_at = utcnow()
            clave.digest_anterior = None
            clave.anterior_expira = None
    return clave


def es_clave_instancia(dada: str) -> bool:
    return dada.startswith(PREFIJO)


def verificar(dada: str) -> ClaveApi | None:
    """The live key matching `dada`, or None (unknown, wrong secret, revoked, or past its grace)."""
    partes = dada[len(PREFIJO):].split("_", 1)
    if len(partes) != 2 or not partes[0] or not partes[1] or len(partes[0]) > 16:
        return None
    prefijo, secreto = partes
    clave = db.session.scalar(sa.select(ClaveApi).where(ClaveApi.prefijo == prefijo))
    digest = _digest(secreto)
    if clave is None or clave.revocada:
        hmac.compare_digest(digest, digest)  # same work whether or not the prefix exists
        return None
    if hmac.compare_digest(digest, clave.digest):
        return clave
    if (clave.digest_anterior and clave.anterior_expira and utcnow() < clave.anterior_expira
            and hmac.compare_digest(digest, clave.digest_anterior)):
        return clave
    return None


def marcar_uso(clave: ClaveApi) -> None:
    """`last_used_at` to the minute: written only when the stored value is older than a minute.

    Runs before the view (no other change pending), so it commits its own one-row update."""
    ahora = utcnow()
    if clave.last_used_at is not None and ahora - clave.last_used_at < USO_CADA:
        return
    db.session.execute(sa.update(ClaveApi).where(ClaveApi.id == clave.id).values(last_used_at=ahora)
                       .execution_options(synchronize_session=False))
    confirmar()


def en_alcance(empresa_id: int) -> bool:
    """Whether the key of this request may reach the company (the legacy key reaches every one)."""
    clave = getattr(g, "clave_api", None) if has_request_context() else None
    return clave is None or clave.empresas is None or empresa_id in clave.empresas
