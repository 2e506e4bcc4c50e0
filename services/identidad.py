"""Identity flows: registration, login (with 2FA), refresh, logout, TOTP setup/activation/disable.

Views stay thin: they load the schema, call one function here and return its result.
Every failure is counted (services.intentos), logged to the auth log and to `LogAcceso`, and raised with
`fallar_guardando`: the trace stays although the use case fails.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import UTC, datetime

import sqlalchemy as sa
from flask import current_app
from flask_jwt_extended import decode_token
from flask_jwt_extended.exceptions import JWTExtendedException
from jwt.exceptions import PyJWTError

from database.db import db
from models import Dispositivo, Usuario
from models.usuario import normalizar_email
from services import al_confirmar, empresas, fallar_guardando, intentos, otp, usuarios
from services.auth_tokens import (
    CHALLENGE,
    PENDING,
    create_special_token,
    decode_special_token,
    issue_tokens,
    revoke_all_for_user,
    revoke_family,
    revoke_token,
    rotate_refresh,
)
from services.correo import enviar_aviso
from utils.errors import APIError
from utils.logger import AppLogger
from utils.password_validator import exigir_password_valida
from utils.passwords import dummy_verify, hash_password, needs_rehash, verify_password

log = AppLogger.get("auth")

CREDENCIALES_INVALIDAS = ("credenciales_invalidas", "Correo o contraseña incorrectos.")
CODIGO_YA_USADO = "El código no es válido o ya fue usado."


def buscar_por_email(email: str) -> Usuario | None:
    # E-mails are stored normalised: equality uses the unique index on every database.
    return db.session.execute(sa.select(Usuario).where(Usuario.email == normalizar_email(email))).scalar_one_or_none()


def avisar(usuario: Usuario, asunto: str, plantilla: str) -> None:
    """E-mail a security notice once the change is stored (best effort, see `enviar_aviso`)."""
    destinatario = usuario.email
    contexto = {"nombre": usuario.nombre, "fecha": datetime.now(UTC).strftime("%Y-%m-%d %H:%M")}
    al_confirmar(lambda: enviar_aviso(destinatario, asunto, plantilla, contexto))


# --- checks shared by several flows -----------------------------------------------------------

def verificar_password_actual(usuario: Usuario, password: str, campo: str) -> None:
    """Counted like a login failure (the same account lockout)."""
    clave = intentos.clave_cuenta(usuario.email)
    intentos.reservar((clave, intentos.max_fallos_cuenta()))
    if not verify_password(usuario.password_hash, password):
        intentos.registrar_evento("password_incorrecta", usuario=usuario, detalle=campo)
        log.warning("Contraseña actual incorrecta: usuario_id=%s ip=%s", usuario.id, intentos.ip_cliente())
        fallar_guardando(APIError(422, "password_incorrecta", "La contraseña no es correcta.",
                                  details={campo: ["La contraseña no es correcta."]}))
    intentos.exito(clave)


def _rechazar_codigo(usuario: Usuario, contexto: str, error: APIError) -> None:
    """A wrong 2FA code: recorded (and the lockout it may have set), then `error`."""
    intentos.registrar_evento("otp_fallido", usuario=usuario, detalle=contexto)
    if intentos.bloqueo_pendiente(intentos.clave_otp(usuario.id)):
        intentos.registrar_evento("otp_bloqueado", usuario=usuario, detalle=contexto)
        log.warning("2FA bloqueado por intentos fallidos: usuario_id=%s (%s)", usuario.id, contexto)
    log.warning("Código 2FA incorrecto: usuario_id=%s ip=%s (%s)", usuario.id, intentos.ip_cliente(), contexto)
    fallar_guardando(error)


def exigir_codigo_otp(usuario: Usuario, codigo: str, contexto: str, detalle: str = CODIGO_YA_USADO, *,
                      campo: str = "code", respaldo: bool = False) -> None:
    """A valid TOTP code (or, with `respaldo`, a backup code) on the user's OTP counter; otherwise
    `422 codigo_invalido` with `detalle` under `campo`."""
    clave = intentos.clave_otp(usuario.id)
    intentos.reservar((clave, intentos.max_fallos_otp()))
    verificar = otp.verificar_codigo_2fa if respaldo else otp.verificar_totp
    if not verificar(usuario, codigo):
        _rechazar_codigo(usuario, contexto, APIError(422, "codigo_invalido", "El código no es válido.",
                                                     details={campo: [detalle]}))
    intentos.exito(clave)


def _exigir_otp(usuario: Usuario, *, activo: bool) -> None:
    if usuario.otp_enabled and not activo:
        raise APIError(409, "otp_ya_activo", "La verificación en dos pasos ya está activa.")
    if activo and not usuario.otp_enabled:
        raise APIError(409, "otp_no_activo", "La verificación en dos pasos no está activa.")


def _nuevos_codigos_respaldo(usuario: Usuario) -> list[str]:
    """Replace the backup codes; the new ones are shown once (only their hashes are stored)."""
    codigos, hashes = otp.generar_backup_codes()
    usuario.otp_backup_codes = hashes
    return codigos


def _activar_otp(usuario: Usuario, detalle: str | None = None) -> list[str]:
    usuario.otp_enabled = True
    codigos = _nuevos_codigos_respaldo(usuario)
    intentos.registrar_evento("otp_activado", usuario=usuario, detalle=detalle)
    avisar(usuario, "Verificación en dos pasos activada", "otp_activado")
    return codigos


def renovar_sesion(usuario: Usuario, evento: str, asunto: str, plantilla: str) -> dict:
    """After a security change: every session of the user is revoked and a new pair issued for this
    one; `evento` is recorded and the user notified."""
    revoke_all_for_user(usuario.id, evento)
    intentos.registrar_evento(evento, usuario=usuario)
    avisar(usuario, asunto, plantilla)
    return issue_tokens(usuario)


# --- registration ---------------------------------------------------------------------------

def registrar(datos: dict) -> dict:
    exigir_password_valida(datos["password"], datos["email"])
    email = usuarios.exigir_email_libre(datos["email"])
    # Hash before writing anything: the slow part never runs inside the transaction's row locks.
    password_hash = hash_password(datos["password"])
    # Self-service: the company waits for an admin (`pendiente`) before its licence is valid.
    empresa = empresas.nueva(datos["empresa"], autoservicio=True) if datos.get("empresa") else None
    activar_otp = bool(datos.get("activar_otp"))
    usuario = Usuario(
        nombre=datos["nombre"].strip(), email=email, password_hash=password_hash,
        rol="cliente", empresa_id=empresa.id if empresa else None,
        is_active=not activar_otp, pendiente_activacion=activar_otp,
        otp_secret=otp.nuevo_secreto() if activar_otp else None, otp_enabled=False,
    )
    db.session.add(usuario)
    db.session.flush()
    intentos.registrar_evento("registro", usuario=usuario, detalle="pendiente de 2FA" if activar_otp else None)
    log.info("Registro de usuario_id=%s empresa_id=%s (2FA pendiente=%s)", usuario.id, usuario.empresa_id, activar_otp)
    if not activar_otp:
        return {"usuario": usuario, **issue_tokens(usuario)}
    minutos = int(current_app.config.get("REGISTRO_PENDIENTE_MINUTOS", 30))
    return {
        "usuario": usuario,
        "pending_token": create_special_token(usuario, PENDING, minutos),
        "otp": otp.datos_configuracion(usuario.otp_secret, usuario.email),
    }


def confirmar_registro_otp(pending_token: str, codigo: str) -> dict:
    payload = decode_special_token(pending_token, PENDING)
    usuario = db.session.get(Usuario, int(payload["sub"]))
    if usuario is None or not usuario.pendiente_activacion or not usuario.otp_secret:
        raise APIError(401, "activacion_invalida", "El token de activación no es válido o expiró; regístrese de nuevo.")
    exigir_codigo_otp(usuario, codigo, "confirmacion de registro")
    if not revoke_token(payload):
        raise APIError(401, "activacion_invalida", "El token de activación ya fue usado.")
    usuario.is_active = True
    usuario.pendiente_activacion = False
    codigos = _activar_otp(usuario, "registro")
    log.info("Registro confirmado con 2FA: usuario_id=%s", usuario.id)
    return {"usuario": usuario, **issue_tokens(usuario), "backup_codes": codigos}


# --- known devices -----------------------------------------------------------------------------

MAX_DISPOSITIVOS = 20  # per user; the least recently used are forgotten


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("ascii")).hexdigest()


def dispositivo_conocido(usuario: Usuario | None) -> Dispositivo | None:
    """The device of `X-Dispositivo` when it was handed to this very user; None otherwise."""
    token = intentos.dispositivo_cliente()
    if usuario is None or token is None:
        return None
    return db.session.execute(sa.select(Dispositivo).where(
        Dispositivo.digest == _digest(token), Dispositivo.usuario_id == usuario.id)).scalar_one_or_none()


def recordar_dispositivo(usuario: Usuario) -> str:
    """The `dispositivo_token` of a successful sign-in: the known one again, or a new one (only its digest
    is stored)."""
    conocido = dispositivo_conocido(usuario)
    if conocido is not None:
        conocido.usado_en = datetime.now(UTC)
        return intentos.dispositivo_cliente()
    token = secrets.token_urlsafe(32)
    db.session.add(Dispositivo(usuario_id=usuario.id, digest=_digest(token)))
    db.session.flush()
    sobrantes = db.session.execute(
        sa.select(Dispositivo.id).where(Dispositivo.usuario_id == usuario.id)
        .order_by(Dispositivo.usado_en.desc(), Dispositivo.id.desc()).offset(MAX_DISPOSITIVOS)
    ).scalars().all()
    if sobrantes:
        db.session.execute(sa.delete(Dispositivo).where(Dispositivo.id.in_(sobrantes)))
    return token


# --- login ----------------------------------------------------------------------------------

def login(email: str, password: str) -> dict:
    """A session (`access_token`, `refresh_token`, `usuario`, `dispositivo_token`) or, with 2FA, a challenge
    (`requires_otp`, `challenge_token`) for `login_otp`.

    A known device (`X-Dispositivo` handed to this account) counts its failures on its own key instead of
    the account's: a lockout caused by other clients does not stop it, and its success does not lift theirs."""
    usuario = buscar_por_email(email)
    dispositivo = dispositivo_conocido(usuario)
    if dispositivo is not None:
        clave_cuenta = intentos.clave_dispositivo(usuario.id, dispositivo.digest)
    else:
        clave_cuenta = intentos.clave_cuenta(email)
    clave_ip = intentos.clave_ip(intentos.ip_cliente())
    intentos.reservar((clave_cuenta, intentos.max_fallos_cuenta()), (clave_ip, intentos.max_fallos_ip()))
    if usuario is None:
        dummy_verify(password)
        valido = False
    else:
        valido = verify_password(usuario.password_hash, password)
    if not valido:
        intentos.registrar_evento("login_fallido", usuario=usuario,
                                  detalle=None if usuario else "cuenta desconocida")
        if intentos.bloqueo_pendiente(clave_cuenta) or intentos.bloqueo_pendiente(clave_ip):
            intentos.registrar_evento("cuenta_bloqueada", usuario=usuario,
                                      detalle="bloqueo por intentos fallidos consecutivos")
            log.warning("Bloqueo por intentos fallidos: usuario_id=%s ip=%s",
                        getattr(usuario, "id", "desconocido"), intentos.ip_cliente())
        log.warning("Inicio de sesión fallido: usuario_id=%s ip=%s",
                    getattr(usuario, "id", "desconocido"), intentos.ip_cliente())
        fallar_guardando(APIError(401, *CREDENCIALES_INVALIDAS))
    intentos.exito(clave_cuenta)
    intentos.exito(clave_ip, reiniciar=False)
    if needs_rehash(usuario.password_hash):
        usuario.password_hash = hash_password(password)
    if usuario.pendiente_activacion:
        fallar_guardando(APIError(403, "activacion_pendiente", "La cuenta está pendiente de activación: "
                                  "confirme el código de verificación en dos pasos."))
    if not usuario.is_active:
        intentos.registrar_evento("login_inactivo", usuario=usuario)
        log.info("Inicio de sesión de usuario inactivo: usuario_id=%s", usuario.id)
        fallar_guardando(APIError(403, "usuario_inactivo", "El usuario está inactivo."))
    if usuario.otp_enabled:
        minutos = int(current_app.config.get("LOGIN_RETO_MINUTOS", 5))
        intentos.registrar_evento("login_reto_otp", usuario=usuario)
        return {"requires_otp": True, "challenge_token": create_special_token(usuario, CHALLENGE, minutos)}
    intentos.registrar_evento("login_ok", usuario=usuario)
    log.info("Inicio de sesión correcto: usuario_id=%s (dispositivo conocido=%s)", usuario.id, dispositivo is not None)
    return {**issue_tokens(usuario), "usuario": usuario, "dispositivo_token": recordar_dispositivo(usuario)}


def login_otp(challenge_token: str, codigo: str) -> dict:
    payload = decode_special_token(challenge_token, CHALLENGE)
    usuario = db.session.get(Usuario, int(payload["sub"]))
    if usuario is None or not usuario.is_active or not usuario.otp_enabled:
        raise APIError(401, "reto_invalido",
                       "El reto de inicio de sesión no es válido o expiró; inicie sesión de nuevo.")
    clave_otp = intentos.clave_otp(usuario.id)
    clave_reto = intentos.clave_reto(payload["jti"])
    limite = intentos.max_fallos_otp()
    intentos.reservar((clave_otp, limite), (clave_reto, limite))
    metodo = otp.verificar_codigo_2fa(usuario, codigo)
    if metodo is None:
        if intentos.bloqueo_pendiente(clave_reto):
            revoke_token(payload)  # 5 wrong codes burn the challenge
            intentos.registrar_evento("reto_agotado", usuario=usuario)
        _rechazar_codigo(usuario, "inicio de sesión",
                         APIError(401, "codigo_invalido", "El código de verificación no es válido."))
    intentos.exito(clave_otp)
    if not revoke_token(payload):  # single use
        raise APIError(401, "reto_invalido", "El reto de inicio de sesión ya fue usado; inicie sesión de nuevo.")
    intentos.registrar_evento("login_ok", usuario=usuario, detalle=f"2FA {metodo}")
    log.info("Inicio de sesión con 2FA (%s): usuario_id=%s", metodo, usuario.id)
    resultado = {**issue_tokens(usuario), "usuario": usuario, "dispositivo_token": recordar_dispositivo(usuario)}
    if metodo == "backup":
        resultado["backup_codes_restantes"] = len(usuario.otp_backup_codes or [])
    return resultado


# --- refresh / logout -----------------------------------------------------------------------

def refrescar(payload: dict) -> dict:
    usuario = db.session.get(Usuario, int(payload["sub"]))
    if usuario is None:
        raise APIError(401, "usuario_invalido", "El usuario del token ya no existe.")
    if not usuario.is_active:
        revoke_family(payload.get("fam"), "usuario_inactivo")
        fallar_guardando(APIError(403, "usuario_inactivo", "El usuario está inactivo."))
    return rotate_refresh(payload, usuario)


def _refresh_de(usuario: Usuario, refresh_token: str) -> dict:
    """The payload of a refresh token of `usuario` (expired ones too: logout still revokes them)."""
    try:
        payload = decode_token(refresh_token, allow_expired=True)
    except (PyJWTError, JWTExtendedException, ValueError) as exc:
        raise APIError(422, details={"refresh_token": ["No es un refresh token válido."]}) from exc
    if payload.get("type") != "refresh" or payload.get("sub") != str(usuario.id):
        raise APIError(422, details={"refresh_token": ["No es un refresh token de esta sesión."]})
    return payload


def logout(usuario: Usuario, access_payload: dict, refresh_token: str | None) -> None:
    payloads = [access_payload] + ([_refresh_de(usuario, refresh_token)] if refresh_token else [])
    for payload in payloads:
        revoke_token(payload)
        revoke_family(payload.get("fam"), "logout")
    intentos.registrar_evento("logout", usuario=usuario)
    log.info("Cierre de sesión: usuario_id=%s", usuario.id)


# --- TOTP management (authenticated) ----------------------------------------------------------

def configurar_otp(usuario: Usuario) -> dict:
    _exigir_otp(usuario, activo=False)
    usuario.otp_secret = otp.nuevo_secreto()
    usuario.otp_last_timestep = None
    log.info("Configuración de 2FA iniciada: usuario_id=%s", usuario.id)
    return otp.datos_configuracion(usuario.otp_secret, usuario.email)


def activar_otp(usuario: Usuario, codigo: str) -> dict:
    _exigir_otp(usuario, activo=False)
    if not usuario.otp_secret:
        raise APIError(409, "otp_sin_configurar", "Primero inicie la configuración con POST /auth/otp/setup.")
    exigir_codigo_otp(usuario, codigo, "activación")
    codigos = _activar_otp(usuario)
    log.info("2FA activado: usuario_id=%s", usuario.id)
    return {"otp_enabled": True, "backup_codes": codigos}


def renovar_codigos_respaldo(usuario: Usuario, codigo: str) -> dict:
    _exigir_otp(usuario, activo=True)
    exigir_codigo_otp(usuario, codigo, "nuevos códigos de respaldo",
                      "Se requiere un código TOTP válido (no un código de respaldo).")
    codigos = _nuevos_codigos_respaldo(usuario)
    intentos.registrar_evento("otp_backup_regenerados", usuario=usuario)
    log.info("Códigos de respaldo regenerados: usuario_id=%s", usuario.id)
    return {"backup_codes": codigos}


def desactivar_otp(usuario: Usuario, password: str, codigo: str) -> dict:
    _exigir_otp(usuario, activo=True)
    verificar_password_actual(usuario, password, "password")
    exigir_codigo_otp(usuario, codigo, "desactivación", respaldo=True)
    usuario.otp_enabled = False
    usuario.otp_secret = None
    usuario.otp_backup_codes = None
    usuario.otp_last_timestep = None
    tokens = renovar_sesion(usuario, "otp_desactivado", "Verificación en dos pasos desactivada", "otp_desactivado")
    log.info("2FA desactivado; sesiones revocadas: usuario_id=%s", usuario.id)
    return {"otp_enabled": False, **tokens}
