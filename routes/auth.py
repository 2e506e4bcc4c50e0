"""`/auth`: registration, login with 2FA, refresh rotation, logout, TOTP management.
Also `GET /public/password-policy` and `POST /public/password-policy/evaluar` (own blueprint, same rules as
utils.password_validator)."""

from __future__ import annotations

from flask import current_app, jsonify, make_response
from flask_jwt_extended import get_jwt

from extensions import limiter
from routes.base import Blueprint
from schemas.auth import (
    BackupCodesSchema,
    CodigoOtpSchema,
    ConfirmarOtpRespuestaSchema,
    ConfirmarOtpSchema,
    EvaluacionPasswordSchema,
    EvaluarPasswordSchema,
    LoginOtpSchema,
    LoginSchema,
    LogoutSchema,
    MensajeAuthSchema,
    OtpActivadoSchema,
    OtpDatosSchema,
    OtpDesactivadoSchema,
    OtpDisableSchema,
    PoliticaPasswordSchema,
    RegistroRespuestaSchema,
    RegistroSchema,
    RetoSchema,
    SesionSchema,
    TokensSchema,
)
from services import identidad
from utils.password_validator import POLITICA, evaluar_password
from utils.security import CLIENTE, PUBLICO, REFRESH, current_usuario

blp = Blueprint("auth", __name__, acceso=PUBLICO, url_prefix="/auth", description="Autenticación, 2FA y tokens")
policy_blp = Blueprint("password_policy", __name__, acceso=PUBLICO, url_prefix="/public",
                       description="Política de contraseñas (pública)")

# The answers of every endpoint that checks a 2FA code (services.identidad.exigir_codigo_otp).
CODIGO_INCORRECTO = {422: "Código incorrecto", 429: "Demasiados códigos incorrectos (Retry-After)"}


def _limite_por_ip(ajuste: str, defecto: str):
    """A Flask-Limiter limit per client IP read from the setting `ajuste` at request time."""
    return lambda: str(current_app.config.get(ajuste) or defecto)


@blp.route("/registro", methods=["POST"], errores={
    409: "Correo (email_duplicado) o NIT (nit_duplicado) ya registrados",
    422: "Datos inválidos (validacion) o contraseña fuera de la política (password_debil)",
    429: "Demasiados registros desde esta IP (Retry-After)",
})
@limiter.limit(_limite_por_ip("AUTH_REGISTRO_RATE_LIMIT", "20 per hour"), scope="auth_registro")
@blp.arguments(RegistroSchema)
@blp.response(201, RegistroRespuestaSchema,
              description="Sin activar_otp: usuario y tokens. Con activar_otp: pending_token y datos del TOTP.")
def registro(datos):
    """Crear una cuenta de cliente (opcionalmente con su empresa y con 2FA)."""
    return identidad.registrar(datos)


@blp.route("/registro/confirmar-otp", methods=["POST"], errores={
    401: "pending_token inválido, expirado o ya usado", **CODIGO_INCORRECTO,
})
@blp.arguments(ConfirmarOtpSchema)
@blp.response(200, ConfirmarOtpRespuestaSchema)
def confirmar_otp(datos):
    """Activar la cuenta registrada con 2FA confirmando el primer código TOTP."""
    return identidad.confirmar_registro_otp(datos["pending_token"], datos["code"])


@blp.route("/login", methods=["POST"], errores={
    401: "Correo o contraseña incorrectos (misma respuesta exista o no la cuenta)",
    403: "Usuario inactivo o pendiente de activación",
    429: "Bloqueado por intentos fallidos o demasiados inicios de sesión desde esta IP (Retry-After)",
})
@limiter.limit(_limite_por_ip("AUTH_LOGIN_RATE_LIMIT", "30 per minute"), scope="auth_login")
@blp.arguments(LoginSchema)
@blp.response(200, SesionSchema)
@blp.alt_response(202, schema=RetoSchema, description="2FA activo: usar challenge_token en /auth/login/otp")
def login(datos):
    """Iniciar sesión con correo y contraseña."""
    resultado = identidad.login(datos["email"], datos["password"])
    if resultado.get("requires_otp"):  # 202 with its own schema (@blp.response would dump SesionSchema)
        return make_response(jsonify(RetoSchema().dump(resultado)), 202)
    return resultado


@blp.route("/login/otp", methods=["POST"], errores={
    401: "Reto inválido, expirado, agotado o código incorrecto",
    429: CODIGO_INCORRECTO[429],
})
@blp.arguments(LoginOtpSchema)
@blp.response(200, SesionSchema)
def login_otp(datos):
    """Segundo paso del inicio de sesión: código TOTP de 6 dígitos o un código de respaldo."""
    return identidad.login_otp(datos["challenge_token"], datos["code"])


@blp.route("/refresh", methods=["POST"], acceso=REFRESH, errores={
    401: "Refresh token ausente, inválido, expirado o revocado (el reuso revoca toda la sesión)",
    403: "Usuario inactivo",
})
@blp.response(200, TokensSchema)
def refresh():
    """Rotar el refresh token (Authorization: Bearer <refresh_token>): devuelve un par nuevo."""
    return identidad.refrescar(get_jwt())


@blp.route("/logout", methods=["POST"], acceso=CLIENTE, errores={
    401: "Token ausente o inválido",
    422: "refresh_token inválido o de otro usuario",
})
@blp.arguments(LogoutSchema)
@blp.response(200, MensajeAuthSchema)
def logout(datos):
    """Cerrar la sesión: revoca el access token y toda la sesión (refresh tokens incluidos)."""
    identidad.logout(current_usuario(), get_jwt(), datos.get("refresh_token"))
    return {"message": "Sesión cerrada."}


@blp.route("/otp/setup", methods=["POST"], acceso=CLIENTE, errores={
    401: "Token ausente o inválido",
    409: "2FA ya activo",
})
@blp.response(200, OtpDatosSchema)
def configurar_otp():
    """Generar un secreto TOTP nuevo (aún sin activar) con su URI otpauth y el QR en SVG."""
    return identidad.configurar_otp(current_usuario())


@blp.route("/otp/activate", methods=["POST"], acceso=CLIENTE, errores={
    409: "2FA ya activo o sin configurar", **CODIGO_INCORRECTO,
})
@blp.arguments(CodigoOtpSchema)
@blp.response(200, OtpActivadoSchema)
def activar_otp(datos):
    """Activar 2FA con un código del secreto configurado; devuelve 10 códigos de respaldo (solo esta vez)."""
    return identidad.activar_otp(current_usuario(), datos["code"])


@blp.route("/otp/backup-codes", methods=["POST"], acceso=CLIENTE, errores={
    409: "2FA no activo", **CODIGO_INCORRECTO,
})
@blp.arguments(CodigoOtpSchema)
@blp.response(200, BackupCodesSchema)
def renovar_codigos_respaldo(datos):
    """Emitir 10 códigos de respaldo nuevos (anula los anteriores); requiere un código TOTP válido."""
    return identidad.renovar_codigos_respaldo(current_usuario(), datos["code"])


@blp.route("/otp/disable", methods=["POST"], acceso=CLIENTE, errores={
    409: "2FA no activo",
    422: "Contraseña o código incorrectos",
    429: "Demasiados intentos fallidos (Retry-After)",
})
@blp.arguments(OtpDisableSchema)
@blp.response(200, OtpDesactivadoSchema,
              description="2FA desactivado; las demás sesiones se revocan y se entrega un par de tokens nuevo.")
def desactivar_otp(datos):
    """Desactivar 2FA (contraseña + código TOTP o de respaldo)."""
    return identidad.desactivar_otp(current_usuario(), datos["password"], datos["code"])


@policy_blp.route("/password-policy", methods=["GET"])
@policy_blp.response(200, PoliticaPasswordSchema)
def politica_password():
    """Reglas de contraseña que aplica el servidor (la SPA valida con las mismas)."""
    return POLITICA


def evaluar_rate_limit() -> str:
    """Evaluations per IP (`PASSWORD_EVALUAR_RATE_LIMIT`, Flask-Limiter syntax), read at request time."""
    return str(current_app.config.get("PASSWORD_EVALUAR_RATE_LIMIT") or "60 per minute")


@policy_blp.route("/password-policy/evaluar", methods=["POST"], errores={
    422: "Cuerpo no válido",
    429: "Demasiadas evaluaciones desde esta IP (incluye Retry-After)",
})
@limiter.limit(evaluar_rate_limit, scope="password_evaluar")
@policy_blp.arguments(EvaluarPasswordSchema)
@policy_blp.response(200, EvaluacionPasswordSchema)
def evaluar(datos):
    """Evaluar una contraseña con la política y zxcvbn (el medidor de la SPA); no guarda ni registra nada."""
    return evaluar_password(datos["password"], datos.get("email"), datos.get("nombre"))
