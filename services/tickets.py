"""Tickets, comments, attachments and the ticket state machine (quota rules live in services.soporte).

The transaction rule of services/__init__.py: these functions flush, the caller's unit of work commits.
E-mail notices are sent after the commit (`al_confirmar`) and a mail failure never undoes nor fails the
operation (it is logged in the `soporte` log). An attachment is written to disk before its row; a
rollback removes it (`al_deshacer`), and a deleted one leaves the disk only once the delete is stored.

Customers and instances see their company's tickets only (another company's ticket is a 404, exactly
like a missing one) and never internal notes: `obtener(..., empresa_id=...)` and `detalle_publico`.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from functools import partial

import sqlalchemy as sa
from flask import current_app
from sqlalchemy.orm import selectinload
from sqlalchemy.orm.attributes import set_committed_value

from database.db import db
from models import Empresa, SoporteTicket, SoporteTicketArchivo, SoporteTicketComentario, Usuario
from models.base import utcnow
from models.soporte_ticket import PRIORIDADES
from services import al_confirmar, al_deshacer, no_encontrado, obtener_o_404, soporte
from services.auditoria import auditar, snapshot
from services.correo import CorreoError, CorreoNoConfigurado, enviar_correo
from services.estados.tickets import ABIERTOS, TICKET
from services.listados import consulta
from utils import file_handler
from utils.errors import APIError
from utils.logger import AppLogger

log = AppLogger.get("soporte")

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


# --- look-ups ----------------------------------------------------------------------------------


def obtener(ticket_id: int, **filtros) -> SoporteTicket:
    """The ticket; customers and instances pass `empresa_id`: another company's ticket is the same 404."""
    return obtener_o_404(SoporteTicket, ticket_id, **filtros)


def listar(args: dict, *, empresa_id: int | None = None) -> sa.Select:
    """Filters `estado`, `prioridad`, `empresa_id`, `asignado_a`, `q` (title or description); newest first.
    `empresa_id` given confines the list to that company whatever `args` says."""
    args = {**args, "sort": "-id"}
    if empresa_id is not None:
        args["empresa_id"] = empresa_id
    stmt = consulta(SoporteTicket, args, buscar=(SoporteTicket.titulo, SoporteTicket.descripcion),
                    filtros=("empresa_id", "estado", "prioridad", "asignado_a"))
    return stmt.options(selectinload(SoporteTicket.archivos))


def detalle_publico(ticket: SoporteTicket) -> dict:
    """`{ticket, comentarios}` as a customer or an instance sees it: public comments only."""
    comentarios = db.session.execute(
        sa.select(SoporteTicketComentario)
        .where(SoporteTicketComentario.ticket_id == ticket.id, SoporteTicketComentario.interno.is_(False))
        .order_by(SoporteTicketComentario.id)
    ).scalars()
    return {"ticket": ticket, "comentarios": list(comentarios)}


def usuario_de_empresa(usuario_id: int | None, empresa_id: int) -> Usuario | None:
    if usuario_id is None:
        return None
    usuario = db.session.get(Usuario, usuario_id)
    if usuario is None or usuario.empresa_id != empresa_id:
        raise soporte.datos_invalidos("usuario_id", "El usuario no existe o no pertenece a la empresa.")
    return usuario


# --- tickets -----------------------------------------------------------------------------------


def crear(empresa: Empresa, datos: dict, *, usuario: Usuario | None = None,
          admin: Usuario | None = None) -> SoporteTicket:
    """Open a ticket for `empresa` under the support rules (quota taken atomically).

    `usuario` is the customer opening it; otherwise `datos["usuario_id"]` (must be of the company).
    `admin` set means an admin opened it on the company's behalf (audited). The slot taken by
    `soporte.reservar_cupo` stays locked until the unit of work commits (or gives it back on rollback).
    """
    if usuario is None:
        usuario = usuario_de_empresa(datos.get("usuario_id"), empresa.id)
    asignado = _admin_asignable(datos.get("asignado_a")) if admin is not None else None
    contrato, consumio = soporte.reservar_cupo(empresa)
    ticket = SoporteTicket(
        empresa_id=empresa.id, soporte_suscripcion_id=contrato.id,
        usuario_id=usuario.id if usuario else None, asignado_a=asignado.id if asignado else None,
        titulo=datos["titulo"], descripcion=datos["descripcion"], prioridad=datos.get("prioridad") or "media",
        estado="abierto", metadatos=datos.get("metadata"), consumio_cupo=consumio,
    )
    db.session.add(ticket)
    db.session.flush()
    if admin is not None:
        with auditar("crear", usuario=admin) as entrada:
            entrada.objeto = ticket
    # A new ticket has no attachments: say so instead of a lazy SELECT when the answer is serialized.
    set_committed_value(ticket, "archivos", [])
    log.info("Ticket creado ticket_id=%s empresa_id=%s prioridad=%s", ticket.id, ticket.empresa_id, ticket.prioridad)
    _notificar_creacion(ticket, empresa)
    return ticket


def actualizar(ticket: SoporteTicket, datos: dict) -> SoporteTicket:
    """Admin PATCH: `estado` (open states only; close/cancel have their actions), `prioridad`, `asignado_a`."""
    asignar = "asignado_a" in datos
    asignado = _admin_asignable(datos["asignado_a"]) if asignar else None
    with auditar("actualizar", ticket):
        destino = datos.get("estado")
        if destino and destino != ticket.estado:
            _transicion(ticket, TICKET.accion_hacia(ticket.estado, destino), destino)
        if datos.get("prioridad"):
            ticket.prioridad = datos["prioridad"]
        if asignar:
            ticket.asignado_a = asignado.id if asignado else None
    return ticket


def cerrar(ticket: SoporteTicket, horas: Decimal | None) -> SoporteTicket:
    """Close: records `horas_dedicadas` (required for per-hour contracts) and `closed_at`."""
    with auditar("cerrar", ticket):
        soporte.exigir_horas(ticket, horas)
        _transicion(ticket, "cerrar", "cerrado", closed_at=utcnow())
        soporte.registrar_horas(ticket, horas)
    return ticket


def reabrir(ticket: SoporteTicket) -> SoporteTicket:
    with auditar("reabrir", ticket):
        _transicion(ticket, "reabrir", "abierto", closed_at=None)
    return ticket


def cancelar(ticket: SoporteTicket) -> SoporteTicket:
    """Cancel an open ticket; under `por_tickets` its slot is given back (closing never does)."""
    with auditar("cancelar", ticket):
        _transicion(ticket, "cancelar", "cancelado")
        soporte.liberar_cupo(ticket)
    return ticket


def _admin_asignable(usuario_id: int | None) -> Usuario | None:
    if usuario_id is None:
        return None
    usuario = db.session.get(Usuario, usuario_id)
    if usuario is None or usuario.rol != "admin" or not usuario.is_active:
        raise soporte.datos_invalidos("asignado_a", "Debe ser un administrador activo.")
    return usuario


def _transicion(ticket: SoporteTicket, accion: str | None, destino: str, **valores) -> None:
    """Apply `accion` of TICKET (a PATCH of `estado` passes the action that leads to `destino`, None if
    none does) with a conditional UPDATE: a concurrent change of state makes it a 409 too."""
    anterior = ticket.estado
    nuevo = TICKET.siguiente(anterior, accion, mensaje=f"Un ticket {anterior} no puede pasar a {destino}.",
                             estado_solicitado=destino)
    tabla = SoporteTicket.__table__
    result = db.session.execute(
        sa.update(tabla).where(tabla.c.id == ticket.id, tabla.c.estado == anterior)
        .values(estado=nuevo, updated_at=utcnow(), **valores)
    )
    if result.rowcount != 1:
        raise APIError(409, "transicion_invalida", "El ticket cambió de estado mientras tanto; recárguelo.")
    db.session.expire(ticket)


def _exigir_abierto(ticket: SoporteTicket, que: str) -> None:
    if ticket.estado not in ABIERTOS:
        raise APIError(409, "ticket_cerrado", f"El ticket está {ticket.estado}: no admite {que}.")


# --- comments ----------------------------------------------------------------------------------


def comentar(ticket: SoporteTicket, contenido: str, *, usuario: Usuario | None = None, es_admin: bool = False,
             interno: bool = False, autor: str | None = None) -> SoporteTicketComentario:
    """Add a comment. Internal notes are admin-only and never shown to customers or instances.

    A customer comment on `pendiente_respuesta` moves the ticket back to `en_proceso`; the first
    public admin comment sets `first_response_at` and the company contact is e-mailed.
    """
    if interno and not es_admin:
        raise APIError(403, "solo_admin", "Solo un administrador puede crear notas internas.")
    if not interno:
        _exigir_abierto(ticket, "comentarios")
    if not es_admin:
        if ticket.estado == "pendiente_respuesta":
            _transicion(ticket, "atender", "en_proceso")
        return _agregar_comentario(ticket, contenido, usuario, es_admin, interno, autor)
    with auditar("comentar", ticket, usuario=usuario) as entrada:
        comentario = _agregar_comentario(ticket, contenido, usuario, es_admin, interno, autor)
        entrada.despues = {"comentario_id": comentario.id, "interno": interno}
    if not interno:
        _notificar_respuesta(ticket, comentario)
    return comentario


def comentar_como_cliente(ticket: SoporteTicket, datos: dict,
                          usuario: Usuario | None = None) -> SoporteTicketComentario:
    """A customer's reply (`usuario`), or an instance's, which may name one of the company's users
    (`usuario_id`) and is otherwise signed with the company's name. Not while the company is not `activa`."""
    soporte.exigir_empresa_activa(ticket.empresa, "comentar tickets")
    usuario = usuario or usuario_de_empresa(datos.get("usuario_id"), ticket.empresa_id)
    autor = None if usuario else ticket.empresa.nombre
    return comentar(ticket, datos["contenido"], usuario=usuario, autor=autor)


def _agregar_comentario(ticket, contenido, usuario, es_admin, interno, autor) -> SoporteTicketComentario:
    nombre_autor = autor or (usuario.nombre if usuario else None)
    comentario = SoporteTicketComentario(
        ticket_id=ticket.id, usuario_id=usuario.id if usuario else None, contenido=contenido,
        es_admin=es_admin, interno=interno, autor=nombre_autor[:120] if nombre_autor else None, adjuntos=[],
    )
    db.session.add(comentario)
    if es_admin and not interno and ticket.first_response_at is None:
        ticket.first_response_at = utcnow()
    ticket.updated_at = utcnow()
    db.session.flush()
    return comentario


# --- attachments -------------------------------------------------------------------------------


def adjuntar(ticket: SoporteTicket, archivo, *, usuario: Usuario | None = None,
             admin: bool = False) -> SoporteTicketArchivo:
    """Store an upload and its row together (or neither: a rollback removes the file). The ticket row is
    locked so the 50 MB per-ticket total holds when uploads run in parallel. The customer's side only while
    the company is `activa`."""
    if not admin:
        soporte.exigir_empresa_activa(ticket.empresa, "adjuntar archivos")
    _exigir_abierto(ticket, "adjuntos")
    db.session.execute(sa.select(SoporteTicket.id).where(SoporteTicket.id == ticket.id).with_for_update())
    usado = db.session.execute(
        sa.select(sa.func.coalesce(sa.func.sum(SoporteTicketArchivo.tamano), 0))
        .where(SoporteTicketArchivo.ticket_id == ticket.id)
    ).scalar_one()
    guardado = file_handler.guardar_archivo(ticket.id, archivo, int(usado))
    al_deshacer(guardado.descartar)
    registro = SoporteTicketArchivo(ticket_id=ticket.id, nombre=guardado.nombre,
                                    nombre_original=guardado.nombre_original, tamano=guardado.tamano,
                                    tipo=guardado.tipo, subido_por=usuario.id if usuario else None)
    db.session.add(registro)
    db.session.flush()
    if admin:
        with auditar("adjuntar", ticket, usuario=usuario) as entrada:
            entrada.despues = {"archivo": registro.nombre, "tamano": registro.tamano}
    log.info("Adjunto guardado ticket_id=%s archivo=%s tamano=%s", ticket.id, registro.nombre, registro.tamano)
    return registro


def obtener_archivo(ticket: SoporteTicket, nombre: str) -> SoporteTicketArchivo:
    """One of the ticket's attachments by its stored name (the name is unique per ticket, not a key)."""
    registro = db.session.execute(
        sa.select(SoporteTicketArchivo).where(SoporteTicketArchivo.ticket_id == ticket.id,
                                              SoporteTicketArchivo.nombre == nombre)
    ).scalars().first()
    if registro is None:
        raise no_encontrado(SoporteTicketArchivo)
    return registro


def descargar(ticket: SoporteTicket, nombre: str):
    """The download response of one of the ticket's attachments."""
    return file_handler.enviar_archivo(ticket.id, obtener_archivo(ticket, nombre))


def borrar_adjunto(ticket: SoporteTicket, nombre: str) -> None:
    """Delete the row now and the file once the delete is stored."""
    registro = obtener_archivo(ticket, nombre)
    # Audited on the ticket, with the deleted row as "before" and nothing after.
    with auditar("borrar_adjunto", ticket, foto=lambda _ticket: snapshot(registro)) as entrada:
        db.session.delete(registro)
        entrada.despues = {}
    al_confirmar(partial(file_handler.borrar_archivo, ticket.id, nombre))


# --- statistics --------------------------------------------------------------------------------


def _horas_entre(inicio, fin):
    if db.engine.dialect.name == "sqlite":
        return (sa.func.julianday(fin) - sa.func.julianday(inicio)) * 24.0
    return sa.func.timestampdiff(sa.literal_column("SECOND"), inicio, fin) / 3600.0


def _mes(columna):
    if db.engine.dialect.name == "sqlite":
        return sa.func.strftime("%Y-%m", columna)
    return sa.func.date_format(columna, "%Y-%m")


def _inicio_dia(dia: date) -> datetime:
    return datetime.combine(dia, time.min, tzinfo=UTC)


def estadisticas(*, empresa_id: int | None = None, desde: date | None = None, hasta: date | None = None) -> dict:
    """Counts by state and priority, average first-response and resolution hours (tickets created in
    the range), hours closed per company and month (tickets closed in the range). SQL aggregates only."""
    t = SoporteTicket
    filtros = []
    cierre = [t.closed_at.is_not(None), t.horas_dedicadas.is_not(None)]
    if empresa_id is not None:
        filtros.append(t.empresa_id == empresa_id)
        cierre.append(t.empresa_id == empresa_id)
    if desde is not None:
        filtros.append(t.created_at >= _inicio_dia(desde))
        cierre.append(t.closed_at >= _inicio_dia(desde))
    if hasta is not None:
        filtros.append(t.created_at < _inicio_dia(hasta + timedelta(days=1)))
        cierre.append(t.closed_at < _inicio_dia(hasta + timedelta(days=1)))

    por_estado = dict(db.session.execute(sa.select(t.estado, sa.func.count()).where(*filtros).group_by(t.estado)).all())
    por_prioridad = dict(
        db.session.execute(sa.select(t.prioridad, sa.func.count()).where(*filtros).group_by(t.prioridad)).all()
    )
    primera, resolucion = db.session.execute(
        sa.select(
            sa.func.avg(sa.case((t.first_response_at.is_not(None), _horas_entre(t.created_at, t.first_response_at)))),
            sa.func.avg(sa.case((sa.and_(t.estado == "cerrado", t.closed_at.is_not(None)),
                                 _horas_entre(t.created_at, t.closed_at)))),
        ).where(*filtros)
    ).one()
    mes = _mes(t.closed_at).label("periodo")
    filas = db.session.execute(
        sa.select(t.empresa_id, Empresa.nombre, mes, sa.func.sum(t.horas_dedicadas), sa.func.count())
        .join(Empresa, Empresa.id == t.empresa_id)
        .where(*cierre)
        .group_by(t.empresa_id, Empresa.nombre, mes)
        .order_by(mes, t.empresa_id)
    ).all()

    def _redondear(valor):
        return None if valor is None else round(float(valor), 2)

    return {
        "total": sum(por_estado.values()),
        "por_estado": {estado: por_estado.get(estado, 0) for estado in TICKET.estados},
        "por_prioridad": {p: por_prioridad.get(p, 0) for p in PRIORIDADES},
        "tiempo_primera_respuesta_horas": _redondear(primera),
        "tiempo_resolucion_horas": _redondear(resolucion),
        "horas_por_empresa": [
            {"empresa_id": e_id, "empresa": nombre, "periodo": periodo, "horas": Decimal(horas or 0),
             "tickets": n}
            for e_id, nombre, periodo, horas, n in filas
        ],
    }


# --- notifications -----------------------------------------------------------------------------


def _avisar(destinatario: str, asunto: str, plantilla: str, contexto: dict) -> None:
    """Send one e-mail after the commit (the message is built now, inside the transaction)."""
    al_confirmar(partial(_enviar, destinatario, asunto, plantilla, contexto))


def _enviar(destinatario: str, asunto: str, plantilla: str, contexto: dict) -> bool:
    """Send through the mail service; never raises (a ticket never fails for its e-mail)."""
    try:
        enviar_correo(destinatario, asunto, plantilla, contexto)
    except (CorreoError, CorreoNoConfigurado) as exc:
        log.error("No se pudo enviar el aviso %s (ticket %s): %s", plantilla, contexto.get("ticket_id"),
                  exc.__class__.__name__)
        return False
    return True


def _contexto(ticket: SoporteTicket, empresa: Empresa | None = None) -> dict:
    empresa = empresa or db.session.get(Empresa, ticket.empresa_id)
    return {"ticket_id": ticket.id, "titulo": ticket.titulo, "prioridad": ticket.prioridad,
            "estado": ticket.estado, "empresa": empresa.nombre if empresa else "", "descripcion": ticket.descripcion}


def _notificar_creacion(ticket: SoporteTicket, empresa: Empresa) -> None:
    destino = current_app.config.get("SUPPORT_NOTIFY_EMAIL")
    if destino:
        _avisar(destino, f"Nuevo ticket #{ticket.id}: {ticket.titulo}", "ticket_creado", _contexto(ticket, empresa))


def destinatario_empresa(ticket: SoporteTicket) -> str | None:
    """The company contact when it is an e-mail address, else the e-mail of the ticket's user."""
    empresa = db.session.get(Empresa, ticket.empresa_id)
    if empresa is not None and empresa.contacto and _EMAIL.match(empresa.contacto.strip()):
        return empresa.contacto.strip()
    usuario = db.session.get(Usuario, ticket.usuario_id) if ticket.usuario_id else None
    return usuario.email if usuario else None


def _notificar_respuesta(ticket: SoporteTicket, comentario: SoporteTicketComentario) -> None:
    destino = destinatario_empresa(ticket)
    if not destino:
        log.warning("Respuesta al ticket %s sin destinatario de correo", ticket.id)
        return
    contexto = {**_contexto(ticket), "contenido": comentario.contenido, "autor": comentario.autor or "Soporte"}
    _avisar(destino, f"Respuesta a su ticket #{ticket.id}: {ticket.titulo}", "ticket_respuesta", contexto)
