"""`/account` (JWT): profile, password change, the user's company's subscriptions.
(The customer ticket routes `/account/soporte/*` live in routes/account_soporte.py.)"""

from __future__ import annotations

from routes.base import Blueprint
from schemas.account import (
    CodigoEnviadoSchema,
    CodigoValidoSchema,
    PasswordCambiadaSchema,
    PasswordChangeSchema,
    PerfilUpdateSchema,
    RenovacionSchema,
    SuscripcionCuentaSchema,
    SuscripcionesCuentaSchema,
    VerifyCodeSchema,
)
from schemas.auth import CuentaUsuarioSchema
from services import cuenta
from utils.security import CLIENTE, current_usuario

blp = Blueprint("account", __name__, acceso=CLIENTE, url_prefix="/account",
                description="Cuenta del usuario autenticado")

RENOVACION_ERRORES = {
    404: "No existe o es de otra empresa",
    409: "Suscripción cancelada (transicion_invalida)",
    422: "Solo se acepta renovacion_automatica",
}


@blp.route("/profile", methods=["GET"], errores={401: "Token ausente o inválido"})
@blp.response(200, CuentaUsuarioSchema)
def obtener_perfil():
    """Perfil del usuario autenticado."""
    return current_usuario()


@blp.route("/profile", methods=["PUT"], errores={
    401: "Token ausente o inválido",
    422: "Campo inválido o no permitido (rol, email, empresa_id, is_active, otp_*...)",
})
@blp.arguments(PerfilUpdateSchema)
@blp.response(200, CuentaUsuarioSchema)
def actualizar_perfil(datos):
    """Actualizar nombre, teléfono, dirección, ciudad, país y fecha de nacimiento."""
    return cuenta.actualizar_perfil(current_usuario(), datos)


@blp.route("/password/request-code", methods=["POST"], errores={
    409: "La cuenta tiene 2FA: use el código TOTP",
    429: "Se pidió un código hace menos de 60 s (Retry-After)",
    503: "Correo no configurado o no se pudo enviar",
})
@blp.response(200, CodigoEnviadoSchema)
def solicitar_codigo():
    """Enviar por correo un código de 6 dígitos (10 min, un uso, 5 intentos) para cambiar la contraseña."""
    return cuenta.solicitar_codigo(current_usuario())


@blp.route("/password/verify-code", methods=["POST"], errores={
    422: "Código incorrecto, expirado o agotado",
})
@blp.arguments(VerifyCodeSchema)
@blp.response(200, CodigoValidoSchema)
def verificar_codigo(datos):
    """Comprobar el código recibido por correo (no lo consume)."""
    cuenta.verificar_codigo(current_usuario(), datos["code"], consumir=False)
    return {"valid": True}


@blp.route("/password", methods=["POST"], errores={
    422: "Contraseña actual, nueva contraseña o código inválidos",
    429: "Demasiados intentos fallidos (Retry-After)",
})
@blp.arguments(PasswordChangeSchema)
@blp.response(200, PasswordCambiadaSchema,
              description="Contraseña cambiada; las demás sesiones se revocan y se entrega un par de tokens nuevo.")
def cambiar_password(datos):
    """Cambiar la contraseña: con 2FA `otp_code`; sin 2FA `verification_code` (enviado por correo)."""
    return cuenta.cambiar_password(current_usuario(), datos)


@blp.route("/subscriptions", methods=["GET"])
@blp.route("/suscripciones", methods=["GET"])
@blp.response(200, SuscripcionesCuentaSchema)
def listar_suscripciones():
    """Suscripciones de plan de la empresa del usuario.

    `GET /account/suscripciones` es un alias.
    """
    return cuenta.suscripciones_de(current_usuario())


@blp.route("/subscriptions/<int:suscripcion_id>", methods=["PATCH"], errores=RENOVACION_ERRORES)
@blp.route("/suscripciones/<int:suscripcion_id>", methods=["PATCH"], errores=RENOVACION_ERRORES)
@blp.arguments(RenovacionSchema)
@blp.response(200, SuscripcionCuentaSchema)
def cambiar_renovacion(datos, suscripcion_id):
    """Activar o desactivar la renovación automática de una suscripción de la propia empresa.

    `PATCH /account/suscripciones/{suscripcion_id}` es un alias.
    """
    return cuenta.cambiar_renovacion(current_usuario(), suscripcion_id, datos["renovacion_automatica"])
