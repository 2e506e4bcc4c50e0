"""The ONE licensing service: may this company work today, and with which services?

Everything derives from the plan-based model: the company's relevant subscription -> its plan ->
the plan's services with `cantidad` (inactive services excluded). One answer shape for every caller
(`/api/verificar-licencia`, `/api/suscripcion-activa/<nit>`, `/api/verificar-servicios-activos`):

    {valida, codigo, detalle, empresa: {id, nit, nombre},
     suscripcion: {id, plan: {id, nombre}, periodo, fecha_inicio, fecha_fin, dias_restantes, estado} | null,
     servicios: [{id, nombre, cantidad}]}

Codes, checked in this order: EMPRESA_PENDIENTE (self-service company not yet approved),
EMPRESA_INACTIVA, SIN_SUSCRIPCION, VENCIDA (fecha_fin passed, whatever
the stored state), CANCELADA, SUSPENDIDA, INACTIVA (also a subscription that has not started yet),
VALIDA. An end-of-term cancellation keeps the subscription `activa` (with `cancelar_al_final`) and
therefore VALIDA until its `fecha_fin`. `servicios` is empty unless the license is valid.

Cost: a license check is ONE SQL statement whatever the number of services (the relevant
subscription is chosen by a correlated sub-select; plan, services and quantities come in the same
result set). `tests/public/test_licencias.py` counts the statements.
"""

from __future__ import annotations

from datetime import date
from functools import cache

import sqlalchemy as sa
from sqlalchemy.orm import aliased

from database.db import db
from models import Empresa, Plan, PlanServicio, Servicio, Suscripcion
from services import claves_api, suscripciones
from utils.errors import APIError
from utils.location import fold
from utils.nit import NitInvalido, normalizar_nit

VALIDA = "VALIDA"
SIN_SUSCRIPCION = "SIN_SUSCRIPCION"
VENCIDA = "VENCIDA"
SUSPENDIDA = "SUSPENDIDA"
CANCELADA = "CANCELADA"
INACTIVA = "INACTIVA"
EMPRESA_INACTIVA = "EMPRESA_INACTIVA"
EMPRESA_PENDIENTE = "EMPRESA_PENDIENTE"
CODIGOS = (VALIDA, SIN_SUSCRIPCION, VENCIDA, SUSPENDIDA, CANCELADA, INACTIVA, EMPRESA_INACTIVA, EMPRESA_PENDIENTE)

DETALLES = {
    VALIDA: "Licencia válida.",
    SIN_SUSCRIPCION: "La empresa no tiene ninguna suscripción.",
    VENCIDA: "La suscripción venció el {fecha_fin}.",
    SUSPENDIDA: "La suscripción está suspendida.",
    CANCELADA: "La suscripción fue cancelada.",
    INACTIVA: "La suscripción aún no está activa.",
    EMPRESA_INACTIVA: "La empresa está inactiva.",
    EMPRESA_PENDIENTE: "La empresa está pendiente de aprobación.",
}


def hoy() -> date:
    """Today as the subscription lifecycle sees it (one clock for both modules)."""
    return suscripciones.hoy()


# --- the single statement ----------------------------------------------------------------------

def _licencia_stmt(condicion, dia: date) -> sa.Select:
    s2 = aliased(Suscripcion)
    rango = sa.case(
        (sa.and_(s2.estado == "activa", s2.fecha_inicio <= dia, s2.fecha_fin >= dia), 0),
        (s2.estado != "cancelada", 1),
        else_=2,
    )
    # The relevant subscription: a running active one, else the newest non-cancelled, else the newest.
    elegida = (
        sa.select(s2.id)
        .where(s2.empresa_id == Empresa.id)
        .order_by(rango, s2.fecha_fin.desc(), s2.id.desc())
        .limit(1)
        .correlate(Empresa)
        .scalar_subquery()
    )
    return (
        sa.select(
            Empresa.id.label("empresa_id"), Empresa.nit, Empresa.nombre.label("empresa_nombre"),
            Empresa.estado.label("empresa_estado"),
            Suscripcion.id.label("suscripcion_id"), Suscripcion.periodo, Suscripcion.fecha_inicio,
            Suscripcion.fecha_fin, Suscripcion.estado.label("suscripcion_estado"),
            Plan.id.label("plan_id"), Plan.nombre.label("plan_nombre"),
            Servicio.id.label("servicio_id"), Servicio.nombre.label("servicio_nombre"), PlanServicio.cantidad,
        )
        .select_from(Empresa)
        .outerjoin(Suscripcion, Suscripcion.id == elegida)
        .outerjoin(Plan, Plan.id == Suscripcion.plan_id)
        .outerjoin(PlanServicio, PlanServicio.plan_id == Plan.id)
        .outerjoin(Servicio, sa.and_(Servicio.id == PlanServicio.servicio_id, Servicio.activo.is_(True)))
        .where(condicion)
        .order_by(Empresa.id, Servicio.nombre, Servicio.id)
    )


@cache
def _licencia_stmt_por(clave: str) -> sa.Select:
    """The statement built once per process, with bind parameters `valor` and `dia`.

    Building it (aliases, correlated sub-select, five joins) costs several times more than running
    it; a prebuilt statement also keeps its memoized SQL cache key (docs/operaciones.md and bench/README.md)."""
    columna = Empresa.nit_base if clave == "nit_base" else Empresa.id
    return _licencia_stmt(columna == sa.bindparam("valor"), sa.bindparam("dia", type_=sa.Date()))


def _filas(clave: str, valor, dia: date) -> list:
    return db.session.execute(_licencia_stmt_por(clave), {"valor": valor, "dia": dia}).all()


def _codigo(fila, dia: date) -> str:
    if fila.empresa_estado == "pendiente":
        return EMPRESA_PENDIENTE
    if fila.empresa_estado != "activa":
        return EMPRESA_INACTIVA
    if fila.suscripcion_id is None:
        return SIN_SUSCRIPCION
    if fila.fecha_fin < dia:
        return VENCIDA
    return {
        "cancelada": CANCELADA,
        "suspendida": SUSPENDIDA,
        "inactiva": INACTIVA,
    }.get(fila.suscripcion_estado, VALIDA if fila.fecha_inicio <= dia else INACTIVA)


def _respuesta(filas: list, dia: date) -> dict:
    fila = filas[0]
    codigo = _codigo(fila, dia)
    valida = codigo == VALIDA
    suscripcion = None
    if fila.suscripcion_id is not None:
        suscripcion = {
            "id": fila.suscripcion_id,
            "plan": {"id": fila.plan_id, "nombre": fila.plan_nombre},
            "periodo": fila.periodo,
            "fecha_inicio": fila.fecha_inicio,
            "fecha_fin": fila.fecha_fin,
            "dias_restantes": max((fila.fecha_fin - dia).days, 0),
            "estado": fila.suscripcion_estado,
        }
    detalle = DETALLES[codigo].format(fecha_fin=fila.fecha_fin.isoformat() if fila.fecha_fin else "")
    if codigo == INACTIVA and fila.suscripcion_estado == "activa":
        detalle = f"La suscripción empieza el {fila.fecha_inicio.isoformat()}."
    servicios = []
    if valida:
        servicios = [
            {"id": f.servicio_id, "nombre": f.servicio_nombre, "cantidad": f.cantidad}
            for f in filas if f.servicio_id is not None
        ]
    return {
        "valida": valida,
        "codigo": codigo,
        "detalle": detalle,
        "empresa": {"id": fila.empresa_id, "nit": fila.nit, "nombre": fila.empresa_nombre},
        "suscripcion": suscripcion,
        "servicios": servicios,
    }


# --- public functions ----------------------------------------------------------------------------

def licencia_empresa(empresa_id: int) -> dict | None:
    """The license answer for a company id, or None if the company does not exist (one statement)."""
    dia = hoy()
    filas = _filas("id", empresa_id, dia)
    return _respuesta(filas, dia) if filas else None


def licencia_por_nit(nit: str) -> dict:
    """The license answer for a NIT given with or without its check digit; 404 if unknown (one statement)."""
    try:
        completo, base = normalizar_nit(nit)
    except NitInvalido as exc:
        raise APIError(404, "empresa_no_encontrada", "No existe una empresa con ese NIT.",
                       details={"nit": [str(exc)]}) from exc
    dia = hoy()
    # A company outside the calling key's scope is exactly as unknown as a missing one.
    filas = [f for f in _filas("nit_base", base, dia) if claves_api.en_alcance(f.empresa_id)]
    if not filas:
        raise APIError(404, "empresa_no_encontrada", "No existe una empresa con ese NIT.")
    # Two companies may share a base NIT ("900123456" and "900123456-8"): the exact form wins.
    empresa_ids = list(dict.fromkeys(f.empresa_id for f in filas))
    elegida = next((f.empresa_id for f in filas if f.nit == completo), empresa_ids[0])
    return _respuesta([f for f in filas if f.empresa_id == elegida], dia)


def licencia_usuario(usuario) -> dict:
    """The license answer for the caller's company; 404 when the user has no company."""
    if usuario.empresa_id is None:
        raise APIError(404, "sin_empresa", "El usuario no está asociado a ninguna empresa.")
    respuesta = licencia_empresa(usuario.empresa_id)
    if respuesta is None:  # pragma: no cover - FK guarantees the company exists
        raise APIError(404, "empresa_no_encontrada", "La empresa del usuario no existe.")
    return respuesta


def clave_servicio(nombre: str) -> str:
    """Service names compare case- and accent-insensitively ("facturacion" == "Facturación")."""
    return fold(nombre)


def servicios_activos(nit: str, nombres: list[str]) -> dict:
    """`{nit, valida, servicios: [{nombre, activo, cantidad}]}` for the requested service names,
    in the order asked. A service is `activo` only when the license is valid, the plan includes it
    and the service itself is active."""
    licencia = licencia_por_nit(nit)
    incluidos = {clave_servicio(s["nombre"]): s for s in licencia["servicios"]}
    servicios = []
    for nombre in nombres:
        encontrado = incluidos.get(clave_servicio(nombre))
        servicios.append({
            "nombre": encontrado["nombre"] if encontrado else nombre,
            "activo": encontrado is not None,
            "cantidad": encontrado["cantidad"] if encontrado else None,
        })
    return {"nit": licencia["empresa"]["nit"], "valida": licencia["valida"], "servicios": servicios}


# --- catalogue (public and /api/planes) ------------------------------------------------------------

def planes_catalogo() -> list[dict]:
    """Every plan with its active services and quantities (two statements, whatever the size)."""
    planes = db.session.execute(sa.select(Plan).order_by(Plan.precio_mensual, Plan.id)).scalars().all()
    filas = db.session.execute(
        sa.select(PlanServicio.plan_id, Servicio.id, Servicio.nombre, PlanServicio.cantidad)
        .join(Servicio, Servicio.id == PlanServicio.servicio_id)
        .where(Servicio.activo.is_(True))
        .order_by(PlanServicio.plan_id, Servicio.nombre, Servicio.id)
    ).all()
    por_plan: dict[int, list[dict]] = {}
    for plan_id, servicio_id, nombre, cantidad in filas:
        por_plan.setdefault(plan_id, []).append({"id": servicio_id, "nombre": nombre, "cantidad": cantidad})
    return [
        {
            "id": plan.id, "nombre": plan.nombre, "descripcion": plan.descripcion,
            "precio_mensual": plan.precio_mensual, "precio_anual": plan.precio_anual,
            "seleccionado": plan.seleccionado, "servicios": por_plan.get(plan.id, []),
        }
        for plan in planes
    ]


def servicios_publicos(solo_activos: bool) -> list[Servicio]:
    """The service catalogue (never `url_api`: the schema leaves it out)."""
    stmt = sa.select(Servicio).order_by(Servicio.nombre, Servicio.id)
    if solo_activos:
        stmt = stmt.where(Servicio.activo.is_(True))
    return list(db.session.execute(stmt).scalars())
