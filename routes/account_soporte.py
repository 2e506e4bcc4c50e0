"""`/account/soporte/*`: a customer's support tickets (their company's only; never internal notes).

Same rules and shapes as the internal support API; the company is the logged-in user's.
"""

from __future__ import annotations

from routes.base import Blueprint
from schemas.soporte import (
    ArchivoEnvelopeSchema,
    ComentarioCrearSchema,
    ComentarioEnvelopeSchema,
    DisponibilidadSchema,
    TicketConComentariosSchema,
    TicketCrearClienteSchema,
    TicketEnvelopeSchema,
    TicketListArgsSchema,
    TicketSchema,
    UploadSchema,
)
from services import soporte, tickets
from utils import file_handler
from utils.pagination import page_schema, paginate
from utils.security import CLIENTE, current_usuario, empresa_del_cliente

blp = Blueprint("account_soporte", __name__, url_prefix="/account/soporte",
                              acceso=CLIENTE, description="Cuenta: tickets de soporte de mi empresa")


def _ticket(ticket_id: int):
    return tickets.obtener_ticket(ticket_id, empresa_id=empresa_del_cliente().id)


@blp.route("/tickets", methods=["GET"])
@blp.arguments(TicketListArgsSchema, location="query")
@blp.response(200, page_schema(TicketSchema))
@blp.errores(422)
def listar(args):
    """Tickets de mi empresa, paginados; filtros `estado`, `prioridad`."""
    stmt = tickets.listar_stmt(empresa_id=empresa_del_cliente().id, estado=args.get("estado"),
                               prioridad=args.get("prioridad"))
    return paginate(stmt, args["page"], args["per_page"])


@blp.route("/tickets", methods=["POST"])
@blp.arguments(TicketCrearClienteSchema)
@blp.response(201, TicketEnvelopeSchema)
@blp.errores(409, 422)
def crear(data):
    """Abre un ticket de mi empresa (sin soporte activo: 403 `sin_soporte_activo`; cupo agotado: 409)."""
    return {"ticket": tickets.crear_ticket(empresa_del_cliente(), data, usuario=current_usuario())}


@blp.route("/tickets/<int:ticket_id>", methods=["GET"])
@blp.response(200, TicketConComentariosSchema)
@blp.errores(404)
def obtener(ticket_id):
    """Un ticket de mi empresa con sus comentarios públicos."""
    ticket = _ticket(ticket_id)
    return {"ticket": ticket, "comentarios": tickets.comentarios(ticket, incluir_internos=False)}


@blp.route("/tickets/<int:ticket_id>/comentarios", methods=["POST"])
@blp.arguments(ComentarioCrearSchema)
@blp.response(201, ComentarioEnvelopeSchema)
@blp.errores(404, 409, 422)
def comentar(data, ticket_id):
    """Comenta un ticket de mi empresa; en `pendiente_respuesta` vuelve a `en_proceso`."""
    ticket = _ticket(ticket_id)
    return {"comentario": tickets.comentar(ticket, data["contenido"], usuario=current_usuario())}


@blp.route("/tickets/<int:ticket_id>/archivos", methods=["POST"])
@file_handler.require_multipart
@blp.arguments(UploadSchema, location="files")
@blp.response(201, ArchivoEnvelopeSchema)
@blp.errores(404, 409, 413, 415, 422)
def subir(files, ticket_id):
    """Adjunta un archivo (multipart, campo `archivo`; 10 MB por archivo, 50 MB por ticket)."""
    return {"archivo": tickets.adjuntar(_ticket(ticket_id), files["archivo"], usuario=current_usuario())}


@blp.route("/tickets/<int:ticket_id>/archivos/<string:filename>", methods=["GET"])
@blp.response(200, description="El archivo (Content-Disposition: attachment)")
@blp.errores(404)
def descargar(ticket_id, filename):
    """Descarga un adjunto de un ticket de mi empresa."""
    ticket = _ticket(ticket_id)
    return file_handler.enviar_archivo(ticket.id, tickets.obtener_archivo(ticket, filename))


@blp.route("/disponibilidad", methods=["GET"])
@blp.response(200, DisponibilidadSchema)
def disponibilidad():
    """Soporte de mi empresa: `{activo, modalidad, fecha_fin, tickets_disponibles, horas_disponibles}`."""
    return soporte.calcular_disponibilidad_soporte(empresa_del_cliente().id)

