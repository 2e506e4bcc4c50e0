"""`/admin/servicios`: the service catalogue (toggle switches a service off without deleting it)."""

from __future__ import annotations

from routes.base import Blueprint
from routes.crud import Vista, registrar_crud
from schemas import admin_catalogo as esquemas
from services import servicios
from utils.security import ADMIN

blp = Blueprint("admin_servicios", __name__, url_prefix="/admin/servicios", acceso=ADMIN,
                description="Back office: servicios")

registrar_crud(
    blp, servicios, esquemas.AdminServicioSchema, id_param="servicio_id",
    listar=Vista("Lista paginada; filtros `q`, `activo`; orden `sort`.", esquemas.AdminServicioListArgsSchema),
    obtener=Vista("Un servicio."),
    crear=Vista("Crea un servicio (nombre único; `url_api` http/https).", esquemas.AdminServicioCreateSchema,
                errores=(409,)),
    actualizar=Vista("Actualiza un servicio (solo los campos enviados).", esquemas.AdminServicioUpdateSchema,
                     errores=(409,)),
    borrar=Vista("Elimina un servicio que ningún plan con suscripciones no canceladas incluye (si no -> 409).",
                 errores=(409,)),
    acciones={"toggle": Vista("Activa/desactiva: un servicio inactivo desaparece de las licencias, no se borra.")},
)
