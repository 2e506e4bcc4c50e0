"""`/admin/soporte-pagos`: payments of support contracts; an `exitoso` one activates a pending contract."""

from __future__ import annotations

import sqlalchemy as sa

from database.db import db
from models import SoportePago
from routes.base import Blueprint
from schemas.soporte import SoportePagoListArgsSchema, SoportePagoSchema, SoportePagoUpdateSchema
from services import soporte
from utils.errors import APIError
from utils.pagination import page_schema, paginate
from utils.security import ADMIN, current_usuario

blp = Blueprint("admin_soporte_pagos", __name__, url_prefix="/admin/soporte-pagos",
                acceso=ADMIN, description="Soporte: pagos de contratos (admin)")


def _obtener(pago_id: int) -> SoportePago:
    pago = db.session.get(SoportePago, pago_id)
    if pago is None:
        raise APIError(404, "soporte_pago_no_encontrado", "El pago no existe.")
    return pago


@blp.route("", methods=["GET"])
@blp.arguments(SoportePagoListArgsSchema, location="query")
@blp.response(200, page_schema(SoportePagoSchema))
@blp.errores(422)
def listar(args):
    """Lista paginada; filtros `soporte_suscripcion_id`, `empresa_id`, `estado`."""
    stmt = sa.select(SoportePago).order_by(SoportePago.id.desc())
    for campo in ("soporte_suscripcion_id", "empresa_id", "estado"):
        if args.get(campo) is not None:
            stmt = stmt.where(getattr(SoportePago, campo) == args[campo])
    return paginate(stmt, args["page"], args["per_page"])


@blp.route("/<int:pago_id>", methods=["GET"])
@blp.response(200, SoportePagoSchema)
@blp.errores(404)
def obtener(pago_id):
    """Un pago."""
    return _obtener(pago_id)


@blp.route("", methods=["POST"])
@blp.arguments(SoportePagoSchema)
@blp.response(201, SoportePagoSchema)
@blp.errores(422)
def crear(data):
    """Registra un pago (`exitoso|fallido|pendiente`, `detalle` JSON). Un pago `exitoso` activa el
    contrato si estaba `pendiente_pago`."""
    pago = soporte.registrar_pago(data, creado_por=current_usuario().id)
    db.session.commit()
    return pago


@blp.route("/<int:pago_id>", methods=["PATCH"])
@blp.arguments(SoportePagoUpdateSchema)
@blp.response(200, SoportePagoSchema)
@blp.errores(404, 409, 422)
def actualizar(data, pago_id):
    """Un pago `pendiente` pasa a `exitoso` (activa el contrato pendiente) o `fallido`; `detalle` editable."""
    pago = soporte.actualizar_pago(_obtener(pago_id), data)
    db.session.commit()
    return pago

