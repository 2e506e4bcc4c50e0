"""Plan subscription lifecycle: one module used by admin, account, public and licensing.

States and transitions: `services.estados.suscripciones.SUSCRIPCION` (`{estado: {accion: siguiente}}`);
an action the current state does not allow is a 409 `transicion_invalida` with the current state in
`details`. Every function here only adds to the session (flush at most): the caller's unit of work
commits, so a multi-row change is all-or-nothing.

Date arithmetic is calendar-correct: 31 Jan + 1 month = 28/29 Feb.
"""

from __future__ import annotations

import calendar
from datetime import UTC, date, datetime
from decimal import ROUND_HALF_UP, Decimal

import sqlalchemy as sa

from database.db import db
from models import Empresa, Plan, SoporteSuscripcion, Suscripcion
from services import obtener_o_404
from services.auditoria import auditar
from services.estados.contratos import CONTRATO
from services.estados.suscripciones import INICIALES, SUSCRIPCION
from services.listados import consulta
from utils.errors import APIError
from utils.security import current_usuario

MESES_POR_PERIODO = {"mensual": 1, "anual": 12}
ORDEN = ("id", "fecha_inicio", "fecha_fin", "estado", "precio_pagado", "created_at")

# How the messages name an action ("No se puede <verbo> una suscripción ..."), when not the action itself.
VERBOS = {"descuento": "aplicar un descuento a"}


def hoy() -> date:
    return date.today()


def add_months(start: date, months: int) -> date:
    month_index = start.month - 1 + months
    year = start.year + month_index // 12
    month = month_index % 12 + 1
    day = min(start.day, calendar.monthrange(year, month)[1])
    return date(year, month, day)


def calcular_fecha_fin(fecha_inicio: date, periodo: str) -> date:
    return add_months(fecha_inicio, MESES_POR_PERIODO.get(periodo, 1))


def precio_para(plan, periodo: str, porcentaje_descuento=None) -> Decimal:
    """Price of a plan for a period, with an optional percentage discount (Decimal, 2 places)."""
    base = plan.precio_anual if periodo == "anual" else plan.precio_mensual
    descuento = Decimal(porcentaje_descuento or 0)
    return (Decimal(base) * (Decimal(100) - descuento) / Decimal(100)).quantize(Decimal("0.01"), ROUND_HALF_UP)


def _meses_entre(inicio: date, fin: date) -> int:
    return (fin.year - inicio.year) * 12 + fin.month - inicio.month


# --- queries -------------------------------------------------------------------------------------

def suscripcion_vigente(empresa_id: int, *, para_actualizar: bool = False):
    """The company's current non-cancelled subscription (the newest one), or None.

    `para_actualizar=True` makes it a locking read (FOR UPDATE), which on InnoDB sees the latest
    committed rows instead of the transaction's REPEATABLE READ snapshot.
    """
    stmt = (
        sa.select(Suscripcion)
        .where(Suscripcion.empresa_id == empresa_id, Suscripcion.estado != "cancelada")
        .order_by(Suscripcion.id.desc())
        .limit(1)
    )
    if para_actualizar:
        stmt = stmt.with_for_update()
    return db.session.execute(stmt).scalar_one_or_none()


def sincronizar_plan_empresa(empresa) -> None:
    """`Empresa.plan` mirrors the plan name of the company's `activa` subscription (None without one)."""
    db.session.flush()
    nombre = db.session.execute(
        sa.select(Plan.nombre)
        .join(Suscripcion, Suscripcion.plan_id == Plan.id)
        .where(Suscripcion.empresa_id == empresa.id, Suscripcion.estado == "activa")
        .order_by(Suscripcion.id.desc())
        .limit(1)
    ).scalar_one_or_none()
    if empresa.plan != nombre:
        empresa.plan = nombre


def _bloquear_empresa(empresa) -> None:
    """Row lock on the company (MariaDB) so two concurrent creations cannot both pass the check."""
    db.session.execute(sa.select(Empresa.id).where(Empresa.id == empresa.id).with_for_update())


# --- creation ------------------------------------------------------------------------------------

def crear_suscripcion(empresa, plan, periodo: str, *, estado: str = "activa", fecha_inicio: date | None = None,
                      renovacion_automatica: bool = False, notas: str | None = None, creado_por: int | None = None):
    """Add a new subscription to the session (flush, no commit).

    At most one non-cancelled subscription per company: a second one is a 409
    (`suscripcion_existente`, with the existing id and state in `details`).
    """
    if periodo not in MESES_POR_PERIODO:
        raise APIError(422, "validacion", "Los datos enviados no son válidos.",
                       details={"periodo": ["Debe ser 'mensual' o 'anual'."]})
    if estado not in INICIALES:
        raise APIError(422, "validacion", "Los datos enviados no son válidos.",
                       details={"estado": ["Una suscripción nueva solo puede ser 'activa' o 'inactiva'."]})
    _bloquear_empresa(empresa)
    existente = suscripcion_vigente(empresa.id, para_actualizar=True)
    if existente is not None:
        raise APIError(
            409, "suscripcion_existente",
            "La empresa ya tiene una suscripción no cancelada; cancélela o renuévela en lugar de crear otra.",
            details={"suscripcion_id": existente.id, "estado_actual": existente.estado},
        )
    inicio = fecha_inicio or hoy()
    suscripcion = Suscripcion(
        empresa_id=empresa.id, plan_id=plan.id, periodo=periodo, fecha_inicio=inicio,
        fecha_fin=calcular_fecha_fin(inicio, periodo), estado=estado, precio_pagado=precio_para(plan, periodo),
        porcentaje_descuento=Decimal("0"), renovacion_automatica=bool(renovacion_automatica), notas=notas,
        creado_por=creado_por,
    )
    db.session.add(suscripcion)
    db.session.flush()
    sincronizar_plan_empresa(empresa)
    return suscripcion


# --- transitions ---------------------------------------------------------------------------------

def _siguiente(suscripcion, accion: str) -> str:
    """The state `accion` leads to, or 409 `transicion_invalida` with the current state."""
    return SUSCRIPCION.siguiente(
        suscripcion.estado, accion, cancelar_al_final=bool(suscripcion.cancelar_al_final),
        mensaje=f"No se puede {VERBOS.get(accion, accion)} una suscripción en estado '{suscripcion.estado}'.",
    )


def _rechazar(suscripcion, accion: str, motivo: str):
    """The same 409 for an action the table allows from this state but a special case refuses."""
    raise APIError(409, "transicion_invalida", motivo, details={
        "estado_actual": suscripcion.estado,
        "accion": accion,
        "estados_permitidos": sorted(SUSCRIPCION.desde(accion)),
        "cancelar_al_final": bool(suscripcion.cancelar_al_final),
    })


def _append_nota(suscripcion, notas: str | None) -> None:
    if notas:
        suscripcion.notas = f"{suscripcion.notas}\n{notas}" if suscripcion.notas else notas


def _extender(suscripcion, referencia: date) -> None:
    """Extend by one period from the later of `referencia` (today) and `fecha_fin`.

    An on-time renewal keeps the anchor day (31 Jan -> 28 Feb -> 31 Mar, no drift); a lapsed one
    starts a new term today.
    """
    meses = MESES_POR_PERIODO[suscripcion.periodo]
    if suscripcion.fecha_fin >= referencia:
        total = _meses_entre(suscripcion.fecha_inicio, suscripcion.fecha_fin) + meses
        nueva = add_months(suscripcion.fecha_inicio, total)
        if nueva <= suscripcion.fecha_fin:  # fecha_fin not produced by add_months: extend from it
            nueva = add_months(suscripcion.fecha_fin, meses)
        suscripcion.fecha_fin = nueva
    else:
        suscripcion.fecha_inicio = referencia
        suscripcion.fecha_fin = calcular_fecha_fin(referencia, suscripcion.periodo)


def renovar(suscripcion, *, notas: str | None = None, referencia: date | None = None):
    """One more period from the later of today and `fecha_fin`; the price is the plan's current one
    with the subscription's discount. `inactiva` (expired or pending) becomes `activa`."""
    destino = _siguiente(suscripcion, "renovar")
    if suscripcion.cancelar_al_final:
        _rechazar(suscripcion, "renovar",
                  "La suscripción tiene una cancelación programada; reactívela antes de renovarla.")
    _extender(suscripcion, referencia or hoy())
    suscripcion.precio_pagado = precio_para(suscripcion.plan, suscripcion.periodo, suscripcion.porcentaje_descuento)
    suscripcion.estado = destino
    _append_nota(suscripcion, notas)
    sincronizar_plan_empresa(suscripcion.empresa)
    return suscripcion


def cancelar(suscripcion, motivo_cancelacion: str, *, al_final_del_periodo: bool = False,
             notas: str | None = None):
    """Cancel now, or (from `activa`) at the end of the term: it stays active until `fecha_fin`."""
    destino = _siguiente(suscripcion, "cancelar")
    if al_final_del_periodo:
        if suscripcion.estado != "activa":
            _rechazar(suscripcion, "cancelar",
                      "Solo una suscripción activa puede cancelarse al final del periodo.")
        if suscripcion.cancelar_al_final:
            _rechazar(suscripcion, "cancelar",
                      "La suscripción ya tiene una cancelación programada al final del periodo.")
        suscripcion.cancelar_al_final = True
        suscripcion.motivo_cancelacion = motivo_cancelacion
    else:
        suscripcion.estado = destino
        suscripcion.cancelar_al_final = False
        suscripcion.motivo_cancelacion = motivo_cancelacion
        suscripcion.fecha_cancelacion = datetime.now(UTC)
    _append_nota(suscripcion, notas)
    sincronizar_plan_empresa(suscripcion.empresa)
    return suscripcion


def suspender(suscripcion, *, notas: str | None = None):
    suscripcion.estado = _siguiente(suscripcion, "suspender")
    _append_nota(suscripcion, notas)
    sincronizar_plan_empresa(suscripcion.empresa)
    return suscripcion


def reactivar(suscripcion, *, notas: str | None = None, referencia: date | None = None):
    """`suspendida`/`inactiva` -> `activa`; on an `activa` one, undo a pending end-of-term cancellation.

    An `inactiva` subscription whose term has already ended starts a new term today.
    """
    destino = _siguiente(suscripcion, "reactivar")
    referencia = referencia or hoy()
    if suscripcion.estado == "activa":
        if not suscripcion.cancelar_al_final:
            _rechazar(suscripcion, "reactivar",
                      "La suscripción ya está activa y no tiene una cancelación programada.")
        suscripcion.cancelar_al_final = False
        suscripcion.motivo_cancelacion = None
    elif suscripcion.estado == "inactiva" and suscripcion.fecha_fin < referencia:
        suscripcion.fecha_inicio = referencia
        suscripcion.fecha_fin = calcular_fecha_fin(referencia, suscripcion.periodo)
    suscripcion.estado = destino
    _append_nota(suscripcion, notas)
    sincronizar_plan_empresa(suscripcion.empresa)
    return suscripcion


def aplicar_descuento(suscripcion, porcentaje_descuento, *, notas: str | None = None):
    """0-100 %; `precio_pagado` is recomputed from the plan's price for the period."""
    _siguiente(suscripcion, "descuento")
    porcentaje = Decimal(porcentaje_descuento).quantize(Decimal("0.01"), ROUND_HALF_UP)
    if porcentaje < 0 or porcentaje > 100:
        raise APIError(422, "validacion", "Los datos enviados no son válidos.",
                       details={"porcentaje_descuento": ["Debe estar entre 0 y 100."]})
    suscripcion.porcentaje_descuento = porcentaje
    suscripcion.precio_pagado = precio_para(suscripcion.plan, suscripcion.periodo, porcentaje)
    _append_nota(suscripcion, notas)
    return suscripcion


ACCIONES = {
    "renovar": renovar,
    "cancelar": cancelar,
    "suspender": suspender,
    "reactivar": reactivar,
    "descuento": aplicar_descuento,
}


# --- daily maintenance ---------------------------------------------------------------------------

def _vencer_suscripcion(suscripcion, referencia: date) -> str:
    """Apply the job to one `activa` subscription past its term; the key of the summary it counts in."""
    if suscripcion.cancelar_al_final:
        accion, transicion, clave = "cancelar_fin_periodo", "cancelar", "canceladas"
    elif suscripcion.renovacion_automatica:
        accion, transicion, clave = "renovar_automatica", "renovar", "renovadas"
    else:
        accion, transicion, clave = "vencer", "vencer", "vencidas"
    with auditar(accion, suscripcion):
        suscripcion.estado = SUSCRIPCION.siguiente(suscripcion.estado, transicion)
        if transicion == "cancelar":
            suscripcion.cancelar_al_final = False
            suscripcion.fecha_cancelacion = datetime.now(UTC)
        elif transicion == "renovar":
            _extender(suscripcion, referencia)
            suscripcion.precio_pagado = precio_para(suscripcion.plan, suscripcion.periodo,
                                                    suscripcion.porcentaje_descuento)
        sincronizar_plan_empresa(suscripcion.empresa)
    return clave


def _vencidas(modelo, estado: str, referencia: date) -> list:
    return db.session.execute(
        sa.select(modelo).where(modelo.estado == estado, modelo.fecha_fin < referencia)
        .order_by(modelo.id).with_for_update()
    ).scalars().all()


def procesar_vencimientos(referencia: date | None = None) -> dict[str, int]:
    """The daily job (idempotent: a second run the same day changes nothing).

    1. `activa` with `cancelar_al_final` whose `fecha_fin` has passed -> `cancelada`.
    2. `activa` with `renovacion_automatica` whose `fecha_fin` has passed -> renewed.
    3. other `activa` whose `fecha_fin` has passed -> `inactiva` (expired).
    4. support contracts `activo` whose `fecha_fin` has passed -> `vencido`.
    Every change is written to the audit trail (actor: the system). The caller's unit of work commits
    (all or nothing).
    """
    referencia = referencia or hoy()
    resumen = {"canceladas": 0, "renovadas": 0, "vencidas": 0, "soportes_vencidos": 0}
    for suscripcion in _vencidas(Suscripcion, "activa", referencia):
        resumen[_vencer_suscripcion(suscripcion, referencia)] += 1
    for contrato in _vencidas(SoporteSuscripcion, "activo", referencia):
        with auditar("vencer", contrato):
            contrato.estado = CONTRATO.siguiente(contrato.estado, "vencer")
        resumen["soportes_vencidos"] += 1
    return resumen


# --- back office ---------------------------------------------------------------------------------

def obtener(suscripcion_id: int) -> Suscripcion:
    return obtener_o_404(Suscripcion, suscripcion_id)


def listar(args: dict) -> sa.Select:
    stmt = consulta(Suscripcion, args, filtros=("empresa_id", "plan_id", "estado", "periodo", "renovacion_automatica"),
                    orden=ORDEN)
    if args.get("vence_antes"):
        stmt = stmt.where(Suscripcion.fecha_fin <= args["vence_antes"])
    if args.get("vence_despues"):
        stmt = stmt.where(Suscripcion.fecha_fin >= args["vence_despues"])
    return stmt


def crear(data: dict, *, actor=None) -> Suscripcion:
    """`POST /admin/suscripciones`: company and plan must exist (422), company active (409); the acting
    admin (default: the request's user) is `creado_por`."""
    empresa = db.session.get(Empresa, data["empresa_id"])
    plan = db.session.get(Plan, data["plan_id"])
    faltan = {}
    if empresa is None:
        faltan["empresa_id"] = ["La empresa no existe."]
    if plan is None:
        faltan["plan_id"] = ["El plan no existe."]
    if faltan:
        raise APIError(422, "validacion", "Los datos enviados no son válidos.", details=faltan)
    if empresa.estado != "activa":
        raise APIError(409, "empresa_inactiva", "La empresa está inactiva; actívela antes de suscribirla.",
                       details={"estado_empresa": empresa.estado})
    with auditar("crear") as entrada:
        entrada.objeto = crear_suscripcion(
            empresa, plan, data["periodo"], estado=data.get("estado", "activa"), fecha_inicio=data.get("fecha_inicio"),
            renovacion_automatica=data.get("renovacion_automatica", False), notas=data.get("notas"),
            creado_por=(actor or current_usuario()).id,
        )
    return entrada.objeto


def actualizar(suscripcion: Suscripcion, data: dict) -> Suscripcion:
    """`renovacion_automatica` and `notas` only (a cancelled subscription is read-only: 409)."""
    if suscripcion.estado == "cancelada":
        raise APIError(409, "transicion_invalida", "Una suscripción cancelada no se puede modificar.",
                       details={"estado_actual": suscripcion.estado})
    with auditar("actualizar", suscripcion):
        for campo, valor in data.items():
            setattr(suscripcion, campo, valor)
    return suscripcion


def ejecutar_accion(suscripcion: Suscripcion, data: dict, accion: str) -> Suscripcion:
    """A lifecycle action of the back office (`ACCIONES`; the body's fields are its arguments), audited."""
    with auditar(accion, suscripcion):
        ACCIONES[accion](suscripcion, **data)
    return suscripcion
