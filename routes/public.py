"""Public endpoints (`/public/*`, no auth): catalogue, company look-up and self-service signup.

`/public/password-policy` lives in routes/auth.py; `/public/location/*` in routes/location.py.
"""

from __future__ import annotations

from flask import current_app

from extensions import limiter
from routes.base import Blueprint
from schemas.public import (
    EmpresaPublicaSchema,
    PlanesPublicosSchema,
    RegistroResultadoSchema,
    RegistroSuscripcionSchema,
    ServiciosPublicosArgsSchema,
    ServiciosPublicosSchema,
)
from services import empresas, licencias, registro
from utils.security import PUBLICO

blp = Blueprint("public_catalogo", __name__, acceso=PUBLICO, url_prefix="/public",
                description="Catálogo público y registro de empresas")


def registro_rate_limit() -> str:
    """Signups per IP (`PUBLIC_SIGNUP_RATE_LIMIT`, Flask-Limiter syntax), read at request time."""
    return str(current_app.config.get("PUBLIC_SIGNUP_RATE_LIMIT") or "30 per hour")


@blp.route("/planes")
@blp.response(200, PlanesPublicosSchema)
def planes():
    """Planes con precios y servicios activos incluidos (`cantidad` null = ilimitado)."""
    return {"items": licencias.planes_catalogo()}


@blp.route("/servicios", errores={422: "Parámetros no válidos"})
@blp.arguments(ServiciosPublicosArgsSchema, location="query")
@blp.response(200, ServiciosPublicosSchema)
def servicios(args):
    """Servicios del catálogo (`?activos=1`: solo los activos). Nunca expone `url_api`."""
    return {"items": licencias.servicios_publicos(args["activos"])}


@blp.route("/empresas/<int:empresa_id>", errores={404: "La empresa no existe"})
@blp.response(200, EmpresaPublicaSchema)
def empresa(empresa_id):
    """Datos públicos de una empresa: solo `id`, `nombre` y `estado`."""
    return empresas.obtener(empresa_id)


@blp.route("/suscripcion", methods=["POST"], errores={
    409: "NIT (`nit_duplicado`) o correo (`email_duplicado`) ya registrados",
    422: "Datos no válidos (`validacion`) o contraseña fuera de la política (`password_debil`)",
    429: "Demasiados registros desde esta IP (incluye Retry-After)",
})
@limiter.limit(registro_rate_limit, scope="registro_publico")
@blp.arguments(RegistroSuscripcionSchema)
@blp.response(201, RegistroResultadoSchema)
def suscripcion(data):
    """Registro: crea la empresa, su primer usuario y una suscripción `inactiva` (todo o nada)."""
    return registro.registrar_suscripcion(data)

