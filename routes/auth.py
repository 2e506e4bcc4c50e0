"""`/auth`: registration, login with 2FA, refresh rotation, logout, TOTP management.
Also `GET /public/password-policy` (own blueprint, same rules as utils.password_validator)."""

from __future__ import annotations

from flask import jsonify, make_response
from flask_jwt_extended import get_jwt, verify_jwt_in_request
from flask_smorest import Blueprint

from schemas.auth import (
    BackupCodesSchema,
    CodigoOtpSchema,
    ConfirmarOtpRespuestaSchema,
    ConfirmarOtpSchema,
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
from schemas.base import ErrorSchema
from services import identidad
from utils.password_validator import POLITICA
from utils.security import current_usuario, login_required

blp = Blueprint("auth", __name__, url_prefix="/auth", description="Autenticación, 2FA y tokens")
policy_blp = Blueprint("password_policy", __name__, url_prefix="/public",
                       description="Política de contraseñas (pública)")

BEARER = [{"bearerAuth": []}]


def _err(status: int, description: str):
    return blp.alt_response(status, schema=ErrorSchema, description=description)


@blp.route("/registro", methods=["POST"])
@blp.arguments(RegistroSchema)
@blp.response(201, RegistroRespuestaSchema,
              description="Sin activar_otp: usuario y tokens. Con activar_otp: pending_token y datos del TOTP.")
@_err(409, "Correo o NIT ya registrados")
@_err(422, "Datos inválidos o contraseña fuera de la política")
def registro(datos):
    """Crear una cuenta de cliente (opcionalmente con su empresa y con 2FA)."""
    return identidad.registrar(datos)


@blp.route("/registro/confirmar-otp", methods=["POST"])
@blp.arguments(ConfirmarOtpSchema)
@blp.response(200, ConfirmarOtpRespuestaSchema)
@_err(401, "pending_token inválido, expirado o ya usado")
@_err(422, "Código incorrecto")
@_err(429, "Demasiados códigos incorrectos (Retry-After)")
def confirmar_otp(datos):
    """Activar la cuenta registrada con 2FA confirmando el primer código TOTP."""
    return identidad.confirmar_registro_otp(datos["pending_token"], datos["code"])


@blp.route("/login", methods=["POST"])
@blp.arguments(LoginSchema)
@blp.response(200, SesionSchema)
@blp.alt_response(202, schema=RetoSchema, description="2FA activo: usar challenge_token en /auth/login/otp")
@_err(401, "Correo o contraseña incorrectos (misma respuesta exista o no la cuenta)")
@_err(403, "Usuario inactivo o pendiente de activación")
@_err(429, "Bloqueado por intentos fallidos (Retry-After)")
def login(datos):
    """Iniciar sesión con correo y contraseña."""
    resultado, status = identidad.login(datos["email"], datos["password"])
    if status == 202:
        return make_response(jsonify(RetoSchema().dump(resultado)), 202)
    return resultado


@blp.route("/login/otp", methods=["POST"])
@blp.arguments(LoginOtpSchema)
@blp.response(200, SesionSchema)
@_err(401, "Reto inválido, expirado, agotado o código incorrecto")
@_err(429, "Demasiados códigos incorrectos (Retry-After)")
def login_otp(datos):
    """Segundo paso del inicio de sesión: código TOTP de 6 dígitos o un código de respaldo."""
    return identidad.login_otp(datos["challenge_token"], datos["code"])


@blp.route("/refresh", methods=["POST"])
@blp.response(200, TokensSchema)
@_err(401, "Refresh token ausente, inválido, expirado o revocado (el reuso revoca toda la sesión)")
@_err(403, "Usuario inactivo")
@blp.doc(security=BEARER)
def refresh():
    """Rotar el refresh token (Authorization: Bearer <refresh_token>): devuelve un par nuevo."""
    verify_jwt_in_request(refresh=True)
    return identidad.refrescar(get_jwt())


@blp.route("/logout", methods=["POST"])
@login_required
@blp.arguments(LogoutSchema)
@blp.response(200, MensajeAuthSchema)
@_err(401, "Token ausente o inválido")
@_err(422, "refresh_token inválido o de otro usuario")
@blp.doc(security=BEARER)
def logout(datos):
    """Cerrar la sesión: revoca el access token y toda la sesión (refresh tokens incluidos)."""
    identidad.logout(current_usuario(), get_jwt(), datos.get("refresh_token"))
    return {"message": "Sesión cerrada."}


@blp.route("/otp/setup", methods=["POST"])
@login_required
@blp.response(200, OtpDatosSchema)
@_err(401, "Token ausente o inválido")
@_err(409, "2FA ya activo")
@blp.doc(security=BEARER)
def otp_setup():
    """Generar un secreto TOTP nuevo (aún sin activar) con su URI otpauth y el QR en SVG."""
    return identidad.otp_setup(current_usuario())


@blp.route("/otp/activate", methods=["POST"])
@login_required
@blp.arguments(CodigoOtpSchema)
@blp.response(200, OtpActivadoSchema)
@_err(409, "2FA ya activo o sin configurar")
@_err(422, "Código incorrecto")
@_err(429, "Demasiados códigos incorrectos (Retry-After)")
@blp.doc(security=BEARER)
def otp_activate(datos):
    """Activar 2FA con un código del secreto configurado; devuelve 10 códigos de respaldo (solo esta vez)."""
    return identidad.otp_activate(current_usuario(), datos["code"])


@blp.route("/otp/backup-codes", methods=["POST"])
@login_required
@blp.arguments(CodigoOtpSchema)
@blp.response(200, BackupCodesSchema)
@_err(409, "2FA no activo")
@_err(422, "Código TOTP incorrecto")
@_err(429, "Demasiados códigos incorrectos (Retry-After)")
@blp.doc(security=BEARER)
def otp_backup_codes(datos):
    """Emitir 10 códigos de respaldo nuevos (anula los anteriores); requiere un código TOTP válido."""
    return identidad.otp_backup_codes(current_usuario(), datos["code"])


@blp.route("/otp/disable", methods=["POST"])
@login_required
@blp.arguments(OtpDisableSchema)
@blp.response(200, OtpDesactivadoSchema,
              description="2FA desactivado; las demás sesiones se revocan y se entrega un par de tokens nuevo.")
@_err(409, "2FA no activo")
@_err(422, "Contraseña o código incorrectos")
@_err(429, "Demasiados intentos fallidos (Retry-After)")
@blp.doc(security=BEARER)
def otp_disable(datos):
    """Desactivar 2FA (contraseña + código TOTP o de respaldo)."""
    return identidad.otp_disable(current_usuario(), datos["password"], datos["code"])


@policy_blp.route("/password-policy", methods=["GET"])
@policy_blp.response(200, PoliticaPasswordSchema)
def password_policy():
    """Reglas de contraseña que aplica el servidor (la SPA valida con las mismas)."""
    return POLITICA


blueprints = [blp, policy_blp]
