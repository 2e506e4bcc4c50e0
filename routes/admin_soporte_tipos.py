"""`/admin/soporte-tipos`: the catalogue of support types (modality, price, limits)."""

from __future__ import annotations

from routes.base import Blueprint
from routes.crud import Vista, registrar_crud
from schemas import soporte as esquemas
from services import soporte_tipos
from utils.security import ADMIN

blp = Blueprint("admin_soporte_tipos", __name__, url_prefix="/admin/soporte-tipos",
                acceso=ADMIN, description="Soporte: tipos de soporte (admin)")

registrar_crud(
    blp, soporte_tipos, esquemas.SoporteTipoSchema, id_param="tipo_id",
    listar=Vista("Lista paginada; filtros `q` (nombre), `modalidad`, `activo`.", esquemas.SoporteTipoListArgsSchema),
    obtener=Vista("Un tipo de soporte."),
    crear=Vista("Crea un tipo: `max_tickets` obligatorio para `por_tickets`, `max_horas` para `por_horas`.",
                esquemas.SoporteTipoSchema, errores={409: "Nombre duplicado"}),
    actualizar=Vista("Actualiza los campos enviados. La modalidad de un tipo ya contratado no cambia (409).",
                     esquemas.SoporteTipoUpdateSchema(partial=True), metodos=("PUT", "PATCH"),
                     errores={409: "Nombre duplicado o tipo con contratos (`soporte_tipo_en_uso`)"}),
    borrar=Vista("Borra un tipo sin contratos; uno ya contratado se desactiva con `activo: false` (409 aquí).",
                 errores={409: "El tipo tiene contratos (`soporte_tipo_en_uso`)"}),
)
