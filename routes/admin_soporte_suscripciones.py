"""`/admin/soporte-suscripciones`: support contracts (create, list, cancel, renew, notes)."""

from __future__ import annotations

from routes.base import Blueprint
from routes.crud import Vista, registrar_crud
from schemas import soporte as esquemas
from services import soporte
from utils.security import ADMIN, current_usuario

blp = Blueprint("admin_soporte_suscripciones", __name__, url_prefix="/admin/soporte-suscripciones",
                acceso=ADMIN, description="Soporte: contratos de soporte (admin)")

_TRANSICION = {409: "La acción no está permitida en el estado del contrato (`transicion_invalida`)"}

registrar_crud(
    blp, soporte.contratos, esquemas.SoporteSuscripcionSchema, id_param="contrato_id",
    listar=Vista("Lista paginada; filtros `empresa_id`, `estado`, `soporte_tipo_id`.",
                 esquemas.SoporteSuscripcionListArgsSchema),
    obtener=Vista("Un contrato de soporte con sus contadores."),
    crear=Vista("Crea un contrato para la suscripción de plan de una empresa: `pendiente_pago` hasta un pago "
                "`exitoso`; `precio_actual` copia el precio del tipo. Periodo: 12 meses (`anual`) o 1 mes.",
                esquemas.SoporteSuscripcionSchema,
                errores={404: "La empresa no existe", 409: "Contrato abierto o suscripción cancelada"},
                hacer=lambda data: soporte.crear_contrato(data, creado_por=current_usuario().id)),
    actualizar=Vista("Solo `notas` (estado y contadores cambian por acciones y pagos).",
                     esquemas.SoporteSuscripcionUpdateSchema, metodos=("PATCH", "PUT")),
    acciones={
        "cancelar": Vista("`activo` o `pendiente_pago` -> `cancelado` (otro estado: 409).",
                          esquemas.SoporteSuscripcionAccionSchema, errores=_TRANSICION),
        "renovar": Vista("`activo` o `vencido` -> nuevo periodo desde hoy con contadores en cero (`activo`).",
                         esquemas.SoporteSuscripcionAccionSchema, errores=_TRANSICION),
    },
)
