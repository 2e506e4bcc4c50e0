"""`/admin/soporte-suscripciones`: support contracts (create, list, cancel, renew, notes)."""

from __future__ import annotations

import sqlalchemy as sa

from database.db import db
from models import SoporteSuscripcion
from routes.base import Blueprint
from schemas.soporte import (
    SoporteSuscripcionAccionSchema,
    SoporteSuscripcionListArgsSchema,
    SoporteSuscripcionSchema,
    SoporteSuscripcionUpdateSchema,
)
from services import auditoria, soporte
from utils.errors import APIError
from utils.pagination import page_schema, paginate
from utils.security import ADMIN, current_usuario

blp = Blueprint("admin_soporte_suscripciones", __name__, url_prefix="/admin/soporte-suscripciones",
                acceso=ADMIN, description="Soporte: contratos de soporte (admin)")


def _obtener(contrato_id: int) -> SoporteSuscripcion:
    contrato = db.session.get(SoporteSuscripcion, contrato_id)
    if contrato is None:
        raise APIError(404, "soporte_suscripcion_no_encontrada", "El contrato de soporte no existe.")
    return contrato


@blp.route("", methods=["GET"])
@blp.arguments(SoporteSuscripcionListArgsSchema, location="query")
@blp.response(200, page_schema(SoporteSuscripcionSchema))
@blp.errores(422)
def listar(args):
    """Lista paginada; filtros `empresa_id`, `estado`, `soporte_tipo_id`."""
    stmt = sa.select(SoporteSuscripcion).order_by(SoporteSuscripcion.id.desc())
    for campo in ("empresa_id", "estado", "soporte_tipo_id"):
        if args.get(campo) is not None:
            stmt = stmt.where(getattr(SoporteSuscripcion, campo) == args[campo])
    return paginate(stmt, args["page"], args["per_page"])


@blp.route("/<int:contrato_id>", methods=["GET"])
@blp.response(200, SoporteSuscripcionSchema)
@blp.errores(404)
def obtener(contrato_id):
    """Un contrato de soporte con sus contadores."""
    return _obtener(contrato_id)


@blp.route("", methods=["POST"])
@blp.arguments(SoporteSuscripcionSchema)
@blp.response(201, SoporteSuscripcionSchema)
@blp.errores(404, 409, 422)
def crear(data):
    """Crea un contrato para la suscripción de plan de una empresa: `pendiente_pago` hasta un pago
    `exitoso`; `precio_actual` copia el precio del tipo. Periodo: 12 meses (`anual`) o 1 mes."""
    contrato = soporte.crear_contrato(data, creado_por=current_usuario().id)
    db.session.commit()
    return contrato


@blp.route("/<int:contrato_id>", methods=["PATCH", "PUT"])
@blp.arguments(SoporteSuscripcionUpdateSchema)
@blp.response(200, SoporteSuscripcionSchema)
@blp.errores(404, 422)
def actualizar(data, contrato_id):
    """Solo `notas` (estado y contadores cambian por acciones y pagos)."""
    contrato = _obtener(contrato_id)
    antes = auditoria.snapshot(contrato)
    if "notas" in data:
        contrato.notas = data["notas"]
    db.session.flush()
    auditoria.registrar("actualizar", "soporte_suscripcion", contrato.id, antes=antes,
                        despues=auditoria.snapshot(contrato), empresa_id=contrato.empresa_id)
    db.session.commit()
    return contrato


@blp.route("/<int:contrato_id>/cancelar", methods=["POST"])
@blp.arguments(SoporteSuscripcionAccionSchema)
@blp.response(200, SoporteSuscripcionSchema)
@blp.errores(404, 409, 422)
def cancelar(data, contrato_id):
    """`activo` o `pendiente_pago` -> `cancelado` (otro estado: 409)."""
    contrato = soporte.cancelar_contrato(contrato_id, data.get("notas"))
    db.session.commit()
    return contrato


@blp.route("/<int:contrato_id>/renovar", methods=["POST"])
@blp.arguments(SoporteSuscripcionAccionSchema)
@blp.response(200, SoporteSuscripcionSchema)
@blp.errores(404, 409, 422)
def renovar(data, contrato_id):
    """`activo` o `vencido` -> nuevo periodo desde hoy con contadores en cero (`activo`)."""
    contrato = soporte.renovar_contrato(contrato_id, data.get("notas"))
    db.session.commit()
    return contrato

