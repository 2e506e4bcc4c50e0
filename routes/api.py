"""Licensing API for the SaaS instances (`/api/*`): HTTP 200 for every definite license answer."""

from __future__ import annotations

from flask_smorest import Blueprint

from schemas.licencias import LicenciaSchema, VerificarServiciosArgsSchema, VerificarServiciosSchema
from schemas.public import PlanesPublicosSchema
from services import licencias
from utils.log import AppLogger
from utils.security import current_usuario, login_required, require_api_key

blp = Blueprint("api_licencias", __name__, url_prefix="/api",
                description="Licenciamiento para instancias SaaS (planes, licencia, servicios activos)")

log = AppLogger.get("api")
API_KEY = [{"apiKey": []}]
JWT = [{"bearerAuth": []}]


def _registrar(origen: str, respuesta: dict) -> None:
    log.info("Licencia %s empresa_id=%s codigo=%s", origen, respuesta["empresa"]["id"], respuesta["codigo"])


@blp.route("/planes")
@blp.response(200, PlanesPublicosSchema)
def planes():
    """Catálogo de planes con sus servicios activos (igual que GET /public/planes)."""
    return {"items": licencias.planes_catalogo()}


@blp.route("/verificar-licencia", methods=["POST"])
@blp.doc(security=JWT)
@login_required
@blp.response(200, LicenciaSchema)
@blp.alt_response(401, description="Token ausente, inválido o revocado")
@blp.alt_response(403, description="Usuario inactivo")
@blp.alt_response(404, description="El usuario no pertenece a ninguna empresa")
def verificar_licencia():
    """Licencia de la empresa del usuario autenticado (JWT). `codigo` dice por qué no es válida."""
    respuesta = licencias.licencia_usuario(current_usuario())
    _registrar("jwt", respuesta)
    return respuesta


@blp.route("/suscripcion-activa/<string:nit>")
@blp.doc(security=API_KEY)
@require_api_key
@blp.response(200, LicenciaSchema)
@blp.alt_response(401, description="X-API-Key ausente o inválida")
@blp.alt_response(404, description="No existe una empresa con ese NIT (con o sin dígito de verificación)")
@blp.alt_response(503, description="SAAS_API_KEY no configurada en el servidor")
def suscripcion_activa(nit):
    """Licencia de una empresa por NIT (X-API-Key). HTTP 200 para toda respuesta definitiva."""
    respuesta = licencias.licencia_por_nit(nit)
    _registrar("nit", respuesta)
    return respuesta


@blp.route("/verificar-servicios-activos", methods=["POST"])
@blp.doc(security=API_KEY)
@require_api_key
@blp.arguments(VerificarServiciosArgsSchema)
@blp.response(200, VerificarServiciosSchema)
@blp.alt_response(401, description="X-API-Key ausente o inválida")
@blp.alt_response(404, description="No existe una empresa con ese NIT")
@blp.alt_response(422, description="Datos no válidos")
@blp.alt_response(503, description="SAAS_API_KEY no configurada en el servidor")
def verificar_servicios_activos(args):
    """¿Qué servicios pedidos puede usar la empresa? (nombres sin distinguir mayúsculas ni tildes)."""
    return licencias.servicios_activos(args["nit"], args["servicios"])


blueprints = [blp]
