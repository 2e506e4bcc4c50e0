"""Identity flows: registration, login (with 2FA), refresh, logout, TOTP setup/activation/disable.

Views stay thin: they load the schema, call one function here and return its result.
Every failure is counted (services.intentos), logged to the auth log and to `LogAcceso`.
"""

from __future__ import annotations

from datetime import UTC, datetime

import sqlalchemy as sa
from flask import current_app

from database.db import db
from models import Empresa, Usuario
from services import intentos, otp
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
from utils.nit import NitInvalido, normalizar_nit
from utils.password_validator import validar_password
from utils.passwords import dummy_verify, hash_password, needs_rehash, verify_password

log = AppLogger.get("auth")

CREDENCIALES_INVALIDAS = ("credenciales_invalidas", "Correo o contraseña incorrectos.")


def normalizar_email(email: str) -> str:
    return (email or "").strip().lower()


def buscar_por_email(email: str) -> Usuario | None:
    # Emails are stored lowercased. On MariaDB/MySQL the column's *_ci collation already compares without
    # case, so the plain comparison uses the unique index; lower(email) would read every user on each
    # login (README, "Producción y escala"). SQLite compares case-sensitively: keep lower() there.
    columna = Usuario.email if db.engine.dialect.name == "mysql" else sa.func.lower(Usuario.email)
    return db.session.execute(sa.select(Usuario).where(columna == normalizar_email(email))).scalar_one_or_none()


def _ahora_texto() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%d %H:%M")


def _aviso(usuario: Usuario, asunto: str, plantilla: str) -> None:
    enviar_aviso(usuario.email, asunto, plantilla, {"nombre": usuario.nombre, "fecha": _ahora_texto()})


def _validar_password_o_422(password: str, email: str, campo: str = "password") -> None:
    errores = validar_password(password, email)
    if errores:
        raise APIError(422, "password_debil", "La contraseña no cumple la política.", details={campo: errores})


# --- registration ---------------------------------------------------------------------------

def registrar(datos: dict) -> dict:
    email = normalizar_email(datos["email"])
    _validar_password_o_422(datos["password"], email)
    if buscar_por_email(email) is not None:
        raise APIError(409, "email_en_uso", "Ya existe una cuenta con ese correo electrónico.")
    empresa = None
    if datos.get("empresa"):
        empresa = _crear_empresa(datos["empresa"])
    activar_otp = bool(datos.get("activar_otp"))
    usuario = Usuario(
        nombre=datos["nombre"].strip(), email=email, password_hash=hash_password(datos["password"]),
        rol="cliente", empresa_id=empresa.id if empresa else None,
        is_active=not activar_otp, pendiente_activacion=activar_otp,
        otp_secret=otp.nuevo_secreto() if activar_otp else None, otp_enabled=False,
    )
    db.session.add(usuario)
    db.session.flush()
    intentos.registrar_evento("registro", usuario=usuario, detalle="pendiente de 2FA" if activar_otp else None)
    if activar_otp:
        minutos = int(current_app.config.get("REGISTRO_PENDIENTE_MINUTOS", 30))
        resultado = {
            "usuario": usuario,
            "pending_token": create_special_token(usuario, PENDING, minutos),
            "otp": otp.datos_configuracion(usuario.otp_secret, usuario.email),
        }
    else:
        resultado = {"usuario": usuario, **issue_tokens(usuario)}
    db.session.commit()
    log.info("Registro de usuario_id=%s empresa_id=%s (2FA pendiente=%s)", usuario.id, usuario.empresa_id, activar_otp)
    return resultado


def _crear_empresa(datos: dict) -> Empresa:
    try:
        nit, nit_base = normalizar_nit(datos["nit"])
    except NitInvalido as exc:
        raise APIError(422, "validacion", "Los datos enviados no son válidos.",
                       details={"empresa": {"nit": [str(exc)]}}) from exc
    existe = db.session.execute(sa.select(Empresa.id).where(Empresa.nit_base == nit_base)).first()
    if existe:
        raise APIError(409, "nit_en_uso", "Ya existe una empresa registrada con ese NIT.")
    empresa = Empresa(nit=nit, nit_base=nit_base, nombre=datos["nombre"].strip(),
                      contacto=(datos.get("contacto") or None), estado="activa")
    db.session.add(empresa)
    db.session.flush()
    return empresa


def confirmar_registro_otp(pending_token: str, codigo: str) -> dict:
    payload = decode_special_token(pending_token, PENDING)
    usuario = db.session.get(Usuario, int(payload["sub"]))
    if usuario is None or not usuario.pendiente_activacion or not usuario.otp_secret:
        raise APIError(401, "activacion_invalida", "El token de activación no es válido o expiró; regístrese de nuevo.")
    clave = intentos.clave_otp(usuario.id)
    intentos.reservar((clave, intentos.max_fallos_otp()))
    if not otp.verificar_totp(usuario, codigo):
        _fallo_otp(usuario, "confirmacion de registro")
        raise APIError(422, "codigo_invalido", "El código no es válido.",
                       details={"code": ["El código no es válido o ya fue usado."]})
    intentos.exito(clave)
    if not revoke_token(payload):
        raise APIError(401, "activacion_invalida", "El token de activación ya fue usado.")
    codigos, hashes = otp.generar_backup_codes()
    usuario.is_active = True
    usuario.pendiente_activacion = False
    usuario.otp_enabled = True
    usuario.otp_backup_codes = hashes
    tokens = issue_tokens(usuario)
    intentos.registrar_evento("otp_activado", usuario=usuario, detalle="registro")
    db.session.commit()
    log.info("Registro confirmado con 2FA: usuario_id=%s", usuario.id)
    _aviso(usuario, "Verificación en dos pasos activada", "otp_activado")
    return {"usuario": usuario, **tokens, "backup_codes": codigos}


def _fallo_otp(usuario: Usuario, contexto: str, clave_extra: str | None = None) -> None:
    intentos.registrar_evento("otp_fallido", usuario=usuario, detalle=contexto)
    if intentos.bloqueo_pendiente(intentos.clave_otp(usuario.id)):
        intentos.registrar_evento("otp_bloqueado", usuario=usuario, detalle=contexto)
        log.warning("2FA bloqueado por intentos fallidos: usuario_id=%s (%s)", usuario.id, contexto)
    db.session.commit()
    log.warning("Código 2FA incorrecto: usuario_id=%s ip=%s (%s)", usuario.id, intentos.ip_cliente(), contexto)


# --- login ----------------------------------------------------------------------------------

def login(email: str, password: str) -> tuple[dict, int]:
    clave_cuenta = intentos.clave_cuenta(email)
    clave_ip = intentos.clave_ip(intentos.ip_cliente())
    intentos.reservar((clave_cuenta, intentos.max_fallos_cuenta()), (clave_ip, intentos.max_fallos_ip()))
    usuario = buscar_por_email(email)
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
        db.session.commit()
        log.warning("Inicio de sesión fallido: usuario_id=%s ip=%s",
                    getattr(usuario, "id", "desconocido"), intentos.ip_cliente())
        raise APIError(401, *CREDENCIALES_INVALIDAS)
    intentos.exito(clave_cuenta)
    intentos.exito(clave_ip, reiniciar=False)
    if needs_rehash(usuario.password_hash):
        usuario.password_hash = hash_password(password)
    if usuario.pendiente_activacion:
        db.session.commit()
        raise APIError(403, "activacion_pendiente",
                       "La cuenta está pendiente de activación: confirme el código de verificación en dos pasos.")
    if not usuario.is_active:
        intentos.registrar_evento("login_inactivo", usuario=usuario)
        db.session.commit()
        log.info("Inicio de sesión de usuario inactivo: usuario_id=%s", usuario.id)
        raise APIError(403, "usuario_inactivo", "El usuario está inactivo.")
    if usuario.otp_enabled:
        minutos = int(current_app.config.get("LOGIN_RETO_MINUTOS", 5))
        reto = create_special_token(usuario, CHALLENGE, minutos)
        intentos.registrar_evento("login_reto_otp", usuario=usuario)
        db.session.commit()
        return {"requires_otp": True, "challenge_token": reto}, 202
    tokens = issue_tokens(usuario)
    intentos.registrar_evento("login_ok", usuario=usuario)
    db.session.commit()
    log.info("Inicio de sesión correcto: usuario_id=%s", usuario.id)
    return {**tokens, "usuario": usuario}, 200


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
        _fallo_otp(usuario, "inicio de sesión")
        raise APIError(401, "codigo_invalido", "El código de verificación no es válido.")
    intentos.exito(clave_otp)
    if not revoke_token(payload):  # single use
        db.session.rollback()
        raise APIError(401, "reto_invalido", "El reto de inicio de sesión ya fue usado; inicie sesión de nuevo.")
    tokens = issue_tokens(usuario)
    intentos.registrar_evento("login_ok", usuario=usuario, detalle=f"2FA {metodo}")
    db.session.commit()
    log.info("Inicio de sesión con 2FA (%s): usuario_id=%s", metodo, usuario.id)
    resultado = {**tokens, "usuario": usuario}
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
        db.session.commit()
        raise APIError(403, "usuario_inactivo", "El usuario está inactivo.")
    return rotate_refresh(payload, usuario)


def logout(usuario: Usuario, access_payload: dict, refresh_token: str | None) -> None:
    refresh_payload = None
    if refresh_token:
        from flask_jwt_extended import decode_token
        from flask_jwt_extended.exceptions import JWTExtendedException
        from jwt.exceptions import PyJWTError

        try:
            refresh_payload = decode_token(refresh_token, allow_expired=True)
        except (PyJWTError, JWTExtendedException, ValueError) as exc:
            raise APIError(422, "validacion", "Los datos enviados no son válidos.",
                           details={"refresh_token": ["No es un refresh token válido."]}) from exc
        if refresh_payload.get("type") != "refresh" or refresh_payload.get("sub") != str(usuario.id):
            raise APIError(422, "validacion", "Los datos enviados no son válidos.",
                           details={"refresh_token": ["No es un refresh token de esta sesión."]})
    revoke_token(access_payload)
    revoke_family(access_payload.get("fam"), "logout")
    if refresh_payload is not None:
        revoke_token(refresh_payload)
        revoke_family(refresh_payload.get("fam"), "logout")
    intentos.registrar_evento("logout", usuario=usuario)
    db.session.commit()
    log.info("Cierre de sesión: usuario_id=%s", usuario.id)


# --- TOTP management (authenticated) ----------------------------------------------------------

def otp_setup(usuario: Usuario) -> dict:
    if usuario.otp_enabled:
        raise APIError(409, "otp_ya_activo", "La verificación en dos pasos ya está activa.")
    usuario.otp_secret = otp.nuevo_secreto()
    usuario.otp_last_timestep = None
    db.session.commit()
    log.info("Configuración de 2FA iniciada: usuario_id=%s", usuario.id)
    return otp.datos_configuracion(usuario.otp_secret, usuario.email)


def otp_activate(usuario: Usuario, codigo: str) -> dict:
    if usuario.otp_enabled:
        raise APIError(409, "otp_ya_activo", "La verificación en dos pasos ya está activa.")
    if not usuario.otp_secret:
        raise APIError(409, "otp_sin_configurar", "Primero inicie la configuración con POST /auth/otp/setup.")
    clave = intentos.clave_otp(usuario.id)
    intentos.reservar((clave, intentos.max_fallos_otp()))
    if not otp.verificar_totp(usuario, codigo):
        _fallo_otp(usuario, "activación")
        raise APIError(422, "codigo_invalido", "El código no es válido.",
                       details={"code": ["El código no es válido o ya fue usado."]})
    intentos.exito(clave)
    codigos, hashes = otp.generar_backup_codes()
    usuario.otp_enabled = True
    usuario.otp_backup_codes = hashes
    intentos.registrar_evento("otp_activado", usuario=usuario)
    db.session.commit()
    log.info("2FA activado: usuario_id=%s", usuario.id)
    _aviso(usuario, "Verificación en dos pasos activada", "otp_activado")
    return {"otp_enabled": True, "backup_codes": codigos}


def otp_backup_codes(usuario: Usuario, codigo: str) -> dict:
    if not usuario.otp_enabled:
        raise APIError(409, "otp_no_activo", "La verificación en dos pasos no está activa.")
    clave = intentos.clave_otp(usuario.id)
    intentos.reservar((clave, intentos.max_fallos_otp()))
    if not otp.verificar_totp(usuario, codigo):
        _fallo_otp(usuario, "nuevos códigos de respaldo")
        raise APIError(422, "codigo_invalido", "El código no es válido.",
                       details={"code": ["Se requiere un código TOTP válido (no un código de respaldo)."]})
    intentos.exito(clave)
    codigos, hashes = otp.generar_backup_codes()
    usuario.otp_backup_codes = hashes
    intentos.registrar_evento("otp_backup_regenerados", usuario=usuario)
    db.session.commit()
    log.info("Códigos de respaldo regenerados: usuario_id=%s", usuario.id)
    return {"backup_codes": codigos}


def verificar_password_actual(usuario: Usuario, password: str, campo: str) -> None:
    """Counted like a login failure (the same account lockout)."""
    clave = intentos.clave_cuenta(usuario.email)
    intentos.reservar((clave, intentos.max_fallos_cuenta()))
    if not verify_password(usuario.password_hash, password):
        intentos.registrar_evento("password_incorrecta", usuario=usuario, detalle=campo)
        db.session.commit()
        log.warning("Contraseña actual incorrecta: usuario_id=%s ip=%s", usuario.id, intentos.ip_cliente())
        raise APIError(422, "password_incorrecta", "La contraseña no es correcta.",
                       details={campo: ["La contraseña no es correcta."]})
    intentos.exito(clave)


def otp_disable(usuario: Usuario, password: str, codigo: str) -> dict:
    if not usuario.otp_enabled:
        raise APIError(409, "otp_no_activo", "La verificación en dos pasos no está activa.")
    verificar_password_actual(usuario, password, "password")
    clave = intentos.clave_otp(usuario.id)
    intentos.reservar((clave, intentos.max_fallos_otp()))
    if otp.verificar_codigo_2fa(usuario, codigo) is None:
        _fallo_otp(usuario, "desactivación")
        raise APIError(422, "codigo_invalido", "El código no es válido.",
                       details={"code": ["El código no es válido o ya fue usado."]})
    intentos.exito(clave)
    usuario.otp_enabled = False
    usuario.otp_secret = None
    usuario.otp_backup_codes = None
    usuario.otp_last_timestep = None
    revoke_all_for_user(usuario.id, "otp_desactivado")
    tokens = issue_tokens(usuario)
    intentos.registrar_evento("otp_desactivado", usuario=usuario)
    db.session.commit()
    log.info("2FA desactivado; sesiones revocadas: usuario_id=%s", usuario.id)
    _aviso(usuario, "Verificación en dos pasos desactivada", "otp_desactivado")
    return {"otp_enabled": False, **tokens}
