"""Account flows of the logged-in user: profile, password change (TOTP or e-mailed code),
own company's subscriptions."""

from __future__ import annotations

import hashlib
import hmac
import math
import secrets
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa
from flask import current_app

from database.db import db
from models import CodigoVerificacion, PlanServicio, Servicio, Suscripcion, Usuario
from services import fallar_guardando, intentos, obtener_o_404, suscripciones
from services.correo import CorreoError, CorreoNoConfigurado, ServicioCorreo
from services.identidad import exigir_codigo_otp, renovar_sesion, verificar_password_actual
from utils.errors import APIError
from utils.logger import AppLogger
from utils.password_validator import exigir_password_valida
from utils.passwords import hash_password

log = AppLogger.get("auth")

PROPOSITO_CAMBIO = "cambio_password"
CODIGO_VIGENCIA = 600  # seconds
CODIGO_MAX_INTENTOS = 5
CODIGO_REENVIO_SEGUNDOS = 60

CAMPOS_PERFIL = ("nombre", "telefono", "direccion", "ciudad", "pais", "fecha_nacimiento")
CORREO_NO_CONFIGURADO = (503, "correo_no_configurado",
                         "El envío de correos no está configurado en el servidor; contacte al administrador.")


# --- profile --------------------------------------------------------------------------------

def actualizar_perfil(usuario: Usuario, datos: dict) -> Usuario:
    for campo in CAMPOS_PERFIL:
        if campo in datos:
            valor = datos[campo]
            setattr(usuario, campo, valor.strip() if isinstance(valor, str) else valor)
    return usuario


# --- e-mailed verification codes ----------------------------------------------------------------

def _hash_codigo(usuario_id: int, codigo: str) -> str:
    key = current_app.config["SECRET_KEY"].encode("utf-8")
    return hmac.new(key, f"codigo:{usuario_id}:{codigo}".encode(), hashlib.sha256).hexdigest()


def solicitar_codigo(usuario: Usuario) -> dict:
    """E-mail a new code now (the answer says it was sent). If sending fails the use case fails: 503,
    and the rollback leaves no stored code that was never sent."""
    if usuario.otp_enabled:
        raise APIError(409, "usa_otp", "Su cuenta tiene verificación en dos pasos: use su código TOTP.")
    servicio = ServicioCorreo()
    if not servicio.configurado():
        log.error("Código de cambio de contraseña no enviado: SMTP no configurado (SMTP_SERVER)")
        raise APIError(*CORREO_NO_CONFIGURADO)
    ahora = datetime.now(UTC)
    ultimo = db.session.execute(
        sa.select(CodigoVerificacion.created_at)
        .where(CodigoVerificacion.usuario_id == usuario.id, CodigoVerificacion.proposito == PROPOSITO_CAMBIO)
        .order_by(CodigoVerificacion.created_at.desc()).limit(1)
    ).scalar_one_or_none()
    if ultimo is not None and (ahora - ultimo).total_seconds() < CODIGO_REENVIO_SEGUNDOS:
        espera = math.ceil(CODIGO_REENVIO_SEGUNDOS - (ahora - ultimo).total_seconds())
        raise APIError(429, "espere_para_reenviar", "Ya se envió un código hace poco; espere antes de pedir otro.",
                       details={"retry_after": espera}, headers={"Retry-After": str(espera)})
    # Only the newest code is valid.
    db.session.execute(
        sa.update(CodigoVerificacion)
        .where(CodigoVerificacion.usuario_id == usuario.id, CodigoVerificacion.usado_en.is_(None))
        .values(usado_en=ahora).execution_options(synchronize_session=False)
    )
    codigo = f"{secrets.randbelow(10**6):06d}"
    db.session.add(CodigoVerificacion(
        usuario_id=usuario.id, proposito=PROPOSITO_CAMBIO, codigo_hash=_hash_codigo(usuario.id, codigo),
        expira_en=ahora + timedelta(seconds=CODIGO_VIGENCIA), intentos=0, created_at=ahora,
    ))
    intentos.registrar_evento("codigo_password_enviado", usuario=usuario)
    db.session.flush()
    try:
        servicio.enviar(usuario.email, "Código para cambiar su contraseña", "codigo_password",
                        {"nombre": usuario.nombre, "codigo": codigo, "minutos": CODIGO_VIGENCIA // 60})
    except CorreoNoConfigurado as exc:
        raise APIError(*CORREO_NO_CONFIGURADO) from exc
    except CorreoError as exc:
        raise APIError(503, "correo_no_enviado",
                       "No se pudo enviar el correo con el código; intente de nuevo en unos minutos.") from exc
    log.info("Código de cambio de contraseña enviado: usuario_id=%s", usuario.id)
    return {"sent": True, "expires_in": CODIGO_VIGENCIA}


def verificar_codigo(usuario: Usuario, codigo: str, *, consumir: bool, campo: str = "code") -> None:
    """422 unless `codigo` is the user's current code (unexpired, unused, < 5 failed attempts)."""
    ahora = datetime.now(UTC)
    fila = db.session.execute(
        sa.select(CodigoVerificacion)
        .where(CodigoVerificacion.usuario_id == usuario.id, CodigoVerificacion.proposito == PROPOSITO_CAMBIO,
               CodigoVerificacion.usado_en.is_(None), CodigoVerificacion.expira_en > ahora)
        .order_by(CodigoVerificacion.created_at.desc()).limit(1).with_for_update()
    ).scalar_one_or_none()
    invalido = APIError(422, "codigo_invalido", "El código no es válido o expiró.",
                        details={campo: ["El código no es válido o expiró; solicite uno nuevo si es necesario."]})
    if fila is None or fila.intentos >= CODIGO_MAX_INTENTOS:
        raise invalido
    limpio = (codigo or "").strip()
    if not hmac.compare_digest(fila.codigo_hash, _hash_codigo(usuario.id, limpio)):
        fila.intentos += 1
        if fila.intentos >= CODIGO_MAX_INTENTOS:
            fila.usado_en = ahora  # burnt
            log.warning("Código por correo agotado (5 intentos): usuario_id=%s", usuario.id)
        intentos.registrar_evento("codigo_password_fallido", usuario=usuario)
        log.warning("Código por correo incorrecto: usuario_id=%s ip=%s", usuario.id, intentos.ip_cliente())
        fallar_guardando(invalido)
    if consumir:
        fila.usado_en = ahora


# --- password change ------------------------------------------------------------------------

def cambiar_password(usuario: Usuario, datos: dict) -> dict:
    nueva = datos["new_password"]
    exigir_password_valida(nueva, usuario.email, campo="new_password")
    if usuario.otp_enabled and not datos.get("otp_code"):
        raise APIError(422, details={"otp_code": ["Su cuenta tiene 2FA: envíe el código de su aplicación "
                                                  "autenticadora."]})
    if not usuario.otp_enabled and not datos.get("verification_code"):
        raise APIError(422, details={"verification_code": ["Envíe el código que recibió por correo."]})
    verificar_password_actual(usuario, datos["current_password"], "current_password")
    if datos["current_password"] == nueva:
        raise APIError(422, details={"new_password": ["La nueva contraseña debe ser distinta de la actual."]})
    if usuario.otp_enabled:
        exigir_codigo_otp(usuario, datos["otp_code"], "cambio de contraseña", campo="otp_code", respaldo=True)
    else:
        verificar_codigo(usuario, datos["verification_code"], consumir=True, campo="verification_code")
    usuario.password_hash = hash_password(nueva)
    tokens = renovar_sesion(usuario, "password_cambiado", "Su contraseña fue cambiada", "password_cambiado")
    log.info("Contraseña cambiada por el usuario; sesiones revocadas: usuario_id=%s", usuario.id)
    return {"message": "Contraseña actualizada. Las demás sesiones se cerraron.", **tokens}


# --- own company's subscriptions --------------------------------------------------------------

def _servicios_por_plan(plan_ids: set[int]) -> dict[int, list[dict]]:
    if not plan_ids:
        return {}
    filas = db.session.execute(
        sa.select(PlanServicio.plan_id, Servicio.id, Servicio.nombre, PlanServicio.cantidad)
        .join(Servicio, Servicio.id == PlanServicio.servicio_id)
        .where(PlanServicio.plan_id.in_(plan_ids)).order_by(Servicio.nombre)
    ).all()
    resultado: dict[int, list[dict]] = {}
    for plan_id, sid, nombre, cantidad in filas:
        resultado.setdefault(plan_id, []).append({"id": sid, "nombre": nombre, "cantidad": cantidad})
    return resultado


def _item(suscripcion: Suscripcion, servicios: dict[int, list[dict]]) -> dict:
    return {
        "id": suscripcion.id,
        "plan": {"id": suscripcion.plan.id, "nombre": suscripcion.plan.nombre},
        "periodo": suscripcion.periodo,
        "fecha_inicio": suscripcion.fecha_inicio,
        "fecha_fin": suscripcion.fecha_fin,
        "estado": suscripcion.estado,
        "precio_pagado": suscripcion.precio_pagado,
        "porcentaje_descuento": suscripcion.porcentaje_descuento,
        "renovacion_automatica": suscripcion.renovacion_automatica,
        "servicios": servicios.get(suscripcion.plan_id, []),
    }


def suscripciones_de(usuario: Usuario) -> dict:
    if usuario.empresa_id is None:
        return {"items": []}
    filas = db.session.execute(
        sa.select(Suscripcion).where(Suscripcion.empresa_id == usuario.empresa_id)
        .order_by(Suscripcion.fecha_inicio.desc(), Suscripcion.id.desc())
    ).scalars().all()
    servicios = _servicios_por_plan({s.plan_id for s in filas})
    return {"items": [_item(s, servicios) for s in filas]}


def cambiar_renovacion(usuario: Usuario, suscripcion_id: int, valor: bool) -> dict:
    """Another company's subscription answers like a missing one (404); the change follows the admin's
    rule (`suscripciones.actualizar`: a cancelled subscription is read-only)."""
    suscripcion = obtener_o_404(Suscripcion, suscripcion_id, empresa_id=usuario.empresa_id)
    suscripciones.actualizar(suscripcion, {"renovacion_automatica": valor})
    return _item(suscripcion, _servicios_por_plan({suscripcion.plan_id}))
