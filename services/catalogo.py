"""Plans, services and their entitlements (`PlanServicio.cantidad`: positive int, null = unlimited).

A plan or service still used by a non-cancelled subscription cannot be deleted (409 with the
reason); a service is switched off with `toggle` instead (it leaves active licenses, not the data).
"""

from __future__ import annotations

import sqlalchemy as sa

from database.db import db
from models import Empresa, Plan, PlanServicio, Servicio, Suscripcion
from schemas.admin_catalogo import MANTENER
from services.auditoria import registrar, snapshot
from services.listados import like_escape, ordenar
from utils.errors import APIError

ORDEN_PLANES = {"id": Plan.id, "nombre": Plan.nombre, "precio_mensual": Plan.precio_mensual,
                "precio_anual": Plan.precio_anual, "created_at": Plan.created_at}
ORDEN_SERVICIOS = {"id": Servicio.id, "nombre": Servicio.nombre, "activo": Servicio.activo,
                   "created_at": Servicio.created_at}


def _plan_snapshot(plan: Plan) -> dict:
    data = snapshot(plan)
    data["servicios"] = [{"servicio_id": ps.servicio_id, "cantidad": ps.cantidad} for ps in plan.servicios]
    return data


# --- plans ------------------------------------------------------------------------------------

def obtener_plan(plan_id: int) -> Plan:
    plan = db.session.get(Plan, plan_id)
    if plan is None:
        raise APIError(404, "plan_no_encontrado", "El plan no existe.")
    return plan


def listar_planes(args: dict) -> sa.Select:
    stmt = sa.select(Plan)
    if args.get("q"):
        stmt = stmt.where(Plan.nombre.ilike(f"%{like_escape(args['q'].strip())}%", escape="\\"))
    if args.get("seleccionado") is not None:
        stmt = stmt.where(Plan.seleccionado.is_(args["seleccionado"]))
    return ordenar(stmt, args.get("sort"), ORDEN_PLANES, Plan.id)


def _nombre_libre(model, nombre: str, excepto: int | None, codigo: str, mensaje: str) -> None:
    stmt = sa.select(model.id).where(sa.func.lower(model.nombre) == nombre.lower())
    if excepto is not None:
        stmt = stmt.where(model.id != excepto)
    if db.session.execute(stmt.limit(1)).first() is not None:
        raise APIError(409, codigo, mensaje)


def _unico_seleccionado(plan: Plan) -> None:
    """One highlighted plan in the public catalogue: marking one unmarks the others."""
    if plan.seleccionado:
        db.session.execute(
            sa.update(Plan).where(Plan.id != plan.id, Plan.seleccionado.is_(True)).values(seleccionado=False)
        )


def crear_plan(data: dict) -> Plan:
    _nombre_libre(Plan, data["nombre"], None, "plan_duplicado", "Ya existe un plan con ese nombre.")
    plan = Plan(**data)
    db.session.add(plan)
    db.session.flush()
    _unico_seleccionado(plan)
    registrar("crear", "plan", plan.id, despues=_plan_snapshot(plan))
    return plan


def actualizar_plan(plan: Plan, data: dict) -> Plan:
    antes = _plan_snapshot(plan)
    if "nombre" in data:
        _nombre_libre(Plan, data["nombre"], plan.id, "plan_duplicado", "Ya existe un plan con ese nombre.")
    for campo, valor in data.items():
        setattr(plan, campo, valor)
    db.session.flush()
    _unico_seleccionado(plan)
    if "nombre" in data:  # Empresa.plan mirrors the name of the active subscription's plan
        activas = sa.select(Suscripcion.empresa_id).where(Suscripcion.plan_id == plan.id,
                                                          Suscripcion.estado == "activa")
        db.session.execute(sa.update(Empresa).where(Empresa.id.in_(activas)).values(plan=plan.nombre)
                           .execution_options(synchronize_session="fetch"))
    registrar("actualizar", "plan", plan.id, antes=antes, despues=_plan_snapshot(plan))
    return plan


def _uso_plan(plan_id: int) -> tuple[int, int]:
    """(non-cancelled, cancelled) subscriptions of a plan."""
    filas = db.session.execute(
        sa.select(Suscripcion.estado == "cancelada", sa.func.count())
        .where(Suscripcion.plan_id == plan_id).group_by(Suscripcion.estado == "cancelada")
    ).all()
    cuentas = {bool(cancelada): n for cancelada, n in filas}
    return cuentas.get(False, 0), cuentas.get(True, 0)


def eliminar_plan(plan: Plan) -> None:
    vigentes, canceladas = _uso_plan(plan.id)
    if vigentes:
        raise APIError(409, "plan_en_uso",
                       f"No se puede eliminar: {vigentes} suscripción(es) no cancelada(s) usan este plan.",
                       details={"motivo": "suscripciones_no_canceladas", "suscripciones": vigentes})
    if canceladas:
        raise APIError(409, "plan_con_historial",
                       f"No se puede eliminar: {canceladas} suscripción(es) cancelada(s) lo referencian "
                       "en el historial.",
                       details={"motivo": "historial_de_suscripciones", "suscripciones": canceladas})
    antes = _plan_snapshot(plan)
    plan_id = plan.id
    db.session.delete(plan)
    db.session.flush()
    registrar("eliminar", "plan", plan_id, antes=antes)


# --- services ---------------------------------------------------------------------------------

def obtener_servicio(servicio_id: int) -> Servicio:
    servicio = db.session.get(Servicio, servicio_id)
    if servicio is None:
        raise APIError(404, "servicio_no_encontrado", "El servicio no existe.")
    return servicio


def listar_servicios(args: dict) -> sa.Select:
    stmt = sa.select(Servicio)
    if args.get("q"):
        stmt = stmt.where(Servicio.nombre.ilike(f"%{like_escape(args['q'].strip())}%", escape="\\"))
    if args.get("activo") is not None:
        stmt = stmt.where(Servicio.activo.is_(args["activo"]))
    return ordenar(stmt, args.get("sort"), ORDEN_SERVICIOS, Servicio.id)


def crear_servicio(data: dict) -> Servicio:
    _nombre_libre(Servicio, data["nombre"], None, "servicio_duplicado", "Ya existe un servicio con ese nombre.")
    servicio = Servicio(**data)
    db.session.add(servicio)
    db.session.flush()
    registrar("crear", "servicio", servicio.id, despues=snapshot(servicio))
    return servicio


def actualizar_servicio(servicio: Servicio, data: dict) -> Servicio:
    antes = snapshot(servicio)
    if "nombre" in data:
        _nombre_libre(Servicio, data["nombre"], servicio.id, "servicio_duplicado",
                      "Ya existe un servicio con ese nombre.")
    for campo, valor in data.items():
        setattr(servicio, campo, valor)
    db.session.flush()
    registrar("actualizar", "servicio", servicio.id, antes=antes, despues=snapshot(servicio))
    return servicio


def toggle_servicio(servicio: Servicio) -> Servicio:
    antes = snapshot(servicio)
    servicio.activo = not servicio.activo
    db.session.flush()
    registrar("activar" if servicio.activo else "desactivar", "servicio", servicio.id,
              antes=antes, despues=snapshot(servicio))
    return servicio


def eliminar_servicio(servicio: Servicio) -> None:
    planes = db.session.execute(
        sa.select(Plan.nombre).distinct()
        .join(PlanServicio, PlanServicio.plan_id == Plan.id)
        .join(Suscripcion, Suscripcion.plan_id == Plan.id)
        .where(PlanServicio.servicio_id == servicio.id, Suscripcion.estado != "cancelada")
        .order_by(Plan.nombre)
    ).scalars().all()
    if planes:
        raise APIError(409, "servicio_en_uso",
                       "No se puede eliminar: lo incluyen planes con suscripciones no canceladas "
                       f"({', '.join(planes)}). Desactívelo con toggle o quítelo de esos planes.",
                       details={"motivo": "suscripciones_no_canceladas", "planes": list(planes)})
    antes = snapshot(servicio)
    servicio_id = servicio.id
    db.session.delete(servicio)  # its plan associations go with it (cascade)
    db.session.flush()
    registrar("eliminar", "servicio", servicio_id, antes=antes)


# --- plan <-> service ------------------------------------------------------------------------

def servicios_de_plan(plan: Plan) -> list[PlanServicio]:
    return list(plan.servicios)


def _asociacion(plan: Plan, servicio_id: int) -> PlanServicio | None:
    return next((ps for ps in plan.servicios if ps.servicio_id == servicio_id), None)


def asociar(plan: Plan, servicio: Servicio, cantidad: int | None) -> PlanServicio:
    if _asociacion(plan, servicio.id) is not None:
        raise APIError(409, "servicio_ya_asociado", "El servicio ya está en el plan; use PUT para cambiar la cantidad.")
    antes = _plan_snapshot(plan)
    ps = PlanServicio(plan=plan, servicio=servicio, cantidad=cantidad)
    db.session.add(ps)
    db.session.flush()
    registrar("asociar_servicio", "plan", plan.id, antes=antes, despues=_plan_snapshot(plan))
    return ps


def obtener_asociacion(plan: Plan, servicio_id: int) -> PlanServicio:
    ps = _asociacion(plan, servicio_id)
    if ps is None:
        raise APIError(404, "servicio_no_asociado", "El servicio no está en este plan.")
    return ps


def cambiar_cantidad(plan: Plan, servicio_id: int, cantidad: int | None) -> PlanServicio:
    ps = obtener_asociacion(plan, servicio_id)
    antes = _plan_snapshot(plan)
    ps.cantidad = cantidad
    db.session.flush()
    registrar("cambiar_cantidad", "plan", plan.id, antes=antes, despues=_plan_snapshot(plan))
    return ps


def desasociar(plan: Plan, servicio_id: int) -> None:
    ps = obtener_asociacion(plan, servicio_id)
    antes = _plan_snapshot(plan)
    plan.servicios.remove(ps)
    db.session.flush()
    registrar("quitar_servicio", "plan", plan.id, antes=antes, despues=_plan_snapshot(plan))


def reemplazar_servicios(plan: Plan, items: list[dict]) -> list[PlanServicio]:
    """Replace-all, atomically: unknown ids are a 422 and nothing changes."""
    ids = [item["servicio_id"] for item in items]
    existentes = set(db.session.execute(sa.select(Servicio.id).where(Servicio.id.in_(ids))).scalars()) if ids else set()
    faltan = [i for i in ids if i not in existentes]
    if faltan:
        raise APIError(422, "validacion", "Los datos enviados no son válidos.",
                       details={"servicios": [f"No existen los servicios: {', '.join(map(str, faltan))}."]})
    antes = _plan_snapshot(plan)
    actuales = {ps.servicio_id: ps for ps in plan.servicios}
    for servicio_id, ps in actuales.items():
        if servicio_id not in ids:
            plan.servicios.remove(ps)
    for item in items:
        ps = actuales.get(item["servicio_id"])
        if ps is None:
            cantidad = None if item["cantidad"] is MANTENER else item["cantidad"]
            plan.servicios.append(PlanServicio(servicio_id=item["servicio_id"], cantidad=cantidad))
        elif item["cantidad"] is not MANTENER:
            ps.cantidad = item["cantidad"]
    db.session.flush()
    db.session.expire(plan, ["servicios"])
    registrar("reemplazar_servicios", "plan", plan.id, antes=antes, despues=_plan_snapshot(plan))
    return list(plan.servicios)


def resumen() -> dict:
    planes = db.session.execute(sa.select(Plan).order_by(Plan.nombre, Plan.id)).scalars().all()
    servicios = db.session.execute(sa.select(Servicio).order_by(Servicio.nombre, Servicio.id)).scalars().all()
    activas = dict(db.session.execute(
        sa.select(Suscripcion.plan_id, sa.func.count()).where(Suscripcion.estado == "activa")
        .group_by(Suscripcion.plan_id)
    ).all())
    asociaciones = db.session.execute(sa.select(PlanServicio.servicio_id, PlanServicio.plan_id)).all()
    planes_por_servicio: dict[int, list[int]] = {}
    for servicio_id, plan_id in asociaciones:
        planes_por_servicio.setdefault(servicio_id, []).append(plan_id)
    return {
        "planes": [
            {"id": p.id, "nombre": p.nombre, "seleccionado": p.seleccionado, "servicios": list(p.servicios),
             "total_servicios": len(p.servicios), "suscripciones_activas": activas.get(p.id, 0)}
            for p in planes
        ],
        "servicios": [
            {"id": s.id, "nombre": s.nombre, "activo": s.activo, "planes": sorted(planes_por_servicio.get(s.id, []))}
            for s in servicios
        ],
        "totales": {"planes": len(planes), "servicios": len(servicios),
                    "servicios_activos": sum(1 for s in servicios if s.activo), "asociaciones": len(asociaciones)},
    }
