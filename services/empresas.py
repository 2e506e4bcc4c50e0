"""Companies: the NIT is unique by its base (with or without check digit); DELETE is a soft delete.

`exigir_nit_libre` is the one rule for NIT uniqueness (`409 nit_duplicado`), and `nueva` the one way a
company is created: by an admin, by `/auth/registro` and by `/public/suscripcion`. Self-service
companies start `pendiente` (services/estados/empresas.py) until an admin approves or rejects them; a
rejected or stale pending registration is deleted with its users and subscriptions (NIT and e-mails freed).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import sqlalchemy as sa
from flask import current_app

from database.db import db
from models import Empresa, SoporteSuscripcion, Suscripcion, Usuario
from services import obtener_o_404
from services.auditoria import auditar
from services.estados.empresas import EMPRESA
from services.listados import consulta
from utils.errors import APIError
from utils.nit import normalizar_nit

ORDEN = ("id", "nombre", "nit", "estado", "created_at")


def obtener(empresa_id: int) -> Empresa:
    return obtener_o_404(Empresa, empresa_id)


def listar(args: dict) -> sa.Select:
    return consulta(Empresa, args, buscar=(Empresa.nit, Empresa.nombre), filtros=("estado",), orden=ORDEN)


def exigir_nit_libre(nit: str, excepto: int | None = None) -> str:
    """The NIT's base when no other company has it; `409 nit_duplicado` otherwise."""
    nit_base = normalizar_nit(nit)[1]
    stmt = sa.select(Empresa.id).where(Empresa.nit_base == nit_base)
    if excepto is not None:
        stmt = stmt.where(Empresa.id != excepto)
    if db.session.execute(stmt.limit(1)).first() is not None:
        raise APIError(409, "nit_duplicado", "Ya existe una empresa con ese NIT.", details={"nit": nit_base})
    return nit_base


def nueva(datos: dict, *, autoservicio: bool = False) -> Empresa:
    """Add a company (`nit`, `nombre`, `contacto?`, `estado?`) after checking its NIT is free.
    Self-service companies are always `pendiente`: nobody gets a licence for a NIT an admin did not check."""
    nit_base = exigir_nit_libre(datos["nit"])
    estado = "pendiente" if autoservicio else datos.get("estado", "activa")
    empresa = Empresa(nit=normalizar_nit(datos["nit"])[0], nit_base=nit_base, nombre=datos["nombre"].strip(),
                      contacto=(datos.get("contacto") or "").strip() or None, estado=estado)
    db.session.add(empresa)
    db.session.flush()
    return empresa


def crear(datos: dict) -> Empresa:
    with auditar("crear") as entrada:
        entrada.objeto = nueva(datos)
    return entrada.objeto


def actualizar(empresa: Empresa, datos: dict) -> Empresa:
    with auditar("actualizar", empresa):
        if "nit" in datos:
            empresa.nit_base = exigir_nit_libre(datos["nit"], excepto=empresa.id)
        if datos.get("estado", empresa.estado) != empresa.estado:
            # The same machine as the actions: a pending company is approved or rejected, not edited out.
            accion = EMPRESA.accion_hacia(empresa.estado, datos["estado"]) or f"pasar a {datos['estado']}"
            EMPRESA.siguiente(empresa.estado, accion)
        for campo, valor in datos.items():
            setattr(empresa, campo, valor)
    return empresa


def cambiar_estado(empresa: Empresa, estado: str) -> Empresa:
    """Soft delete (`inactiva`: its license answers EMPRESA_INACTIVA) or activation. Idempotent; a
    `pendiente` company only leaves through `aprobar`/`rechazar` (409 otherwise)."""
    if empresa.estado != estado:
        accion = "desactivar" if estado == "inactiva" else "activar"
        with auditar(accion, empresa):
            empresa.estado = EMPRESA.siguiente(empresa.estado, accion)
    return empresa


def borrar(empresa: Empresa) -> Empresa:
    """`DELETE` is a soft delete: the company stays, `inactiva`."""
    return cambiar_estado(empresa, "inactiva")


def activar(empresa: Empresa) -> Empresa:
    return cambiar_estado(empresa, "activa")


# --- pending (self-service) companies ------------------------------------------------------------

def aprobar(empresa: Empresa) -> Empresa:
    """`pendiente` -> `activa` (409 `transicion_invalida` from any other state)."""
    with auditar("aprobar", empresa):
        empresa.estado = EMPRESA.siguiente(empresa.estado, "aprobar")
    return empresa


def _borrar_registro(empresa: Empresa, accion: str) -> None:
    """Delete a pending company with its users and subscriptions (audited), freeing its NIT and e-mails."""
    with auditar(accion, empresa):
        if db.session.execute(sa.select(SoporteSuscripcion.id)
                              .where(SoporteSuscripcion.empresa_id == empresa.id).limit(1)).first():
            raise APIError(409, "empresa_con_soporte",
                           "La empresa tiene contratos de soporte: cancélelos o desactívela en lugar de rechazarla.")
        db.session.execute(sa.delete(Suscripcion).where(Suscripcion.empresa_id == empresa.id))
        db.session.execute(sa.delete(Usuario).where(Usuario.empresa_id == empresa.id))
        db.session.expire(empresa, ["usuarios", "suscripciones"])
        db.session.delete(empresa)


def rechazar(empresa: Empresa) -> dict:
    """`pendiente` -> deleted (409 `transicion_invalida` from any other state)."""
    EMPRESA.siguiente(empresa.estado, "rechazar")
    datos = {"id": empresa.id, "nit": empresa.nit, "nombre": empresa.nombre, "estado": "rechazada"}
    _borrar_registro(empresa, "rechazar")
    return datos


def limpiar_registros_pendientes(ahora: datetime | None = None) -> dict[str, int]:
    """The daily job's cleanup: pending companies and unconfirmed 2FA registrations older than
    `REGISTRO_PENDIENTE_DIAS` are deleted (so nobody can squat a NIT or an e-mail for good)."""
    dias = int(current_app.config.get("REGISTRO_PENDIENTE_DIAS", 7))
    limite = (ahora or datetime.now(UTC)) - timedelta(days=dias)
    viejas = db.session.execute(
        sa.select(Empresa).where(Empresa.estado == "pendiente", Empresa.created_at < limite).order_by(Empresa.id)
    ).scalars().all()
    for empresa in viejas:
        _borrar_registro(empresa, "caducar")
    usuarios = db.session.execute(
        sa.select(Usuario).where(Usuario.pendiente_activacion.is_(True), Usuario.created_at < limite)
        .order_by(Usuario.id)
    ).scalars().all()
    for usuario in usuarios:
        with auditar("caducar", usuario):
            db.session.delete(usuario)
    return {"empresas_pendientes": len(viejas), "registros_sin_confirmar": len(usuarios)}
