"""Brute-force counters in the database (shared by every server process).

Each attempt is *reserved* before the password or code is checked: an atomic
`UPDATE ... SET fallos = fallos + 1 WHERE clave = :k AND not locked` takes the row lock
(InnoDB row lock; SQLite's write lock), the lockout is decided while that lock is held and the
reservation is committed before the slow check. So N parallel wrong attempts get exactly
`max_fallos` real checks; the rest are answered `429`. A success gives the reservation back.

The one exception to the transaction rule of `services/__init__.py`: `reservar` commits at once, so the
row lock is never held during the slow check. Everything else here joins the use case's unit of work.

Keys: per account (`cuenta:`), per client IP (`ip:`), per account and known device (`dispositivo:`, used
instead of the account key when the login carries a valid `X-Dispositivo`), per user's OTP and per challenge.

Waits: after `max_fallos` consecutive failures the key is locked for 60 s, doubling on each new
lockout up to 15 min (`LOGIN_BLOQUEO_SEGUNDOS`, `LOGIN_BLOQUEO_MAX_SEGUNDOS`).
"""

from __future__ import annotations

import hashlib
import math
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa
from flask import current_app, has_request_context, request
from sqlalchemy.exc import IntegrityError

from database.db import db
from models import ContadorAcceso, LogAcceso
from services import confirmar, fallar_guardando
from utils.errors import APIError
from utils.logger import AppLogger

log = AppLogger.get("auth")


def _cfg(nombre: str, defecto: int) -> int:
    return int(current_app.config.get(nombre, defecto))


def max_fallos_cuenta() -> int:
    return _cfg("LOGIN_MAX_FALLOS", 5)


def max_fallos_ip() -> int:
    return _cfg("LOGIN_IP_MAX_FALLOS", 20)


def max_fallos_otp() -> int:
    return _cfg("OTP_MAX_FALLOS", 5)


def clave_cuenta(email: str) -> str:
    # Hashed: unknown e-mails typed by attackers are not stored in clear.
    return "cuenta:" + hashlib.sha256((email or "").strip().lower().encode("utf-8")).hexdigest()


def clave_ip(ip: str | None) -> str:
    return f"ip:{ip or 'desconocida'}"


def clave_dispositivo(usuario_id: int, digest: str) -> str:
    # Per account AND known device: failures elsewhere (an attacker locking the account) never reach it.
    return f"dispositivo:{usuario_id}:{digest[:40]}"


def clave_otp(usuario_id: int) -> str:
    return f"otp:{usuario_id}"


def clave_reto(jti: str) -> str:
    return f"reto:{jti}"


def ip_cliente() -> str | None:
    return request.remote_addr if has_request_context() else None


def dispositivo_cliente() -> str | None:
    """The device token the client sent back (`X-Dispositivo`), if it looks like one of ours."""
    valor = request.headers.get("X-Dispositivo", "").strip() if has_request_context() else ""
    return valor if 20 <= len(valor) <= 100 and valor.isascii() else None


class Bloqueado(APIError):
    def __init__(self, clave: str, segundos: int):
        segundos = max(1, int(segundos))
        super().__init__(
            429, "demasiados_intentos",
            "Demasiados intentos fallidos. Espere antes de volver a intentarlo.",
            headers={"Retry-After": str(segundos)},
        )
        self.tipo = clave.split(":", 1)[0]
        self.segundos = segundos


def _espera(bloqueos: int) -> int:
    base = _cfg("LOGIN_BLOQUEO_SEGUNDOS", 60)
    tope = _cfg("LOGIN_BLOQUEO_MAX_SEGUNDOS", 900)
    return min(tope, base * (2 ** max(0, bloqueos - 1)))


def _asegurar_fila(clave: str, ahora: datetime) -> None:
    existe = db.session.execute(sa.select(ContadorAcceso.id).where(ContadorAcceso.clave == clave)).first()
    if existe:
        return
    if db.engine.dialect.name == "mysql":
        # Own, immediately committed transaction: concurrent first attempts would otherwise hold the
        # shared locks of their duplicate-key errors and deadlock on the UPDATE that follows.
        tabla = ContadorAcceso.__table__
        with db.engine.begin() as conexion:
            conexion.execute(sa.insert(tabla).prefix_with("IGNORE").values(
                clave=clave, fallos=0, bloqueos=0, actualizado_en=ahora))
        return
    try:
        with db.session.begin_nested():
            db.session.add(ContadorAcceso(clave=clave, fallos=0, bloqueos=0, actualizado_en=ahora))
    except IntegrityError:
        pass  # another process created it first


def _restante(hasta: datetime | None, ahora: datetime) -> int:
    if hasta is None or hasta <= ahora:
        return 0
    return math.ceil((hasta - ahora).total_seconds())


def _fila_actual(clave: str) -> ContadorAcceso:
    # Locking read: a *current* read under REPEATABLE READ (the row may be newer than our snapshot).
    return db.session.execute(sa.select(ContadorAcceso).where(ContadorAcceso.clave == clave).with_for_update()
                              .execution_options(populate_existing=True)).scalar_one()


def _reservar_una(clave: str, limite: int, ahora: datetime) -> None:
    ventana = timedelta(seconds=_cfg("LOGIN_VENTANA_SEGUNDOS", 900))
    tabla = ContadorAcceso.__table__
    # `fallos` is assigned before `actualizado_en` (MySQL evaluates SET left to right).
    resultado = db.session.execute(
        sa.update(tabla)
        .where(tabla.c.clave == clave)
        .where(sa.or_(tabla.c.bloqueado_hasta.is_(None), tabla.c.bloqueado_hasta <= ahora))
        .values(
            fallos=sa.case((tabla.c.actualizado_en < (ahora - ventana), 1),
                           else_=tabla.c.fallos + 1),
            actualizado_en=ahora,
        )
    )
    fila = _fila_actual(clave)
    if resultado.rowcount != 1:
        raise Bloqueado(clave, _restante(fila.bloqueado_hasta, ahora))
    if fila.fallos >= limite:
        # This attempt is the last allowed one: whatever its outcome, the next ones wait.
        # (A success lifts the lockout in `exito`.)
        fila.bloqueos += 1
        fila.fallos = 0
        fila.bloqueado_hasta = ahora + timedelta(seconds=_espera(fila.bloqueos))
        db.session.flush()


def reservar(*pares: tuple[str, int]) -> None:
    """Reserve one attempt on every (clave, limite); 429 (`Bloqueado`, kept in `LogAcceso`) if any key
    is locked, and then none of them counts.

    Called first in a use case, before anything else is changed, so its commit carries only counters.
    """
    ahora = datetime.now(UTC)
    for clave, _ in pares:
        _asegurar_fila(clave, ahora)
    try:
        # A locked key undoes the other reservations of this attempt. Writes first in the savepoint:
        # SQLite would refuse (not wait for) a lock upgrade after a read in the same transaction.
        with db.session.begin_nested():
            for clave, limite in pares:
                _reservar_una(clave, limite, ahora)
    except Bloqueado as exc:
        registrar_evento("intento_bloqueado", detalle=f"bloqueo activo ({exc.tipo}), {exc.segundos} s restantes")
        log.warning("Intento rechazado por bloqueo activo (%s) ip=%s; quedan %s s", exc.tipo, ip_cliente(),
                    exc.segundos)
        fallar_guardando(exc)
    # Stored now, not with the use case: the row lock must be released before the slow check.
    confirmar()


def bloqueo_pendiente(clave: str) -> int:
    """Seconds left of a lockout set by this very attempt (0 if none)."""
    fila = db.session.execute(sa.select(ContadorAcceso).where(ContadorAcceso.clave == clave)
                              .execution_options(populate_existing=True)).scalar_one_or_none()
    return _restante(fila.bloqueado_hasta, datetime.now(UTC)) if fila else 0


def exito(clave: str, *, reiniciar: bool = True) -> None:
    """A success: reset the key (account/OTP) or just give back the reservation (IP)."""
    tabla = ContadorAcceso.__table__
    if reiniciar:
        valores = {"fallos": 0, "bloqueos": 0, "bloqueado_hasta": None}
    else:
        valores = {"fallos": sa.case((tabla.c.fallos > 0, tabla.c.fallos - 1), else_=0)}
    db.session.execute(sa.update(tabla).where(tabla.c.clave == clave).values(**valores))


def registrar_evento(tipo: str, *, usuario=None, detalle: str | None = None) -> None:
    """`LogAcceso` row (same transaction as the caller's)."""
    db.session.add(LogAcceso(
        tipo=tipo[:50],
        usuario_id=getattr(usuario, "id", None),
        empresa_id=getattr(usuario, "empresa_id", None),
        ip=(ip_cliente() or None),
        detalle=(detalle or None) and detalle[:255],
    ))
