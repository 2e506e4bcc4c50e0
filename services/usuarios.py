"""Users managed by admins: an admin cannot delete/deactivate/demote themself, the last active
admin cannot be removed or demoted, and a password change or deactivation revokes every session.

The acting admin (`actor`) defaults to the request's user.
"""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from database.db import db
from models import Empresa, Usuario
from models.usuario import normalizar_email
from services import obtener_o_404
from services.auditoria import auditar
from services.auth_tokens import revoke_all_for_user
from services.listados import consulta
from utils.errors import APIError
from utils.logger import AppLogger
from utils.password_validator import exigir_password_valida
from utils.passwords import hash_password
from utils.security import current_usuario

ORDEN = ("id", "nombre", "email", "rol", "created_at")

log = AppLogger.get("admin")


def obtener(usuario_id: int) -> Usuario:
    return obtener_o_404(Usuario, usuario_id)


def listar(args: dict) -> sa.Select:
    return consulta(Usuario, args, buscar=(Usuario.nombre, Usuario.email), filtros=("rol", "empresa_id", "is_active"),
                    orden=ORDEN)


def exigir_email_libre(email: str, excepto: int | None = None) -> str:
    """The normalised e-mail when no other user has it; `409 email_duplicado` otherwise (the one rule,
    for admins, `/auth/registro` and `/public/suscripcion`). Equality on the unique index: e-mails are
    stored normalised (`models.usuario.normalizar_email`)."""
    email = normalizar_email(email)
    stmt = sa.select(Usuario.id).where(Usuario.email == email)
    if excepto is not None:
        stmt = stmt.where(Usuario.id != excepto)
    if db.session.execute(stmt.limit(1)).first() is not None:
        raise APIError(409, "email_duplicado", "Ya existe un usuario con ese correo electrónico.")
    return email


def _verificar_empresa(empresa_id: int | None) -> None:
    if empresa_id is not None and db.session.get(Empresa, empresa_id) is None:
        raise APIError(422, "validacion", "Los datos enviados no son válidos.",
                       details={"empresa_id": ["La empresa no existe."]})


def _otros_admins_activos(usuario: Usuario) -> int:
    """Active admins other than `usuario`, locked (FOR UPDATE) so two concurrent demotions cannot
    both see "another admin remains"."""
    ids = db.session.execute(
        sa.select(Usuario.id).where(Usuario.rol == "admin", Usuario.is_active.is_(True), Usuario.id != usuario.id)
        .with_for_update()
    ).scalars().all()
    return len(ids)


def _proteger_admin(usuario: Usuario, actor: Usuario | None, *, rol: str, is_active: bool,
                    eliminar: bool = False) -> None:
    """Refuse self-removal/self-demotion and leaving the system without an active admin (409)."""
    actor = actor or current_usuario()
    pierde_admin = usuario.rol == "admin" and usuario.is_active and (eliminar or rol != "admin" or not is_active)
    if usuario.id == actor.id and (eliminar or not is_active or rol != usuario.rol):
        raise APIError(409, "operacion_sobre_si_mismo",
                       "Un administrador no puede eliminarse, desactivarse ni cambiar su propio rol.")
    if pierde_admin and _otros_admins_activos(usuario) == 0:
        raise APIError(409, "ultimo_admin", "No se puede quitar el último administrador activo.")


def crear(data: dict) -> Usuario:
    email = exigir_email_libre(data["email"])
    _verificar_empresa(data.get("empresa_id"))
    password = data.pop("password")
    exigir_password_valida(password, email)
    with auditar("crear") as entrada:
        entrada.objeto = Usuario(password_hash=hash_password(password), **data)
        db.session.add(entrada.objeto)
    return entrada.objeto


def actualizar(usuario: Usuario, data: dict, *, actor: Usuario | None = None) -> Usuario:
    if "email" in data:
        exigir_email_libre(data["email"], excepto=usuario.id)
    if "empresa_id" in data:
        _verificar_empresa(data["empresa_id"])
    _proteger_admin(usuario, actor, rol=data.get("rol", usuario.rol),
                    is_active=data.get("is_active", usuario.is_active))
    desactivado = usuario.is_active and data.get("is_active") is False
    degradado = usuario.rol == "admin" and data.get("rol", "admin") != "admin"
    with auditar("actualizar", usuario):
        for campo, valor in data.items():
            setattr(usuario, campo, valor)
        if desactivado or degradado:
            revoke_all_for_user(usuario.id)
    return usuario


def _sin_foto(_usuario: Usuario) -> None:
    return None


def cambiar_password(usuario: Usuario, data: dict) -> Usuario:
    """A new password (the policy applies) and every session revoked; the audit says only that."""
    exigir_password_valida(data["new_password"], usuario.email, campo="new_password")
    with auditar("cambiar_password", usuario, foto=_sin_foto) as entrada:
        usuario.password_hash = hash_password(data["new_password"])
        revoke_all_for_user(usuario.id)
        entrada.despues = {"sesiones_revocadas": True}
    return usuario


def toggle_estado(usuario: Usuario, *, actor: Usuario | None = None) -> Usuario:
    nuevo = not usuario.is_active
    _proteger_admin(usuario, actor, rol=usuario.rol, is_active=nuevo)
    with auditar("activar" if nuevo else "desactivar", usuario):
        usuario.is_active = nuevo
        if not nuevo:
            revoke_all_for_user(usuario.id)
    return usuario


def borrar(usuario: Usuario, *, actor: Usuario | None = None) -> None:
    """Delete a user without rows of their own (else 409 `usuario_en_uso`: deactivate instead)."""
    _proteger_admin(usuario, actor, rol=usuario.rol, is_active=usuario.is_active, eliminar=True)
    usuario_id = usuario.id
    revoke_all_for_user(usuario_id)
    with auditar("eliminar", usuario):
        try:
            with db.session.begin_nested():
                db.session.delete(usuario)
        except IntegrityError as exc:
            log.warning("Usuario %s no eliminado: tiene registros asociados (%s)", usuario_id,
                        exc.orig.__class__.__name__)
            raise APIError(409, "usuario_en_uso",
                           "El usuario tiene registros asociados; desactívelo (toggle-estado) en lugar de eliminarlo.",
                           ) from exc
