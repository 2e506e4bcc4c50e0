"""The support rules, written once: who may open tickets, availability, quota, hours, contracts, payments.

Admin routes, customer routes and the internal API all call these functions. Quota counters only
change through conditional UPDATEs (the database decides, never a count made before an insert), so
N simultaneous creations with one slot left give exactly one ticket, whatever the number of processes.
Functions here change the session and flush; the caller's unit of work commits (services/__init__.py).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from types import SimpleNamespace

import sqlalchemy as sa
from sqlalchemy.orm import joinedload

from database.db import db
from models import Empresa, SoportePago, SoporteSuscripcion, SoporteTicket, SoporteTipo, Suscripcion
from services import no_encontrado, obtener_o_404
from services.auditoria import auditar
from services.estados.contratos import CONTRATO
from services.estados.pagos import PAGO
from services.listados import consulta
from services.suscripciones import add_months
from utils.errors import APIError
from utils.logger import AppLogger

log = AppLogger.get("soporte")

ILIMITADAS = ("mensual", "anual")


# --- contract look-up and availability ---------------------------------------------------------


def meses_periodo(modalidad: str) -> int:
    """Length of a support period: 12 months for `anual`, one month for every other modality."""
    return 12 if modalidad == "anual" else 1


def _vigente_clause(hoy: date):
    return sa.and_(
        SoporteSuscripcion.estado == "activo",
        SoporteSuscripcion.fecha_inicio <= hoy,
        SoporteSuscripcion.fecha_fin >= hoy,
    )


def soporte_vigente(empresa_id: int, hoy: date | None = None) -> SoporteSuscripcion | None:
    """The company's `activo` contract whose period covers today (the latest one if several)."""
    hoy = hoy or date.today()
    stmt = (
        sa.select(SoporteSuscripcion)
        .options(joinedload(SoporteSuscripcion.soporte_tipo))  # every caller reads the type: same round trip
        .where(SoporteSuscripcion.empresa_id == empresa_id, _vigente_clause(hoy))
        .order_by(SoporteSuscripcion.fecha_fin.desc(), SoporteSuscripcion.id.desc())
        .limit(1)
    )
    return db.session.execute(stmt).scalars().first()


def calcular_disponibilidad_soporte(empresa_id: int, hoy: date | None = None) -> dict:
    """`{activo, modalidad, fecha_fin, tickets_disponibles, horas_disponibles}` (+ details for admins).

    `None` in `tickets_disponibles` / `horas_disponibles` means unlimited (or not applicable).
    """
    empresa = db.session.get(Empresa, empresa_id)
    contrato = soporte_vigente(empresa_id, hoy) if empresa is not None and empresa.estado == "activa" else None
    if contrato is None:  # no contract in force, or the company is not `activa` (it cannot write)
        return {"activo": False, "modalidad": None, "fecha_fin": None, "tickets_disponibles": None,
                "horas_disponibles": None, "soporte_suscripcion_id": None, "tickets_consumidos": None,
                "max_tickets": None, "horas_consumidas": None, "max_horas": None, "agotado": False}
    tipo = contrato.soporte_tipo
    tickets = horas = None
    if tipo.modalidad == "por_tickets":
        tickets = max(0, (tipo.max_tickets or 0) - contrato.tickets_consumidos)
    elif tipo.modalidad == "por_horas":
        horas = max(Decimal("0"), Decimal(tipo.max_horas or 0) - Decimal(contrato.horas_consumidas))
    agotado = (tickets == 0) or (horas is not None and (horas == 0 or contrato.agotado))
    return {
        "activo": True,
        "modalidad": tipo.modalidad,
        "fecha_fin": contrato.fecha_fin,
        "tickets_disponibles": tickets,
        "horas_disponibles": horas,
        "soporte_suscripcion_id": contrato.id,
        "tickets_consumidos": contrato.tickets_consumidos,
        "max_tickets": tipo.max_tickets,
        "horas_consumidas": contrato.horas_consumidas,
        "max_horas": tipo.max_horas,
        "agotado": agotado,
    }


def exigir_empresa_activa(empresa: Empresa, que: str) -> None:
    """Users (and the instance) of a company that is not `activa` cannot write in support: 403."""
    if empresa.estado != "activa":
        raise APIError(403, "empresa_inactiva", f"La empresa está inactiva: no puede {que}.")


def puede_crear_ticket(empresa: Empresa, hoy: date | None = None) -> SoporteSuscripcion:
    """The contract a new ticket would use, or the APIError that explains why not.

    A read-only check (for answers and forms); `reservar_cupo` is the one that enforces it atomically.
    """
    exigir_empresa_activa(empresa, "abrir tickets")
    contrato = soporte_vigente(empresa.id, hoy)
    if contrato is None:
        raise APIError(403, "sin_soporte_activo",
                       "La empresa no tiene un contrato de soporte activo y vigente.")
    tipo = contrato.soporte_tipo
    if tipo.modalidad == "por_tickets" and contrato.tickets_consumidos >= (tipo.max_tickets or 0):
        raise _cupo_agotado(contrato)
    if tipo.modalidad == "por_horas" and (
        contrato.agotado or Decimal(contrato.horas_consumidas) >= Decimal(tipo.max_horas or 0)
    ):
        raise _horas_agotadas(contrato)
    return contrato


def _cupo_agotado(contrato) -> APIError:
    return APIError(409, "cupo_agotado", "Se agotó el cupo de tickets del contrato de soporte para este periodo.",
                    details={"soporte_suscripcion_id": contrato.id})


def _horas_agotadas(contrato) -> APIError:
    return APIError(409, "cupo_agotado", "Se agotaron las horas del contrato de soporte para este periodo.",
                    details={"soporte_suscripcion_id": contrato.id})


# --- quota -------------------------------------------------------------------------------------


def reservar_cupo(empresa: Empresa, hoy: date | None = None) -> tuple[SoporteSuscripcion, bool]:
    """Check the rules and, for `por_tickets`, take one slot atomically.

    Returns `(contrato, consumio_cupo)`. The slot is taken by a conditional UPDATE in the caller's
    transaction: if the ticket is not committed afterwards, the rollback gives the slot back.
    """
    hoy = hoy or date.today()
    contrato = puede_crear_ticket(empresa, hoy)
    tipo = contrato.soporte_tipo
    if tipo.modalidad != "por_tickets":
        return contrato, False
    tabla = SoporteSuscripcion.__table__
    result = db.session.execute(
        sa.update(tabla)
        .where(
            tabla.c.id == contrato.id,
            tabla.c.estado == "activo",
            tabla.c.fecha_inicio <= hoy,
            tabla.c.fecha_fin >= hoy,
            tabla.c.tickets_consumidos < tipo.max_tickets,
        )
        .values(tickets_consumidos=tabla.c.tickets_consumidos + 1)
    )
    if result.rowcount != 1:
        log.info("Cupo agotado empresa_id=%s soporte_suscripcion_id=%s", empresa.id, contrato.id)
        raise _cupo_agotado(contrato)
    db.session.expire(contrato, ["tickets_consumidos"])
    return contrato, True


def liberar_cupo(ticket: SoporteTicket) -> bool:
    """Give back the slot of a cancelled per-ticket ticket (once: `consumio_cupo` is cleared)."""
    if not ticket.consumio_cupo or ticket.soporte_suscripcion_id is None:
        return False
    tabla = SoporteSuscripcion.__table__
    tickets = SoporteTicket.__table__
    # Clearing the flag with a conditional UPDATE makes a double release impossible.
    marcado = db.session.execute(
        sa.update(tickets).where(tickets.c.id == ticket.id, tickets.c.consumio_cupo.is_(True))
        .values(consumio_cupo=False)
    )
    if marcado.rowcount != 1:
        return False
    db.session.execute(
        sa.update(tabla)
        .where(tabla.c.id == ticket.soporte_suscripcion_id, tabla.c.tickets_consumidos > 0)
        .values(tickets_consumidos=tabla.c.tickets_consumidos - 1)
    )
    db.session.expire(ticket, ["consumio_cupo"])
    contrato = db.session.get(SoporteSuscripcion, ticket.soporte_suscripcion_id)
    if contrato is not None:
        db.session.expire(contrato, ["tickets_consumidos"])
    return True


def exigir_horas(ticket: SoporteTicket, horas: Decimal | None) -> SoporteSuscripcion | None:
    """The ticket's contract when it is per-hour (else None); closing under one needs `horas_dedicadas` (422)."""
    contrato = db.session.get(SoporteSuscripcion, ticket.soporte_suscripcion_id) if ticket.soporte_suscripcion_id \
        else None
    if contrato is None or contrato.soporte_tipo.modalidad != "por_horas":
        return None
    if horas is None:
        raise datos_invalidos("horas_dedicadas", "Obligatorio: el contrato de soporte es por horas.")
    return contrato


def registrar_horas(ticket: SoporteTicket, horas: Decimal | None) -> None:
    """Add the hours of a close to the ticket and, for per-hour contracts, to the contract.

    Per-hour contracts need `horas_dedicadas`. Passing `max_horas` is recorded (never refused after
    the work is done) and flags the contract `agotado`: no new tickets until it is renewed.
    """
    contrato = exigir_horas(ticket, horas)
    if horas is None:
        return
    horas = Decimal(horas)
    ticket.horas_dedicadas = Decimal(ticket.horas_dedicadas or 0) + horas
    if contrato is None or horas == 0:
        return
    tabla = SoporteSuscripcion.__table__
    maximo = Decimal(contrato.soporte_tipo.max_horas or 0)
    # Two statements, not one: MySQL evaluates SET clauses left to right with the new values, SQLite
    # with the old ones. The first UPDATE locks the row until commit, so the second sees its result.
    db.session.execute(
        sa.update(tabla).where(tabla.c.id == contrato.id).values(horas_consumidas=tabla.c.horas_consumidas + horas)
    )
    db.session.execute(
        sa.update(tabla).where(tabla.c.id == contrato.id, tabla.c.horas_consumidas >= maximo).values(agotado=True)
    )
    db.session.expire(contrato, ["horas_consumidas", "agotado"])
    if contrato.agotado:
        log.warning("Contrato por horas agotado soporte_suscripcion_id=%s empresa_id=%s horas=%s/%s",
                    contrato.id, contrato.empresa_id, contrato.horas_consumidas, maximo)


# --- contracts (admin) -------------------------------------------------------------------------


def listar_contratos(args: dict) -> sa.Select:
    """Filters `empresa_id`, `estado`, `soporte_tipo_id`; newest first."""
    return consulta(SoporteSuscripcion, {**args, "sort": "-id"}, filtros=("empresa_id", "estado", "soporte_tipo_id"))


def obtener_contrato(contrato_id: int) -> SoporteSuscripcion:
    return obtener_o_404(SoporteSuscripcion, contrato_id)


def crear_contrato(datos: dict, creado_por: int | None = None) -> SoporteSuscripcion:
    """A support contract for a company's plan subscription, `pendiente_pago` until a payment succeeds."""
    empresa = obtener_o_404(Empresa, datos["empresa_id"])
    suscripcion = db.session.get(Suscripcion, datos["suscripcion_id"])
    if suscripcion is None or suscripcion.empresa_id != empresa.id:
        raise datos_invalidos("suscripcion_id", "La suscripción no existe o no es de esta empresa.")
    if suscripcion.estado == "cancelada":
        raise APIError(409, "suscripcion_cancelada", "La suscripción del plan está cancelada.")
    tipo = db.session.get(SoporteTipo, datos["soporte_tipo_id"])
    if tipo is None or not tipo.activo:
        raise datos_invalidos("soporte_tipo_id", "El tipo de soporte no existe o está inactivo.")
    abierto = db.session.execute(
        sa.select(SoporteSuscripcion.id).where(
            SoporteSuscripcion.empresa_id == empresa.id,
            SoporteSuscripcion.estado.in_(("activo", "pendiente_pago")),
            SoporteSuscripcion.fecha_fin >= date.today(),
        ).limit(1)
    ).scalar()
    if abierto is not None:
        raise APIError(409, "soporte_ya_existe",
                       "La empresa ya tiene un contrato de soporte activo o pendiente de pago.",
                       details={"soporte_suscripcion_id": abierto})
    inicio = datos.get("fecha_inicio") or date.today()
    with auditar("crear") as entrada:
        entrada.objeto = contrato = SoporteSuscripcion(
            suscripcion_id=suscripcion.id, empresa_id=empresa.id, soporte_tipo_id=tipo.id,
            fecha_inicio=inicio, fecha_fin=add_months(inicio, meses_periodo(tipo.modalidad)),
            estado="pendiente_pago", precio_actual=tipo.precio, tickets_consumidos=0,
            horas_consumidas=Decimal("0"), agotado=False, notas=datos.get("notas"), creado_por=creado_por,
        )
        db.session.add(contrato)
    return contrato


def actualizar_contrato(contrato: SoporteSuscripcion, datos: dict) -> SoporteSuscripcion:
    """Only `notas`: state and counters change through actions and payments."""
    with auditar("actualizar", contrato):
        if "notas" in datos:
            contrato.notas = datos["notas"]
    return contrato


def cancelar_contrato(contrato: SoporteSuscripcion, datos: dict) -> SoporteSuscripcion:
    """`activo` or `pendiente_pago` -> `cancelado`; `notas` (optional) replace the contract's notes."""
    contrato = _bloquear_contrato(contrato.id)
    with auditar("cancelar", contrato):
        contrato.estado = _siguiente(contrato, "cancelar")
        if datos.get("notas"):
            contrato.notas = datos["notas"]
    return contrato


def renovar_contrato(contrato: SoporteSuscripcion, datos: dict, hoy: date | None = None) -> SoporteSuscripcion:
    """A new period starting today: counters reset, `agotado` cleared, price snapshot refreshed."""
    hoy = hoy or date.today()
    contrato = _bloquear_contrato(contrato.id)
    with auditar("renovar", contrato):
        contrato.estado = _siguiente(contrato, "renovar")
        tipo = contrato.soporte_tipo
        contrato.fecha_inicio = hoy
        contrato.fecha_fin = add_months(hoy, meses_periodo(tipo.modalidad))
        contrato.tickets_consumidos = 0
        contrato.horas_consumidas = Decimal("0")
        contrato.agotado = False
        contrato.precio_actual = tipo.precio
        if datos.get("notas"):
            contrato.notas = datos["notas"]
        # Tickets of the old period must not give back slots of the new one when cancelled.
        db.session.execute(
            sa.update(SoporteTicket.__table__)
            .where(SoporteTicket.__table__.c.soporte_suscripcion_id == contrato.id)
            .values(consumio_cupo=False)
        )
    return contrato


def _bloquear_contrato(contrato_id: int) -> SoporteSuscripcion:
    """The contract read again under a row lock, held until the unit of work commits."""
    contrato = db.session.get(SoporteSuscripcion, contrato_id, with_for_update=True, populate_existing=True)
    if contrato is None:
        raise no_encontrado(SoporteSuscripcion)
    return contrato


def _siguiente(contrato: SoporteSuscripcion, accion: str) -> str:
    return CONTRATO.siguiente(contrato.estado, accion,
                              mensaje=f"No se puede {accion} un contrato en estado {contrato.estado}.")


# --- payments ----------------------------------------------------------------------------------


def listar_pagos(args: dict) -> sa.Select:
    """Filters `soporte_suscripcion_id`, `empresa_id`, `estado`; newest first."""
    return consulta(SoportePago, {**args, "sort": "-id"}, filtros=("soporte_suscripcion_id", "empresa_id", "estado"))


def obtener_pago(pago_id: int) -> SoportePago:
    return obtener_o_404(SoportePago, pago_id)


def crear_pago(datos: dict, creado_por: int | None = None) -> SoportePago:
    """Record a payment (any state); an `exitoso` one activates its `pendiente_pago` contract."""
    contrato = db.session.get(SoporteSuscripcion, datos["soporte_suscripcion_id"])
    if contrato is None:
        raise datos_invalidos("soporte_suscripcion_id", "El contrato de soporte no existe.")
    with auditar("crear") as entrada:
        entrada.objeto = pago = SoportePago(
            soporte_suscripcion_id=contrato.id, empresa_id=contrato.empresa_id, monto=datos["monto"],
            estado=datos["estado"], detalle=datos.get("detalle"), creado_por=creado_por)
        if datos.get("fecha_pago"):
            pago.fecha_pago = datos["fecha_pago"]
        db.session.add(pago)
    _activar_si_pagado(pago)
    return pago


def actualizar_pago(pago: SoportePago, datos: dict) -> SoportePago:
    """Only a `pendiente` payment changes state (to `exitoso` or `fallido`); `detalle` may be replaced."""
    nuevo = datos.get("estado")
    with auditar("actualizar", pago):
        if nuevo is not None and nuevo != pago.estado:
            pago.estado = PAGO.siguiente(pago.estado, PAGO.accion_hacia(pago.estado, nuevo),
                                         mensaje=f"Un pago {pago.estado} no puede pasar a {nuevo}.",
                                         estado_solicitado=nuevo)
        if "detalle" in datos:
            pago.detalle = datos["detalle"]
    _activar_si_pagado(pago)
    return pago


def _activar_si_pagado(pago: SoportePago) -> None:
    if pago.estado != "exitoso":
        return
    contrato = _bloquear_contrato(pago.soporte_suscripcion_id)
    if CONTRATO.puede(contrato.estado, "activar"):
        with auditar("activar", contrato):
            contrato.estado = CONTRATO.siguiente(contrato.estado, "activar")
        log.info("Contrato de soporte activado por pago soporte_suscripcion_id=%s pago_id=%s", contrato.id, pago.id)


# --- the uniform verbs of each resource (routes.crud declares the admin views from them) -----------


contratos = SimpleNamespace(listar=listar_contratos, obtener=obtener_contrato, crear=crear_contrato,
                            actualizar=actualizar_contrato, cancelar=cancelar_contrato, renovar=renovar_contrato)
pagos = SimpleNamespace(listar=listar_pagos, obtener=obtener_pago, crear=crear_pago, actualizar=actualizar_pago)


# --- helpers -----------------------------------------------------------------------------------


def datos_invalidos(campo: str, mensaje: str) -> APIError:
    """The 422 of a body field that is well-formed but refers to something unusable."""
    return APIError(422, "validacion", "Los datos enviados no son válidos.", details={campo: [mensaje]})
