"""`/admin/empresas`: companies (NIT validated and unique; DELETE is a soft delete; self-service
companies wait `pendiente` for `aprobar` or `rechazar`)."""

from __future__ import annotations

from routes.base import Blueprint
from routes.crud import Vista, registrar_crud
from schemas import admin_empresas as esquemas
from services import empresas
from utils.security import ADMIN

blp = Blueprint("admin_empresas", __name__, url_prefix="/admin/empresas", acceso=ADMIN,
                description="Back office: empresas")

_NIT_DUPLICADO = {409: "NIT duplicado (`nit_duplicado`) o cambio de estado no permitido (`transicion_invalida`)"}
_SOLO_PENDIENTE = {409: "La empresa no está `pendiente` (`transicion_invalida`)"}

registrar_crud(
    blp, empresas, esquemas.AdminEmpresaSchema, id_param="empresa_id",
    listar=Vista("Lista paginada; filtros `q` (NIT o nombre) y `estado`; orden `sort`.",
                 esquemas.AdminEmpresaListArgsSchema),
    obtener=Vista("Una empresa."),
    crear=Vista("Crea una empresa (NIT con o sin dígito de verificación; duplicado -> 409 `nit_duplicado`).",
                esquemas.AdminEmpresaCreateSchema, errores=_NIT_DUPLICADO),
    actualizar=Vista("Actualiza `nit`, `nombre`, `contacto`, `estado` (solo los campos enviados).",
                     esquemas.AdminEmpresaUpdateSchema, errores=_NIT_DUPLICADO),
    borrar=Vista("Borrado lógico: la empresa queda `inactiva` y su licencia bloqueada (EMPRESA_INACTIVA).",
                 estado=200, nombre="desactivar", errores={409: "Empresa `pendiente` (`transicion_invalida`)"}),
    acciones={
        "activar": Vista("Deshace el borrado lógico.", errores={409: "Empresa `pendiente` (`transicion_invalida`)"}),
        "aprobar": Vista("Aprueba una empresa `pendiente` (registro de autoservicio): queda `activa`.",
                         errores=_SOLO_PENDIENTE),
        "rechazar": Vista("Rechaza una empresa `pendiente`: se borra con sus usuarios y suscripciones "
                          "(el NIT y los correos quedan libres). Responde la empresa con `estado: rechazada`.",
                          errores={409: "La empresa no está `pendiente` (`transicion_invalida`) o tiene "
                                        "contratos de soporte (`empresa_con_soporte`)"}),
    },
)
