"""`/admin/empresas`: companies (NIT validated and unique; DELETE is a soft delete)."""

from __future__ import annotations

from routes.base import Blueprint
from routes.crud import Vista, registrar_crud
from schemas import admin_empresas as esquemas
from services import empresas
from utils.security import ADMIN

blp = Blueprint("admin_empresas", __name__, url_prefix="/admin/empresas", acceso=ADMIN,
                description="Back office: empresas")

_NIT_DUPLICADO = {409: "NIT duplicado (`nit_duplicado`)"}

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
                 estado=200, nombre="desactivar"),
    acciones={"activar": Vista("Deshace el borrado lógico.")},
)
