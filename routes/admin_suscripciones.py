"""`/admin/suscripciones`: plan subscriptions and their state machine.

Illegal actions answer 409 `transicion_invalida` with `details.estado_actual`.
"""

from __future__ import annotations

from functools import partial

from routes.base import Blueprint
from routes.crud import Vista, registrar_crud
from schemas import admin_suscripciones as esquemas
from services import suscripciones
from utils.security import ADMIN

blp = Blueprint("admin_suscripciones", __name__, url_prefix="/admin/suscripciones", acceso=ADMIN,
                description="Back office: suscripciones de plan")

# action -> (summary, body)
_ACCIONES = {
    "renovar": ("Renueva un periodo desde la fecha mayor entre hoy y `fecha_fin` (activa o inactiva -> activa).",
                esquemas.AdminAccionSchema),
    "cancelar": ("Cancela ya, o al final del periodo con `al_final_del_periodo` (sigue activa hasta `fecha_fin`).",
                 esquemas.AdminCancelarSchema),
    "suspender": ("Suspende una suscripción activa.", esquemas.AdminAccionSchema),
    "reactivar": ("Suspendida o inactiva -> activa; en una activa, deshace la cancelación programada.",
                  esquemas.AdminAccionSchema),
    "descuento": ("Aplica un descuento de 0 a 100 % y recalcula `precio_pagado`.", esquemas.AdminDescuentoSchema),
}

registrar_crud(
    blp, suscripciones, esquemas.AdminSuscripcionSchema, id_param="suscripcion_id",
    listar=Vista("Lista paginada; filtros `empresa_id`, `plan_id`, `estado`, `periodo`, `renovacion_automatica`,\n"
                 "`vence_antes`, `vence_despues`; orden `sort`.", esquemas.AdminSuscripcionListArgsSchema),
    obtener=Vista("Una suscripción."),
    crear=Vista("Crea una suscripción (una no cancelada por empresa; precio del plan y periodo).",
                esquemas.AdminSuscripcionCreateSchema, errores=(409,)),
    actualizar=Vista("Cambia `renovacion_automatica` o `notas` (el estado cambia solo con las acciones).",
                     esquemas.AdminSuscripcionUpdateSchema, errores=(409,)),
    acciones={accion: Vista(resumen, entrada, errores=(409,),
                            hacer=partial(suscripciones.ejecutar_accion, accion=accion))
              for accion, (resumen, entrada) in _ACCIONES.items()},
)
