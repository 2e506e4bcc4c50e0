"""Users managed by admins: an admin cannot delete/deactivate/demote themself, the last active
admin cannot be removed or demoted, and a password change or deactivation revokes every session."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from database.db import db
from models import Empresa, Usuario
from models.usuario import normalizar_email
from services.auditoria import registrar, snapshot
from services.auth_tokens import revoke_all_for_user
from services.listados import like_escape, ordenar
from utils.errors import APIError
from utils.logger import AppLogger
from utils.passwords import hash_password

ORDEN = {"id": Usuario.id, "nombre": Usuario.nombre, "email": Usuario.email, "rol": Usuario.rol,
         "created_at": Usuario.created_at}

log = AppLogger.get("admin")


def _invalido(campo: str, mensajes: list[str]) -> APIError:
    return APIError(422, "validacion", "Los datos enviados no son válidos.", details={campo: mensajes})


def validar_password(password: str, email: str | None) -> None:
    """The identity issue's policy (`utils.password_validator`); 422 with its Spanish messages."""
    try:
        from utils.password_validator import validar_password as politica
    except ImportError:  # pragma: no cover - only while the identity issue is not merged
        def politica(password, email):
            return [] if 8 <= len(password) <= 128 else ["Debe tener entre 8 y 128 caracteres."]
    errores = politica(password, email)
    if errores:
        raise _invalido("password", list(errores))


def obtener(usuario_id: int) -> Usuario:
    usuario = db.session.get(Usuario, usuario_id)
    if usuario is None:
        raise APIError(404, "usuario_no_encontrado", "El usuario no existe.")
    return usuario


def listar(args: dict) -> sa.Select:
    stmt = sa.select(Usuario)
    if args.get("q"):
        patron = f"%{like_escape(args['q'].strip())}%"
        stmt = stmt.where(sa.or_(Usuario.nombre.ilike(patron, escape="\\"), Usuario.email.ilike(patron, escape="\\")))
    for campo in ("rol", "empresa_id", "is_active"):
        if args.get(campo) is not None:
            stmt = stmt.where(getattr(Usuario, campo) == args[campo])
    return ordenar(stmt, args.get("sort"), ORDEN, Usuario.id)


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
        raise _invalido("empresa_id", ["La empresa no existe."])


def _otros_admins_activos(usuario: Usuario) -> int:
    """Active admins other than `usuario`, locked (FOR UPDATE) so two concurrent demotions cannot
    both see "another admin remains"."""
    ids = db.session.execute(
        sa.select(Usuario.id).where(Usuario.rol == "admin", Usuario.is_active.is_(True), Usuario.id != usuario.id)
        .with_for_update()
    ).scalars().all()
    return len(ids)


def _proteger_admin(usuario: Usuario, actor: Usuario, *, rol: str, is_active: bool, eliminar: bool = False) -> None:
    """Refuse self-removal/self-demotion and leaving the system without an active admin (409)."""
    pierde_admin = usuario.rol == "admin" and usuario.is_active and (eliminar or rol != "admin" or not is_active)
    if usuario.id == actor.id and (eliminar or not is_active or rol != usuario.rol):
        raise APIError(409, "operacion_sobre_si_mismo",
                       "Un administrador no puede eliminarse, desactivarse ni cambiar su propio rol.")
    if pierde_admin and _otros_admins_activos(usuario) == 0:
        raise APIError(409, "ultimo_admin", "No se puede quitar el último administrador activo.")


def crear(data: dict, actor: Usuario) -> Usuario:
    exigir_email_libre(data["email"])
    _verificar_empresa(data.get("empresa_id"))
    password = data.pop("password")
    validar_password(password, data["email"])
    usuario = Usuario(password_hash=hash_password(password), **data)
    db.session.add(usuario)
    db.session.flush()
    registrar("crear", "usuario", usuario.id, despues=snapshot(usuario), empresa_id=usuario.empresa_id)
    return usuario


def actualizar(usuario: Usuario, data: dict, actor: Usuario) -> Usuario:
    antes = snapshot(usuario)
    if "email" in data:
        exigir_email_libre(data["email"], excepto=usuario.id)
    if "empresa_id" in data:
        _verificar_empresa(data["empresa_id"])
    _proteger_admin(usuario, actor, rol=data.get("rol", usuario.rol),
                    is_active=data.get("is_active", usuario.is_active))
    desactivado = usuario.is_active and data.get("is_active") is False
    degradado = usuario.rol == "admin" and data.get("rol", "admin") != "admin"
    for campo, valor in data.items():
        setattr(usuario, campo, valor)
    if desactivado or degradado:
        revoke_all_for_user(usuario.id)
    db.session.flush()
    registrar("actualizar", "usuario", usuario.id, antes=antes, despues=snapshot(usuario),
              empresa_id=usuario.empresa_id)
    return usuario


def cambiar_password(usuario: Usuario, new_password: str) -> Usuario:
    validar_password(new_password, usuario.email)
    usuario.password_hash = hash_password(new_password)
    revoke_all_for_user(usuario.id)
    db.session.flush()
    registrar("cambiar_password", "usuario", usuario.id, despues={"sesiones_revocadas": True},
              empresa_id=usuario.empresa_id)
    log.info("Contraseña del usuario %s cambiada por un administrador; sesiones revocadas", usuario.id)
    return usuario


def toggle_estado(usuario: Usuario, actor: Usuario) -> Usuario:
    antes = snapshot(usuario)
    nuevo = not usuario.is_active
    _proteger_admin(usuario, actor, rol=usuario.rol, is_active=nuevo)
    usuario.is_active = nuevo
    if not nuevo:
        revoke_all_for_user(usuario.id)
    db.session.flush()
    registrar("activar" if nuevo else "desactivar", "usuario", usuario.id, antes=antes,
              despues=snapshot(usuario), empresa_id=usuario.empresa_id)
    return usuario


def eliminar(usuario: Usuario, actor: Usuario) -> None:
    _proteger_admin(usuario, actor, rol=usuario.rol, is_active=usuario.is_active, eliminar=True)
    antes = snapshot(usuario)
    usuario_id, empresa_id = usuario.id, usuario.empresa_id
    revoke_all_for_user(usuario_id)
    try:
        with db.session.begin_nested():
            db.session.delete(usuario)
    except IntegrityError as exc:
        log.warning("Usuario %s no eliminado: tiene registros asociados (%s)", usuario_id,
                    exc.orig.__class__.__name__)
        raise APIError(409, "usuario_en_uso",
                       "El usuario tiene registros asociados; desactívelo (toggle-estado) en lugar de eliminarlo.",
                       ) from exc
    registrar("eliminar", "usuario", usuario_id, antes=antes, empresa_id=empresa_id)
