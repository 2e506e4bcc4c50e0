"""`/admin/soporte-pagos`: payments of support contracts; an `exitoso` one activates a pending contract."""

from __future__ import annotations

from routes.base import Blueprint
from routes.crud import Vista, registrar_crud
from schemas import soporte as esquemas
from services import soporte
from utils.security import ADMIN, current_usuario

blp = Blueprint("admin_soporte_pagos", __name__, url_prefix="/admin/soporte-pagos",
                acceso=ADMIN, description="Soporte: pagos de contratos (admin)")

registrar_crud(
    blp, soporte.pagos, esquemas.SoportePagoSchema, id_param="pago_id",
    listar=Vista("Lista paginada; filtros `soporte_suscripcion_id`, `empresa_id`, `estado`.",
                 esquemas.SoportePagoListArgsSchema),
    obtener=Vista("Un pago."),
    crear=Vista("Registra un pago (`exitoso|fallido|pendiente`, `detalle` JSON). Un pago `exitoso` activa el "
                "contrato si estaba `pendiente_pago`.", esquemas.SoportePagoSchema,
                hacer=lambda data: soporte.crear_pago(data, creado_por=current_usuario().id)),
    actualizar=Vista("Un pago `pendiente` pasa a `exitoso` (activa el contrato pendiente) o `fallido`; `detalle` "
                     "editable.", esquemas.SoportePagoUpdateSchema, metodos=("PATCH",),
                     errores={409: "Solo un pago `pendiente` cambia de estado"}),
)
