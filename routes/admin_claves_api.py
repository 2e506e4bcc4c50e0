"""`/admin/claves-api`: one API key per SaaS instance (scoped to companies and permissions)."""

from __future__ import annotations

from routes.base import Blueprint
from routes.crud import Vista, registrar_crud
from schemas import claves_api as esquemas
from services import claves_api
from utils.security import ADMIN

blp = Blueprint("admin_claves_api", __name__, url_prefix="/admin/claves-api",
                acceso=ADMIN, description="Claves API de las instancias SaaS (admin)")

registrar_crud(
    blp, claves_api, esquemas.ClaveApiSchema, id_param="clave_id",
    listar=Vista("Lista paginada (nunca incluye la clave); filtros `q`, `revocada`.", esquemas.ClaveApiListArgsSchema),
    obtener=Vista("Una clave (sin el secreto)."),
    crear=Vista("Emite una clave: `clave` se muestra solo en esta respuesta.", esquemas.ClaveApiSchema,
                respuesta=esquemas.ClaveApiConClaveSchema, errores={422: "Empresa inexistente o datos no válidos"}),
    borrar=Vista("Revoca la clave: se rechaza de inmediato (401).", estado=200, nombre="revocar"),
    acciones={"rotar": Vista("Nuevo secreto (mostrado solo aquí); el anterior sirve `gracia_minutos` más.",
                             esquemas.RotarClaveSchema, respuesta=esquemas.ClaveApiConClaveSchema,
                             errores={409: "Clave revocada", 422: "Datos no válidos"})},
)
