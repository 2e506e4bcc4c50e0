"""`/account/soporte/*`: a customer's support tickets (their company's only; never internal notes).

Same rules and shapes as the internal support API (services.tickets); the company is the logged-in user's.
"""

from __future__ import annotations

from routes.base import Blueprint
from schemas import soporte as esquemas
from services import soporte, tickets
from utils import file_handler
from utils.pagination import page_schema, paginate
from utils.security import CLIENTE, current_usuario, empresa_del_cliente

blp = Blueprint("account_soporte", __name__, url_prefix="/account/soporte", acceso=CLIENTE,
                description="Cuenta: tickets de soporte de mi empresa")


def _ticket(ticket_id: int):
    return tickets.obtener(ticket_id, empresa_id=empresa_del_cliente().id)


@blp.route("/tickets", methods=["GET"])
@blp.arguments(esquemas.TicketListArgsSchema, location="query")
@blp.response(200, page_schema(esquemas.TicketSchema))
def listar(args):
    """Tickets de mi empresa, paginados; filtros `estado`, `prioridad`."""
    return paginate(tickets.listar(args, empresa_id=empresa_del_cliente().id), args["page"], args["per_page"])


@blp.route("/tickets", methods=["POST"], errores={409: "Cupo agotado (`cupo_agotado`)"})
@blp.arguments(esquemas.TicketCrearClienteSchema)
@blp.response(201, esquemas.TicketEnvelopeSchema)
def crear(data):
    """Abre un ticket de mi empresa (sin soporte activo: 403 `sin_soporte_activo`; cupo agotado: 409)."""
    return {"ticket": tickets.crear(empresa_del_cliente(), data, usuario=current_usuario())}


@blp.route("/tickets/<int:ticket_id>", methods=["GET"])
@blp.response(200, esquemas.TicketConComentariosSchema)
def obtener(ticket_id):
    """Un ticket de mi empresa con sus comentarios públicos."""
    return tickets.detalle_publico(_ticket(ticket_id))


@blp.route("/tickets/<int:ticket_id>/comentarios", methods=["POST"], errores={409: "El ticket está cerrado"})
@blp.arguments(esquemas.ComentarioCrearSchema)
@blp.response(201, esquemas.ComentarioEnvelopeSchema)
def comentar(data, ticket_id):
    """Comenta un ticket de mi empresa; en `pendiente_respuesta` vuelve a `en_proceso`."""
    return {"comentario": tickets.comentar_como_cliente(_ticket(ticket_id), data, usuario=current_usuario())}


@file_handler.subida(blp, "/tickets/<int:ticket_id>/archivos", esquemas.ArchivoEnvelopeSchema)
def subir(files, ticket_id):
    """Adjunta un archivo (multipart, campo `archivo`; 10 MB por archivo, 50 MB por ticket)."""
    return {"archivo": tickets.adjuntar(_ticket(ticket_id), files["archivo"], usuario=current_usuario())}


@blp.route("/tickets/<int:ticket_id>/archivos/<string:filename>", methods=["GET"])
@blp.response(200, description="El archivo (Content-Disposition: attachment)")
def descargar(ticket_id, filename):
    """Descarga un adjunto de un ticket de mi empresa."""
    return tickets.descargar(_ticket(ticket_id), filename)


@blp.route("/disponibilidad", methods=["GET"])
@blp.response(200, esquemas.DisponibilidadSchema)
def disponibilidad():
    """Soporte de mi empresa: `{activo, modalidad, fecha_fin, tickets_disponibles, horas_disponibles}`."""
    return soporte.calcular_disponibilidad_soporte(empresa_del_cliente().id)
