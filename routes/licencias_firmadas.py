"""Signed licences for offline verification: the token per NIT (API key) and the public JWKS."""

from __future__ import annotations

from routes.base import Blueprint
from schemas.licencias_firmadas import JwksSchema, LicenciaFirmadaSchema
from services import licencias_firmadas
from utils.logger import AppLogger
from utils.security import API_KEY, PUBLICO

blp = Blueprint("api_licencias_firmadas", __name__, acceso=PUBLICO, url_prefix="/api",
                description="Licencias firmadas (Ed25519) para verificar sin conexión")

log = AppLogger.get("api")

JWKS_MAX_AGE = 300


@blp.route("/licencia-firmada/<string:nit>", acceso=API_KEY, errores={
    401: "X-API-Key ausente o inválida",
    404: "No existe una empresa con ese NIT (con o sin dígito de verificación)",
    503: "SAAS_API_KEY no configurada en el servidor",
})
@blp.response(200, LicenciaFirmadaSchema)
def licencia_firmada(nit):
    """Licencia de la empresa (igual que /api/suscripcion-activa) firmada con Ed25519; también si no es válida."""
    respuesta = licencias_firmadas.licencia_firmada(nit)
    log.info("Licencia firmada nit=%s expira=%s", nit, respuesta["expira"].isoformat())
    return respuesta


@blp.route("/licencia/jwks.json")
@blp.response(200, JwksSchema)
def jwks():
    """Claves públicas vigentes (JWKS): las que verifican los tokens de /api/licencia-firmada."""
    return licencias_firmadas.jwks(), 200, {"Cache-Control": f"public, max-age={JWKS_MAX_AGE}"}
