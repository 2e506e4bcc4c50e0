"""Plans and their entitlements (`PlanServicio.cantidad`: positive int, null = unlimited).

A plan still referenced by a subscription cannot be deleted (409 with the reason). One plan at most is
highlighted (`seleccionado`). Every change of a plan, its services included, is audited on the plan.
"""

from __future__ import annotations

import sqlalchemy as sa

from database.db import db
from models import Empresa, Plan, PlanServicio, Servicio, Suscripcion
from services import obtener_o_404
from services.auditoria import auditar, snapshot
from services.listados import consulta
from services.servicios import exigir_nombre_libre
from utils.errors import APIError

ORDEN = ("id", "nombre", "precio_mensual", "precio_anual", "created_at")
MANTENER = object()  # ids-only legacy item of a replace-all: keep the current cantidad (null if new)


def _plan_snapshot(plan: Plan) -> dict:
    data = snapshot(plan)
    data["servicios"] = [{"servicio_id": ps.servicio_id, "cantidad": ps.cantidad} for ps in plan.servicios]
    return data


def obtener(plan_id: int) -> Plan:
    return obtener_o_404(Plan, plan_id)


def listar(args: dict) -> sa.Select:
    return consulta(Plan, args, buscar=(Plan.nombre,), filtros=("seleccionado",), orden=ORDEN)


def _unico_seleccionado(plan: Plan) -> None:
    """One highlighted plan in the public catalogue: marking one unmarks the others."""
    if plan.seleccionado:
        db.session.execute(
            sa.update(Plan).where(Plan.id != plan.id, Plan.seleccionado.is_(True)).values(seleccionado=False)
        )


def crear(data: dict) -> Plan:
    exigir_nombre_libre(Plan, data["nombre"])
    with auditar("crear", foto=_plan_snapshot) as entrada:
        entrada.objeto = plan = Plan(**data)
        db.session.add(plan)
        db.session.flush()
        _unico_seleccionado(plan)
    return plan


def actualizar(plan: Plan, data: dict) -> Plan:
    """Only the fields sent; new prices apply from the next renewal. A new name is mirrored on
    `Empresa.plan` of the companies whose active subscription uses the plan."""
    if "nombre" in data:
        exigir_nombre_libre(Plan, data["nombre"], excepto=plan.id)
    with auditar("actualizar", plan, foto=_plan_snapshot):
        for campo, valor in data.items():
            setattr(plan, campo, valor)
        db.session.flush()
        _unico_seleccionado(plan)
        if "nombre" in data:
            activas = sa.select(Suscripcion.empresa_id).where(Suscripcion.plan_id == plan.id,
                                                              Suscripcion.estado == "activa")
            db.session.execute(sa.update(Empresa).where(Empresa.id.in_(activas)).values(plan=plan.nombre)
                               .execution_options(synchronize_session="fetch"))
    return plan


def _uso(plan: Plan) -> tuple[int, int]:
    """(non-cancelled, cancelled) subscriptions of a plan."""
    filas = db.session.execute(
        sa.select(Suscripcion.estado == "cancelada", sa.func.count())
        .where(Suscripcion.plan_id == plan.id).group_by(Suscripcion.estado == "cancelada")
    ).all()
    cuentas = {bool(cancelada): n for cancelada, n in filas}
    return cuentas.get(False, 0), cuentas.get(True, 0)


def borrar(plan: Plan) -> None:
    vigentes, canceladas = _uso(plan)
    if vigentes:
        raise APIError(409, "plan_en_uso",
                       f"No se puede eliminar: {vigentes} suscripción(es) no cancelada(s) usan este plan.",
                       details={"motivo": "suscripciones_no_canceladas", "suscripciones": vigentes})
    if canceladas:
        raise APIError(409, "plan_con_historial",
                       f"No se puede eliminar: {canceladas} suscripción(es) cancelada(s) lo referencian "
                       "en el historial.",
                       details={"motivo": "historial_de_suscripciones", "suscripciones": canceladas})
    with auditar("eliminar", plan, foto=_plan_snapshot):
        db.session.delete(plan)


# --- the plan's services -------------------------------------------------------------------------

def servicios_de(plan: Plan) -> dict:
    return {"items": list(plan.servicios)}


def _asociacion(plan: Plan, servicio_id: int) -> PlanServicio | None:
    return next((ps for ps in plan.servicios if ps.servicio_id == servicio_id), None)


def obtener_asociacion(plan: Plan, servicio_id: int) -> PlanServicio:
    """The service's entitlement in the plan; its own 404 (`servicio_no_asociado`), not the service's."""
    ps = _asociacion(plan, servicio_id)
    if ps is None:
        raise APIError(404, "servicio_no_asociado", "El servicio no está en este plan.")
    return ps


def asociar(plan: Plan, servicio: Servicio, cantidad: int | None) -> PlanServicio:
    if _asociacion(plan, servicio.id) is not None:
        raise APIError(409, "servicio_ya_asociado", "El servicio ya está en el plan; use PUT para cambiar la cantidad.")
    with auditar("asociar_servicio", plan, foto=_plan_snapshot):
        ps = PlanServicio(plan=plan, servicio=servicio, cantidad=cantidad)
        db.session.add(ps)
    return ps


def cambiar_cantidad(plan: Plan, servicio_id: int, cantidad: int | None) -> PlanServicio:
    ps = obtener_asociacion(plan, servicio_id)
    with auditar("cambiar_cantidad", plan, foto=_plan_snapshot):
        ps.cantidad = cantidad
    return ps


def desasociar(plan: Plan, servicio_id: int) -> None:
    ps = obtener_asociacion(plan, servicio_id)
    with auditar("quitar_servicio", plan, foto=_plan_snapshot):
        plan.servicios.remove(ps)


def reemplazar_servicios(plan: Plan, items: list[dict]) -> dict:
    """Replace-all, atomically: unknown ids are a 422 and nothing changes."""
    ids = [item["servicio_id"] for item in items]
    existentes = set(db.session.execute(sa.select(Servicio.id).where(Servicio.id.in_(ids))).scalars()) if ids else set()
    faltan = [i for i in ids if i not in existentes]
    if faltan:
        raise APIError(422, "validacion", "Los datos enviados no son válidos.",
                       details={"servicios": [f"No existen los servicios: {', '.join(map(str, faltan))}."]})
    with auditar("reemplazar_servicios", plan, foto=_plan_snapshot):
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
    return servicios_de(plan)


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
