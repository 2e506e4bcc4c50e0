"""Tickets, comments, attachments and the ticket state machine (quota rules live in services.soporte).

These operations commit: e-mail notifications go out only after the change is stored, and a mail
failure never undoes nor fails the operation (it is logged in the `soporte` log).
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta
from decimal import Decimal

import sqlalchemy as sa
from sqlalchemy.orm import selectinload
from sqlalchemy.orm.attributes import set_committed_value

from database.db import db
from models import Empresa, SoporteTicket, SoporteTicketArchivo, SoporteTicketComentario, Usuario
from models.base import utcnow
from services import auditoria, soporte
from services.correo import CorreoError, CorreoNoConfigurado, enviar_correo
from utils import file_handler
from utils.errors import APIError
from utils.logger import AppLogger

log = AppLogger.get("soporte")

ESTADOS_ABIERTOS = ("abierto", "en_proceso", "pendiente_respuesta")
# current state -> states it may move to
TRANSICIONES = {
    "abierto": {"en_proceso", "pendiente_respuesta", "cerrado", "cancelado"},
    "en_proceso": {"pendiente_respuesta", "cerrado", "cancelado"},
    "pendiente_respuesta": {"en_proceso", "cerrado", "cancelado"},
    "cerrado": {"abierto"},
    "cancelado": set(),
}
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


# --- look-ups ----------------------------------------------------------------------------------


def obtener_ticket(ticket_id: int, empresa_id: int | None = None) -> SoporteTicket:
    """The ticket, or 404 when it does not exist or belongs to another company."""
    ticket = db.session.get(SoporteTicket, ticket_id)
    if ticket is None or (empresa_id is not None and ticket.empresa_id != empresa_id):
        raise APIError(404, "ticket_no_encontrado", "El ticket no existe.")
    return ticket


def listar_stmt(*, empresa_id: int | None = None, estado: str | None = None, prioridad: str | None = None,
                q: str | None = None, asignado_a: int | None = None) -> sa.Select:
    stmt = sa.select(SoporteTicket).options(selectinload(SoporteTicket.archivos)).order_by(SoporteTicket.id.desc())
    if empresa_id is not None:
        stmt = stmt.where(SoporteTicket.empresa_id == empresa_id)
    if estado:
        stmt = stmt.where(SoporteTicket.estado == estado)
    if prioridad:
        stmt = stmt.where(SoporteTicket.prioridad == prioridad)
    if asignado_a is not None:
        stmt = stmt.where(SoporteTicket.asignado_a == asignado_a)
    if q:
        patron = "%" + q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        stmt = stmt.where(sa.or_(SoporteTicket.titulo.ilike(patron, escape="\\"),
                                 SoporteTicket.descripcion.ilike(patron, escape="\\")))
    return stmt


def comentarios(ticket: SoporteTicket, *, incluir_internos: bool) -> list[SoporteTicketComentario]:
    stmt = sa.select(SoporteTicketComentario).where(SoporteTicketComentario.ticket_id == ticket.id)
    if not incluir_internos:
        stmt = stmt.where(SoporteTicketComentario.interno.is_(False))
    return list(db.session.execute(stmt.order_by(SoporteTicketComentario.id)).scalars())


def usuario_de_empresa(usuario_id: int | None, empresa_id: int) -> Usuario | None:
    if usuario_id is None:
        return None
    usuario = db.session.get(Usuario, usuario_id)
    if usuario is None or usuario.empresa_id != empresa_id:
        raise APIError(422, "validacion", "Los datos enviados no son válidos.",
                       details={"usuario_id": ["El usuario no existe o no pertenece a la empresa."]})
    return usuario


# --- tickets -----------------------------------------------------------------------------------


def crear_ticket(empresa: Empresa, datos: dict, *, usuario: Usuario | None = None,
                 admin: Usuario | None = None) -> SoporteTicket:
    """Open a ticket for `empresa` under the support rules (quota taken atomically) and commit.

    `usuario` is the customer opening it; otherwise `datos["usuario_id"]` (must be of the company).
    `admin` set means an admin opened it on the company's behalf (audited).
    """
    if usuario is None:
        usuario = usuario_de_empresa(datos.get("usuario_id"), empresa.id)
    asignado = _admin_asignable(datos.get("asignado_a")) if admin is not None else None
    try:
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
            auditoria.registrar("crear", "soporte_ticket", ticket.id, despues=auditoria.snapshot(ticket),
                                empresa_id=empresa.id, usuario=admin)
        db.session.commit()
    except BaseException:
        db.session.rollback()
        raise
    # A ticket created in this transaction has no attachments: say so instead of a lazy SELECT when the
    # answer is serialized (and log from the ticket's own row, without reloading the company).
    set_committed_value(ticket, "archivos", [])
    log.info("Ticket creado ticket_id=%s empresa_id=%s prioridad=%s", ticket.id, ticket.empresa_id, ticket.prioridad)
    _notificar_creacion(ticket, empresa)
    return ticket


def _admin_asignable(usuario_id: int | None) -> Usuario | None:
    if usuario_id is None:
        return None
    usuario = db.session.get(Usuario, usuario_id)
    if usuario is None or usuario.rol != "admin" or not usuario.is_active:
        raise APIError(422, "validacion", "Los datos enviados no son válidos.",
                       details={"asignado_a": ["Debe ser un administrador activo."]})
    return usuario


def _transicion(ticket: SoporteTicket, nuevo: str, **valores) -> str:
    """Move `ticket` to `nuevo` with a conditional UPDATE (a concurrent change makes it a 409)."""
    anterior = ticket.estado
    if nuevo not in TRANSICIONES.get(anterior, set()):
        raise APIError(409, "transicion_invalida", f"Un ticket {anterior} no puede pasar a {nuevo}.",
                       details={"estado_actual": anterior, "estado_solicitado": nuevo})
    tabla = SoporteTicket.__table__
    result = db.session.execute(
        sa.update(tabla).where(tabla.c.id == ticket.id, tabla.c.estado == anterior)
        .values(estado=nuevo, updated_at=utcnow(), **valores)
    )
    if result.rowcount != 1:
        db.session.rollback()
        raise APIError(409, "transicion_invalida", "El ticket cambió de estado mientras tanto; recárguelo.")
    db.session.expire(ticket)
    return anterior


def _auditar(admin, accion: str, ticket: SoporteTicket, antes: dict | None) -> None:
    if admin is not None:
        auditoria.registrar(accion, "soporte_ticket", ticket.id, antes=antes, despues=auditoria.snapshot(ticket),
                            empresa_id=ticket.empresa_id, usuario=admin)


def _commit():
    try:
        db.session.commit()
    except BaseException:
        db.session.rollback()
        raise


def actualizar_ticket(ticket: SoporteTicket, datos: dict, *, admin: Usuario) -> SoporteTicket:
    """Admin PATCH: `estado` (open states only; close/cancel have their actions), `prioridad`, `asignado_a`."""
    antes = auditoria.snapshot(ticket)
    asignar = "asignado_a" in datos
    asignado = _admin_asignable(datos["asignado_a"]) if asignar else None
    if datos.get("estado") and datos["estado"] != ticket.estado:
        _transicion(ticket, datos["estado"])
    if datos.get("prioridad"):
        ticket.prioridad = datos["prioridad"]
    if asignar:
        ticket.asignado_a = asignado.id if asignado else None
    db.session.flush()
    _auditar(admin, "actualizar", ticket, antes)
    _commit()
    return ticket


def cerrar_ticket(ticket: SoporteTicket, horas: Decimal | None, *, admin: Usuario) -> SoporteTicket:
    """Close: records `horas_dedicadas` (required for per-hour contracts) and `closed_at`."""
    antes = auditoria.snapshot(ticket)
    if horas is None and soporte.requiere_horas(ticket):
        soporte.registrar_horas(ticket, None)  # raises the 422
    _transicion(ticket, "cerrado", closed_at=utcnow())
    soporte.registrar_horas(ticket, horas)
    db.session.flush()
    _auditar(admin, "cerrar", ticket, antes)
    _commit()
    return ticket


def reabrir_ticket(ticket: SoporteTicket, *, admin: Usuario) -> SoporteTicket:
    antes = auditoria.snapshot(ticket)
    _transicion(ticket, "abierto", closed_at=None)
    _auditar(admin, "reabrir", ticket, antes)
    _commit()
    return ticket


def cancelar_ticket(ticket: SoporteTicket, *, admin: Usuario) -> SoporteTicket:
    """Cancel an open ticket; under `por_tickets` its slot is given back (closing never does)."""
    antes = auditoria.snapshot(ticket)
    _transicion(ticket, "cancelado")
    soporte.liberar_cupo(ticket)
    _auditar(admin, "cancelar", ticket, antes)
    _commit()
    return ticket


# --- comments ----------------------------------------------------------------------------------


def comentar(ticket: SoporteTicket, contenido: str, *, usuario: Usuario | None = None, es_admin: bool = False,
             interno: bool = False, autor: str | None = None) -> SoporteTicketComentario:
    """Add a comment. Internal notes are admin-only and never shown to customers or instances.

    A customer comment on `pendiente_respuesta` moves the ticket back to `en_proceso`; the first
    public admin comment sets `first_response_at` and the company contact is e-mailed.
    """
    if interno and not es_admin:
        raise APIError(403, "solo_admin", "Solo un administrador puede crear notas internas.")
    if not interno and ticket.estado not in ESTADOS_ABIERTOS:
        raise APIError(409, "ticket_cerrado", f"El ticket está {ticket.estado}: no admite comentarios.")
    antes = auditoria.snapshot(ticket) if es_admin else None
    if not es_admin and ticket.estado == "pendiente_respuesta":
        _transicion(ticket, "en_proceso")
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
    if es_admin:
        auditoria.registrar("comentar", "soporte_ticket", ticket.id, antes=antes,
                            despues={"comentario_id": comentario.id, "interno": interno},
                            empresa_id=ticket.empresa_id, usuario=usuario)
    _commit()
    if es_admin and not interno:
        _notificar_respuesta(ticket, comentario)
    return comentario


# --- attachments -------------------------------------------------------------------------------


def adjuntar(ticket: SoporteTicket, archivo, *, usuario: Usuario | None = None,
             admin: bool = False) -> SoporteTicketArchivo:
    """Store an upload and its row together (or neither). The ticket row is locked so the 50 MB
    per-ticket total holds when uploads run in parallel."""
    if ticket.estado not in ESTADOS_ABIERTOS:
        raise APIError(409, "ticket_cerrado", f"El ticket está {ticket.estado}: no admite adjuntos.")
    db.session.execute(sa.select(SoporteTicket.id).where(SoporteTicket.id == ticket.id).with_for_update())
    usado = db.session.execute(
        sa.select(sa.func.coalesce(sa.func.sum(SoporteTicketArchivo.tamano), 0))
        .where(SoporteTicketArchivo.ticket_id == ticket.id)
    ).scalar_one()
    try:
        guardado = file_handler.guardar_archivo(ticket.id, archivo, int(usado))
    except BaseException:
        db.session.rollback()
        raise
    try:
        registro = SoporteTicketArchivo(ticket_id=ticket.id, nombre=guardado.nombre,
                                        nombre_original=guardado.nombre_original, tamano=guardado.tamano,
                                        tipo=guardado.tipo, subido_por=usuario.id if usuario else None)
        db.session.add(registro)
        db.session.flush()
        if admin:
            auditoria.registrar("adjuntar", "soporte_ticket", ticket.id,
                                despues={"archivo": registro.nombre, "tamano": registro.tamano},
                                empresa_id=ticket.empresa_id, usuario=usuario)
        db.session.commit()
    except BaseException:
        db.session.rollback()
        guardado.descartar()
        raise
    log.info("Adjunto guardado ticket_id=%s archivo=%s tamano=%s", ticket.id, registro.nombre, registro.tamano)
    return registro


def obtener_archivo(ticket: SoporteTicket, nombre: str) -> SoporteTicketArchivo:
    registro = db.session.execute(
        sa.select(SoporteTicketArchivo).where(SoporteTicketArchivo.ticket_id == ticket.id,
                                              SoporteTicketArchivo.nombre == nombre)
    ).scalars().first()
    if registro is None:
        raise APIError(404, "archivo_no_encontrado", "El archivo no existe.")
    return registro


def borrar_adjunto(ticket: SoporteTicket, nombre: str, *, admin: Usuario) -> None:
    registro = obtener_archivo(ticket, nombre)
    auditoria.registrar("borrar_adjunto", "soporte_ticket", ticket.id, antes=auditoria.snapshot(registro),
                        empresa_id=ticket.empresa_id, usuario=admin)
    db.session.delete(registro)
    _commit()
    file_handler.borrar_archivo(ticket.id, nombre)


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
    from datetime import UTC

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
        "por_estado": {estado: por_estado.get(estado, 0) for estado in TRANSICIONES},
        "por_prioridad": {p: por_prioridad.get(p, 0) for p in ("baja", "media", "alta", "urgente")},
        "tiempo_primera_respuesta_horas": _redondear(primera),
        "tiempo_resolucion_horas": _redondear(resolucion),
        "horas_por_empresa": [
            {"empresa_id": e_id, "empresa": nombre, "periodo": periodo, "horas": Decimal(horas or 0),
             "tickets": n}
            for e_id, nombre, periodo, horas, n in filas
        ],
    }


# --- notifications -----------------------------------------------------------------------------


def _enviar(destinatario: str | None, asunto: str, plantilla: str, contexto: dict) -> bool:
    """Send one e-mail through the mail service; never raises (a ticket never fails for its e-mail)."""
    if not destinatario:
        return False
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
    from flask import current_app

    destino = current_app.config.get("SUPPORT_NOTIFY_EMAIL")
    if destino:
        _enviar(destino, f"Nuevo ticket #{ticket.id}: {ticket.titulo}", "ticket_creado", _contexto(ticket, empresa))


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
    contexto = _contexto(ticket)
    contexto.update({"contenido": comentario.contenido, "autor": comentario.autor or "Soporte"})
    _enviar(destino, f"Respuesta a su ticket #{ticket.id}: {ticket.titulo}", "ticket_respuesta", contexto)
