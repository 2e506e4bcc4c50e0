"""`/admin/empresas`: companies (NIT validated and unique; DELETE is a soft delete)."""

from __future__ import annotations

from database.db import db
from routes.admin_base import AdminBlueprint, errores
from schemas.admin_empresas import (
    AdminEmpresaCreateSchema,
    AdminEmpresaListArgsSchema,
    AdminEmpresaSchema,
    AdminEmpresaUpdateSchema,
)
from services import empresas as svc
from utils.log import AppLogger
from utils.pagination import page_schema, paginate

blp = AdminBlueprint("admin_empresas", __name__, url_prefix="/admin/empresas",
                     description="Back office: empresas")
log = AppLogger.get("admin")


@blp.route("", methods=["GET"])
@blp.arguments(AdminEmpresaListArgsSchema, location="query")
@blp.response(200, page_schema(AdminEmpresaSchema))
@errores(blp, 422)
def listar(args):
    """Lista paginada; filtros `q` (NIT o nombre) y `estado`; orden `sort`."""
    return paginate(svc.listar(args), args["page"], args["per_page"])


@blp.route("/<int:empresa_id>", methods=["GET"])
@blp.response(200, AdminEmpresaSchema)
@errores(blp, 404)
def obtener(empresa_id):
    """Una empresa."""
    return svc.obtener(empresa_id)


@blp.route("", methods=["POST"])
@blp.arguments(AdminEmpresaCreateSchema)
@blp.response(201, AdminEmpresaSchema)
@errores(blp, 409, 422)
def crear(data):
    """Crea una empresa (NIT con o sin dígito de verificación; duplicado -> 409)."""
    empresa = svc.crear(data)
    db.session.commit()
    log.info("Empresa %s creada", empresa.id)
    return empresa


@blp.route("/<int:empresa_id>", methods=["PUT"])
@blp.arguments(AdminEmpresaUpdateSchema)
@blp.response(200, AdminEmpresaSchema)
@errores(blp, 404, 409, 422)
def actualizar(data, empresa_id):
    """Actualiza `nit`, `nombre`, `contacto`, `estado` (solo los campos enviados)."""
    empresa = svc.actualizar(svc.obtener(empresa_id), data)
    db.session.commit()
    return empresa


@blp.route("/<int:empresa_id>", methods=["DELETE"])
@blp.response(200, AdminEmpresaSchema)
@errores(blp, 404)
def desactivar(empresa_id):
    """Borrado lógico: la empresa queda `inactiva` y su licencia bloqueada (EMPRESA_INACTIVA)."""
    empresa = svc.cambiar_estado(svc.obtener(empresa_id), "inactiva")
    db.session.commit()
    log.info("Empresa %s desactivada", empresa.id)
    return empresa


@blp.route("/<int:empresa_id>/activar", methods=["POST"])
@blp.response(200, AdminEmpresaSchema)
@errores(blp, 404)
def activar(empresa_id):
    """Deshace el borrado lógico."""
    empresa = svc.cambiar_estado(svc.obtener(empresa_id), "activa")
    db.session.commit()
    log.info("Empresa %s activada", empresa.id)
    return empresa


blueprints = [blp]
