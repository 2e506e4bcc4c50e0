"""Licensing API for the SaaS instances (`/api/*`): HTTP 200 for every definite license answer."""

from __future__ import annotations

from routes.base import Blueprint
from schemas.licencias import LicenciaSchema, VerificarServiciosArgsSchema, VerificarServiciosSchema
from schemas.public import PlanesPublicosSchema
from services import licencias
from utils.logger import AppLogger
from utils.security import API_KEY, CLIENTE, PUBLICO, current_usuario

blp = Blueprint("api_licencias", __name__, acceso=PUBLICO, url_prefix="/api",
                description="Licenciamiento para instancias SaaS (planes, licencia, servicios activos)")

log = AppLogger.get("api")


def _registrar(origen: str, respuesta: dict) -> None:
    log.info("Licencia %s empresa_id=%s codigo=%s", origen, respuesta["empresa"]["id"], respuesta["codigo"])


@blp.route("/planes")
@blp.response(200, PlanesPublicosSchema)
def planes():
    """Catálogo de planes con sus servicios activos (igual que GET /public/planes)."""
    return {"items": licencias.planes_catalogo()}


@blp.route("/verificar-licencia", methods=["POST"], acceso=CLIENTE, errores={
    401: "Token ausente, inválido o revocado",
    403: "Usuario inactivo",
    404: "El usuario no pertenece a ninguna empresa",
})
@blp.response(200, LicenciaSchema)
def verificar_licencia():
    """Licencia de la empresa del usuario autenticado (JWT). `codigo` dice por qué no es válida."""
    respuesta = licencias.licencia_usuario(current_usuario())
    _registrar("jwt", respuesta)
    return respuesta


@blp.route("/suscripcion-activa/<string:nit>", acceso=API_KEY, errores={
    401: "X-API-Key ausente o inválida",
    404: "No existe una empresa con ese NIT (con o sin dígito de verificación)",
    503: "SAAS_API_KEY no configurada en el servidor",
})
@blp.response(200, LicenciaSchema)
def suscripcion_activa(nit):
    """Licencia de una empresa por NIT (X-API-Key). HTTP 200 para toda respuesta definitiva."""
    respuesta = licencias.licencia_por_nit(nit)
    _registrar("nit", respuesta)
    return respuesta


@blp.route("/verificar-servicios-activos", methods=["POST"], acceso=API_KEY, errores={
    401: "X-API-Key ausente o inválida",
    404: "No existe una empresa con ese NIT",
    422: "Datos no válidos",
    503: "SAAS_API_KEY no configurada en el servidor",
})
@blp.arguments(VerificarServiciosArgsSchema)
@blp.response(200, VerificarServiciosSchema)
def verificar_servicios_activos(args):
    """¿Qué servicios pedidos puede usar la empresa? (nombres sin distinguir mayúsculas ni tildes)."""
    return licencias.servicios_activos(args["nit"], args["servicios"])

