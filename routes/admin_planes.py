"""`/admin/planes`: plans (delete refused while a subscription uses it)."""

from __future__ import annotations

from routes.base import Blueprint
from routes.crud import Vista, registrar_crud
from schemas import admin_catalogo as esquemas
from services import planes
from utils.security import ADMIN

blp = Blueprint("admin_planes", __name__, url_prefix="/admin/planes", acceso=ADMIN, description="Back office: planes")

registrar_crud(
    blp, planes, esquemas.AdminPlanSchema, id_param="plan_id",
    listar=Vista("Lista paginada con sus servicios; filtros `q`, `seleccionado`; orden `sort`.",
                 esquemas.AdminPlanListArgsSchema),
    obtener=Vista("Un plan con sus servicios."),
    crear=Vista("Crea un plan (nombre único).", esquemas.AdminPlanCreateSchema, errores=(409,)),
    actualizar=Vista("Actualiza un plan (solo los campos enviados). Los precios nuevos aplican en la próxima "
                     "renovación.", esquemas.AdminPlanUpdateSchema, errores=(409,)),
    borrar=Vista("Elimina un plan sin suscripciones (si alguna lo usa -> 409 con el motivo).", errores=(409,)),
)
