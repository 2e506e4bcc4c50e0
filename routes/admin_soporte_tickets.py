"""`/admin/soporte-tickets`: every company's tickets for the support team.

List, create on behalf of a company, get (with internal notes), PATCH, comments (`interno`),
close (with hours), reopen, cancel, availability, statistics and attachments.
"""

from __future__ import annotations

from models import Empresa
from routes.base import Blueprint
from routes.crud import Vista, operacion, registrar_crud
from schemas import soporte as esquemas
from services import obtener_o_404, soporte, tickets
from utils import file_handler
from utils.security import ADMIN, current_usuario

blp = Blueprint("admin_soporte_tickets", __name__, url_prefix="/admin/soporte-tickets",
                acceso=ADMIN, description="Soporte: tickets de todas las empresas (admin)")

_TRANSICION = {409: "Transición inválida (`transicion_invalida`)"}
_CERRADO = {409: "El ticket está cerrado o cancelado (`ticket_cerrado`)"}


def _empresa(empresa_id: int) -> Empresa:
    return obtener_o_404(Empresa, empresa_id)


@operacion(blp, "POST", "", entrada=esquemas.TicketCrearAdminSchema, respuesta=esquemas.AdminTicketSchema,
           estado=201, errores={404: "La empresa no existe", 409: "Cupo agotado (`cupo_agotado`)"})
def crear(data):
    """Crea un ticket a nombre de una empresa, con las mismas reglas de cupo que el cliente
    (sin soporte activo: 403 `sin_soporte_activo`; cupo agotado: 409 `cupo_agotado`)."""
    return tickets.crear(_empresa(data.pop("empresa_id")), data, admin=current_usuario())


@operacion(blp, "GET", "/disponibilidad", entrada=esquemas.DisponibilidadArgsSchema, ubicacion="query",
           respuesta=esquemas.AdminDisponibilidadSchema, errores={404: "La empresa no existe"})
def disponibilidad(args):
    """Disponibilidad de soporte de una empresa (`?empresa_id=`): contrato vigente, cupos y horas."""
    empresa = _empresa(args["empresa_id"])
    return {"empresa_id": empresa.id, **soporte.calcular_disponibilidad_soporte(empresa.id)}


@operacion(blp, "GET", "/estadisticas", entrada=esquemas.EstadisticasArgsSchema, ubicacion="query",
           respuesta=esquemas.EstadisticasSchema)
def estadisticas(args):
    """Conteos por estado y prioridad, tiempos promedio (horas) de primera respuesta y de resolución
    (tickets creados entre `desde` y `hasta`), horas cerradas por empresa y mes (`empresa_id` opcional)."""
    return tickets.estadisticas(**args)


registrar_crud(
    blp, tickets, esquemas.AdminTicketSchema, id_param="ticket_id",
    listar=Vista("Lista paginada; filtros `estado`, `prioridad`, `empresa_id`, `asignado_a`, `q` (título o "
                 "descripción).", esquemas.AdminTicketListArgsSchema),
    obtener=Vista("Un ticket con todos sus comentarios (incluidas las notas internas).",
                  respuesta=esquemas.AdminTicketDetalleSchema),
    actualizar=Vista("Cambia `estado` (abierto, en_proceso, pendiente_respuesta; transición ilegal: 409), "
                     "`prioridad`, `asignado_a` (un administrador activo o null). Cerrar y cancelar tienen sus "
                     "propias acciones.", esquemas.TicketPatchSchema, metodos=("PATCH",), errores=_TRANSICION),
    acciones={
        "cerrar": Vista("Cierra el ticket; `horas_dedicadas` es obligatorio si el contrato es por horas y se suma "
                        "a `horas_consumidas` (pasar el máximo queda registrado y marca el contrato como agotado).",
                        esquemas.TicketCerrarSchema, errores=_TRANSICION,
                        hacer=lambda ticket, data: tickets.cerrar(ticket, data.get("horas_dedicadas"))),
        "reabrir": Vista("`cerrado` -> `abierto` (otro estado: 409).", esquemas.VacioSchema, errores=_TRANSICION,
                         hacer=lambda ticket, _data: tickets.reabrir(ticket)),
        "cancelar": Vista("Cancela un ticket abierto; en contratos por tickets devuelve su cupo.",
                          esquemas.VacioSchema, errores=_TRANSICION,
                          hacer=lambda ticket, _data: tickets.cancelar(ticket)),
    },
)


@operacion(blp, "POST", "/<int:ticket_id>/comentarios", entrada=esquemas.ComentarioCrearAdminSchema,
           respuesta=esquemas.ComentarioSchema, estado=201, errores=_CERRADO)
def comentar(data, ticket_id):
    """Comentario del equipo. `interno: true` crea una nota interna (nunca visible al cliente). La
    primera respuesta pública fija `first_response_at` y avisa por correo al contacto de la empresa."""
    return tickets.comentar(tickets.obtener(ticket_id), data["contenido"], usuario=current_usuario(), es_admin=True,
                            interno=data["interno"])


@file_handler.subida(blp, "/<int:ticket_id>/archivos", esquemas.ArchivoSchema)
def subir(files, ticket_id):
    """Adjunta un archivo (multipart, campo `archivo`; 10 MB por archivo, 50 MB por ticket)."""
    return tickets.adjuntar(tickets.obtener(ticket_id), files["archivo"], usuario=current_usuario(), admin=True)


@blp.route("/<int:ticket_id>/archivos/<string:filename>", methods=["GET"])
@blp.response(200, description="El archivo (Content-Disposition: attachment)")
def descargar(ticket_id, filename):
    """Descarga un adjunto por su nombre almacenado."""
    return tickets.descargar(tickets.obtener(ticket_id), filename)


@operacion(blp, "DELETE", "/<int:ticket_id>/archivos/<string:filename>", estado=204)
def borrar_archivo(ticket_id, filename):
    """Borra el adjunto: la fila y, una vez guardado el cambio, el archivo."""
    tickets.borrar_adjunto(tickets.obtener(ticket_id), filename)
