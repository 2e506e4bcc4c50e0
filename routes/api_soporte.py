"""`/api/internal/support/*`: the private support API for SaaS instances.

Every call needs `X-API-Key` (SAAS_API_KEY; outside production also SUPPORT_API_DEV_KEY) and
`X-Empresa-Id` (except `/health`). An instance only ever sees its company's tickets (others: 404)
and never sees internal notes.
"""

from __future__ import annotations

from flask import g

from routes.base import Blueprint
from schemas import soporte as esquemas
from services import soporte, tickets
from utils import file_handler
from utils.pagination import page_schema, paginate
from utils.security import INSTANCIA, INSTANCIA_SIN_EMPRESA

blp = Blueprint("api_soporte", __name__, url_prefix="/api/internal/support", acceso=INSTANCIA,
                description="API interna de soporte para instancias SaaS (X-API-Key + X-Empresa-Id)")


def _ticket(ticket_id: int):
    return tickets.obtener(ticket_id, empresa_id=g.empresa.id)


@blp.route("/create_tickets", methods=["POST"], errores={403: "Sin soporte activo (`sin_soporte_activo`)",
                                                          409: "Cupo agotado (`cupo_agotado`)"})
@blp.arguments(esquemas.TicketCrearApiSchema)
@blp.response(201, esquemas.TicketEnvelopeSchema)
def crear_ticket(data):
    """Crea un ticket de la empresa. Sin soporte activo y vigente: 403 `sin_soporte_activo`;
    cupo agotado: 409 `cupo_agotado`; `usuario_id` debe ser de la empresa (422)."""
    return {"ticket": tickets.crear(g.empresa, data)}


@blp.route("/tickets", methods=["GET"])
@blp.arguments(esquemas.TicketListArgsSchema, location="query")
@blp.response(200, page_schema(esquemas.TicketSchema))
def listar(args):
    """Tickets de la empresa, paginados; filtros `estado`, `prioridad`."""
    return paginate(tickets.listar(args, empresa_id=g.empresa.id), args["page"], args["per_page"])


@blp.route("/ticket_id/<int:ticket_id>", methods=["GET"])
@blp.response(200, esquemas.TicketConComentariosSchema)
def obtener(ticket_id):
    """Un ticket de la empresa y sus comentarios públicos (nunca notas internas)."""
    return tickets.detalle_publico(_ticket(ticket_id))


@blp.route("/tickets/<int:ticket_id>/comentarios", methods=["POST"], errores={
    403: "La empresa está inactiva (`empresa_inactiva`)", 409: "El ticket está cerrado"})
@blp.arguments(esquemas.ComentarioCrearApiSchema)
@blp.response(201, esquemas.ComentarioEnvelopeSchema)
def comentar(data, ticket_id):
    """Comentario del cliente (opcional `usuario_id` de la empresa). En `pendiente_respuesta` el
    ticket vuelve a `en_proceso`."""
    return {"comentario": tickets.comentar_como_cliente(_ticket(ticket_id), data)}


@file_handler.subida(blp, "/tickets/<int:ticket_id>/upload", esquemas.ArchivoEnvelopeSchema)
def subir(files, ticket_id):
    """Adjunta un archivo (multipart, campo `archivo`; 10 MB por archivo, 50 MB por ticket)."""
    return {"archivo": tickets.adjuntar(_ticket(ticket_id), files["archivo"])}


@blp.route("/tickets/<int:ticket_id>/archivos/<string:filename>", methods=["GET"])
@blp.response(200, description="El archivo (Content-Disposition: attachment)")
def descargar(ticket_id, filename):
    """Descarga un adjunto del ticket por su nombre almacenado."""
    return tickets.descargar(_ticket(ticket_id), filename)


@blp.route("/status", methods=["GET"])
@blp.response(200, esquemas.DisponibilidadSchema)
def estado_soporte():
    """Soporte de la empresa: `{activo, modalidad, fecha_fin, tickets_disponibles, horas_disponibles}`
    (`null` = ilimitado o no aplica)."""
    return soporte.calcular_disponibilidad_soporte(g.empresa.id)


@blp.route("/health", methods=["GET"], acceso=INSTANCIA_SIN_EMPRESA)
@blp.response(200, esquemas.SoporteHealthSchema)
def health():
    """Comprobación de la API interna (solo X-API-Key)."""
    return {"status": "ok"}
