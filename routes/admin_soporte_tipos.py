"""`/admin/soporte-tipos`: the catalogue of support types (modality, price, limits)."""

from __future__ import annotations

import sqlalchemy as sa
from marshmallow import ValidationError

from database.db import db
from models import SoporteSuscripcion, SoporteTipo
from routes.base import Blueprint
from schemas.soporte import SoporteTipoListArgsSchema, SoporteTipoSchema, SoporteTipoUpdateSchema, validar_limites
from services import auditoria
from utils.errors import APIError
from utils.pagination import page_schema, paginate
from utils.security import ADMIN

blp = Blueprint("admin_soporte_tipos", __name__, url_prefix="/admin/soporte-tipos",
                acceso=ADMIN, description="Soporte: tipos de soporte (admin)")


def _obtener(tipo_id: int) -> SoporteTipo:
    tipo = db.session.get(SoporteTipo, tipo_id)
    if tipo is None:
        raise APIError(404, "soporte_tipo_no_encontrado", "El tipo de soporte no existe.")
    return tipo


def _en_uso(tipo_id: int) -> bool:
    return db.session.execute(
        sa.select(SoporteSuscripcion.id).where(SoporteSuscripcion.soporte_tipo_id == tipo_id).limit(1)
    ).first() is not None


@blp.route("", methods=["GET"])
@blp.arguments(SoporteTipoListArgsSchema, location="query")
@blp.response(200, page_schema(SoporteTipoSchema))
@blp.errores(422)
def listar(args):
    """Lista paginada; filtros `q` (nombre), `modalidad`, `activo`."""
    stmt = sa.select(SoporteTipo).order_by(SoporteTipo.id)
    if args.get("q"):
        stmt = stmt.where(SoporteTipo.nombre.ilike(f"%{args['q']}%"))
    if args.get("modalidad"):
        stmt = stmt.where(SoporteTipo.modalidad == args["modalidad"])
    if "activo" in args:
        stmt = stmt.where(SoporteTipo.activo.is_(args["activo"]))
    return paginate(stmt, args["page"], args["per_page"])


@blp.route("/<int:tipo_id>", methods=["GET"])
@blp.response(200, SoporteTipoSchema)
@blp.errores(404)
def obtener(tipo_id):
    """Un tipo de soporte."""
    return _obtener(tipo_id)


@blp.route("", methods=["POST"])
@blp.arguments(SoporteTipoSchema)
@blp.response(201, SoporteTipoSchema)
@blp.errores(409, 422)
def crear(data):
    """Crea un tipo: `max_tickets` obligatorio para `por_tickets`, `max_horas` para `por_horas`."""
    tipo = SoporteTipo(**data)
    db.session.add(tipo)
    db.session.flush()
    auditoria.registrar("crear", "soporte_tipo", tipo.id, despues=auditoria.snapshot(tipo))
    db.session.commit()
    return tipo


@blp.route("/<int:tipo_id>", methods=["PUT", "PATCH"])
@blp.arguments(SoporteTipoUpdateSchema(partial=True))
@blp.response(200, SoporteTipoSchema)
@blp.errores(404, 409, 422)
def actualizar(data, tipo_id):
    """Actualiza los campos enviados. La modalidad de un tipo ya contratado no cambia (409)."""
    tipo = _obtener(tipo_id)
    modalidad = data.get("modalidad", tipo.modalidad)
    if modalidad != tipo.modalidad and _en_uso(tipo.id):
        raise APIError(409, "soporte_tipo_en_uso", "El tipo ya tiene contratos: su modalidad no puede cambiar.")
    try:
        validar_limites(modalidad, data.get("max_tickets", tipo.max_tickets if modalidad == tipo.modalidad else None),
                        data.get("max_horas", tipo.max_horas if modalidad == tipo.modalidad else None))
    except ValidationError as exc:
        raise APIError(422, "validacion", "Los datos enviados no son válidos.", details=exc.messages) from exc
    antes = auditoria.snapshot(tipo)
    if modalidad != tipo.modalidad:
        tipo.max_tickets = None
        tipo.max_horas = None
    for campo, valor in data.items():
        setattr(tipo, campo, valor)
    db.session.flush()
    auditoria.registrar("actualizar", "soporte_tipo", tipo.id, antes=antes, despues=auditoria.snapshot(tipo))
    db.session.commit()
    return tipo


@blp.route("/<int:tipo_id>", methods=["DELETE"])
@blp.response(204)
@blp.errores(404, 409)
def borrar(tipo_id):
    """Borra un tipo sin contratos; uno ya contratado se desactiva con `activo: false` (409 aquí)."""
    tipo = _obtener(tipo_id)
    if _en_uso(tipo.id):
        raise APIError(409, "soporte_tipo_en_uso",
                       "El tipo tiene contratos: desactívelo (activo=false) en lugar de borrarlo.")
    auditoria.registrar("borrar", "soporte_tipo", tipo.id, antes=auditoria.snapshot(tipo))
    db.session.delete(tipo)
    db.session.commit()
    return None

