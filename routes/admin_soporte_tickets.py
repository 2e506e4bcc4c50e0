"""`/admin/soporte-tickets`: every company's tickets for the support team.

List, create on behalf of a company, get (with internal notes), PATCH, comments (`interno`),
close (with hours), reopen, cancel, availability, statistics and attachments.
"""

from __future__ import annotations

from database.db import db
from models import Empresa
from routes.base import Blueprint
from schemas.soporte import (
    AdminDisponibilidadSchema,
    AdminTicketDetalleSchema,
    AdminTicketListArgsSchema,
    AdminTicketSchema,
    ArchivoSchema,
    ComentarioCrearAdminSchema,
    ComentarioSchema,
    DisponibilidadArgsSchema,
    EstadisticasArgsSchema,
    EstadisticasSchema,
    TicketCerrarSchema,
    TicketCrearAdminSchema,
    TicketPatchSchema,
    UploadSchema,
    VacioSchema,
)
from services import soporte, tickets
from utils import file_handler
from utils.errors import APIError
from utils.pagination import page_schema, paginate
from utils.security import ADMIN, current_usuario

blp = Blueprint("admin_soporte_tickets", __name__, url_prefix="/admin/soporte-tickets",
                acceso=ADMIN, description="Soporte: tickets de todas las empresas (admin)")


def _empresa(empresa_id: int) -> Empresa:
    empresa = db.session.get(Empresa, empresa_id)
    if empresa is None:
        raise APIError(404, "empresa_no_encontrada", "La empresa indicada no existe.")
    return empresa


@blp.route("", methods=["GET"])
@blp.arguments(AdminTicketListArgsSchema, location="query")
@blp.response(200, page_schema(AdminTicketSchema))
@blp.errores(422)
def listar(args):
    """Lista paginada; filtros `estado`, `prioridad`, `empresa_id`, `asignado_a`, `q` (título o descripción)."""
    stmt = tickets.listar_stmt(empresa_id=args.get("empresa_id"), estado=args.get("estado"),
                               prioridad=args.get("prioridad"), q=args.get("q"), asignado_a=args.get("asignado_a"))
    return paginate(stmt, args["page"], args["per_page"])


@blp.route("", methods=["POST"])
@blp.arguments(TicketCrearAdminSchema)
@blp.response(201, AdminTicketSchema)
@blp.errores(404, 409, 422)
def crear(data):
    """Crea un ticket a nombre de una empresa, con las mismas reglas de cupo que el cliente
    (sin soporte activo: 403 `sin_soporte_activo`; cupo agotado: 409 `cupo_agotado`)."""
    empresa = _empresa(data.pop("empresa_id"))
    return tickets.crear_ticket(empresa, data, admin=current_usuario())


@blp.route("/disponibilidad", methods=["GET"])
@blp.arguments(DisponibilidadArgsSchema, location="query")
@blp.response(200, AdminDisponibilidadSchema)
@blp.errores(404, 422)
def disponibilidad(args):
    """Disponibilidad de soporte de una empresa (`?empresa_id=`): contrato vigente, cupos y horas."""
    empresa = _empresa(args["empresa_id"])
    return {"empresa_id": empresa.id, **soporte.calcular_disponibilidad_soporte(empresa.id)}


@blp.route("/estadisticas", methods=["GET"])
@blp.arguments(EstadisticasArgsSchema, location="query")
@blp.response(200, EstadisticasSchema)
@blp.errores(422)
def estadisticas(args):
    """Conteos por estado y prioridad, tiempos promedio (horas) de primera respuesta y de resolución
    (tickets creados entre `desde` y `hasta`), horas cerradas por empresa y mes (`empresa_id` opcional)."""
    return tickets.estadisticas(empresa_id=args.get("empresa_id"), desde=args.get("desde"), hasta=args.get("hasta"))


@blp.route("/<int:ticket_id>", methods=["GET"])
@blp.response(200, AdminTicketDetalleSchema)
@blp.errores(404)
def obtener(ticket_id):
    """Un ticket con todos sus comentarios (incluidas las notas internas)."""
    return tickets.obtener_ticket(ticket_id)


@blp.route("/<int:ticket_id>", methods=["PATCH"])
@blp.arguments(TicketPatchSchema)
@blp.response(200, AdminTicketSchema)
@blp.errores(404, 409, 422)
def actualizar(data, ticket_id):
    """Cambia `estado` (abierto, en_proceso, pendiente_respuesta; transición ilegal: 409), `prioridad`,
    `asignado_a` (un administrador activo o null). Cerrar y cancelar tienen sus propias acciones."""
    return tickets.actualizar_ticket(tickets.obtener_ticket(ticket_id), data, admin=current_usuario())


@blp.route("/<int:ticket_id>/comentarios", methods=["POST"])
@blp.arguments(ComentarioCrearAdminSchema)
@blp.response(201, ComentarioSchema)
@blp.errores(404, 409, 422)
def comentar(data, ticket_id):
    """Comentario del equipo. `interno: true` crea una nota interna (nunca visible al cliente). La
    primera respuesta pública fija `first_response_at` y avisa por correo al contacto de la empresa."""
    usuario = current_usuario()
    return tickets.comentar(tickets.obtener_ticket(ticket_id), data["contenido"], usuario=usuario,
                            es_admin=True, interno=data["interno"])


@blp.route("/<int:ticket_id>/cerrar", methods=["POST"])
@blp.arguments(TicketCerrarSchema)
@blp.response(200, AdminTicketSchema)
@blp.errores(404, 409, 422)
def cerrar(data, ticket_id):
    """Cierra el ticket; `horas_dedicadas` es obligatorio si el contrato es por horas y se suma a
    `horas_consumidas` (pasar el máximo queda registrado y marca el contrato como agotado)."""
    return tickets.cerrar_ticket(tickets.obtener_ticket(ticket_id), data.get("horas_dedicadas"),
                                 admin=current_usuario())


@blp.route("/<int:ticket_id>/reabrir", methods=["POST"])
@blp.arguments(VacioSchema)
@blp.response(200, AdminTicketSchema)
@blp.errores(404, 409, 422)
def reabrir(_data, ticket_id):
    """`cerrado` -> `abierto` (otro estado: 409)."""
    return tickets.reabrir_ticket(tickets.obtener_ticket(ticket_id), admin=current_usuario())


@blp.route("/<int:ticket_id>/cancelar", methods=["POST"])
@blp.arguments(VacioSchema)
@blp.response(200, AdminTicketSchema)
@blp.errores(404, 409, 422)
def cancelar(_data, ticket_id):
    """Cancela un ticket abierto; en contratos por tickets devuelve su cupo."""
    return tickets.cancelar_ticket(tickets.obtener_ticket(ticket_id), admin=current_usuario())


@blp.route("/<int:ticket_id>/archivos", methods=["POST"])
@file_handler.require_multipart
@blp.arguments(UploadSchema, location="files")
@blp.response(201, ArchivoSchema)
@blp.errores(404, 409, 413, 415, 422)
def subir(files, ticket_id):
    """Adjunta un archivo (multipart, campo `archivo`; 10 MB por archivo, 50 MB por ticket)."""
    ticket = tickets.obtener_ticket(ticket_id)
    return tickets.adjuntar(ticket, files["archivo"], usuario=current_usuario(), admin=True)


@blp.route("/<int:ticket_id>/archivos/<string:filename>", methods=["GET"])
@blp.response(200, description="El archivo (Content-Disposition: attachment)")
@blp.errores(404)
def descargar(ticket_id, filename):
    """Descarga un adjunto por su nombre almacenado."""
    ticket = tickets.obtener_ticket(ticket_id)
    return file_handler.enviar_archivo(ticket.id, tickets.obtener_archivo(ticket, filename))


@blp.route("/<int:ticket_id>/archivos/<string:filename>", methods=["DELETE"])
@blp.response(204)
@blp.errores(404)
def borrar_archivo(ticket_id, filename):
    """Borra el adjunto: la fila y el archivo."""
    tickets.borrar_adjunto(tickets.obtener_ticket(ticket_id), filename, admin=current_usuario())
    return None

