"""`/admin/empresas`: companies (NIT validated and unique; DELETE is a soft delete)."""

from __future__ import annotations

from routes.base import Blueprint
from schemas.admin_empresas import (
    AdminEmpresaCreateSchema,
    AdminEmpresaListArgsSchema,
    AdminEmpresaSchema,
    AdminEmpresaUpdateSchema,
)
from services import empresas
from utils.pagination import page_schema, paginate
from utils.security import ADMIN

blp = Blueprint("admin_empresas", __name__, url_prefix="/admin/empresas", acceso=ADMIN,
                description="Back office: empresas")


@blp.route("", methods=["GET"])
@blp.arguments(AdminEmpresaListArgsSchema, location="query")
@blp.response(200, page_schema(AdminEmpresaSchema))
def listar(args):
    """Lista paginada; filtros `q` (NIT o nombre) y `estado`; orden `sort`."""
    return paginate(empresas.listar(args), args["page"], args["per_page"])


@blp.route("/<int:empresa_id>", methods=["GET"])
@blp.response(200, AdminEmpresaSchema)
def obtener(empresa_id):
    """Una empresa."""
    return empresas.obtener(empresa_id)


@blp.route("", methods=["POST"], errores={409: "NIT duplicado (`nit_duplicado`)"})
@blp.arguments(AdminEmpresaCreateSchema)
@blp.response(201, AdminEmpresaSchema)
def crear(data):
    """Crea una empresa (NIT con o sin dígito de verificación; duplicado -> 409 `nit_duplicado`)."""
    return empresas.crear(data)


@blp.route("/<int:empresa_id>", methods=["PUT"], errores={409: "NIT duplicado (`nit_duplicado`)"})
@blp.arguments(AdminEmpresaUpdateSchema)
@blp.response(200, AdminEmpresaSchema)
def actualizar(data, empresa_id):
    """Actualiza `nit`, `nombre`, `contacto`, `estado` (solo los campos enviados)."""
    return empresas.actualizar(empresas.obtener(empresa_id), data)


@blp.route("/<int:empresa_id>", methods=["DELETE"])
@blp.response(200, AdminEmpresaSchema)
def desactivar(empresa_id):
    """Borrado lógico: la empresa queda `inactiva` y su licencia bloqueada (EMPRESA_INACTIVA)."""
    return empresas.cambiar_estado(empresas.obtener(empresa_id), "inactiva")


@blp.route("/<int:empresa_id>/activar", methods=["POST"])
@blp.response(200, AdminEmpresaSchema)
def activar(empresa_id):
    """Deshace el borrado lógico."""
    return empresas.cambiar_estado(empresas.obtener(empresa_id), "activa")
