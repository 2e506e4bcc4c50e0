"""Public endpoints (`/public/*`, no auth): catalogue, company look-up and self-service signup.

`/public/password-policy` lives in routes/auth.py; `/public/location/*` in routes/location.py.
"""

from __future__ import annotations

import sqlalchemy as sa
from flask import current_app
from flask_smorest import Blueprint

from database.db import db
from extensions import limiter
from models import Empresa, Servicio
from schemas.public import (
    EmpresaPublicaSchema,
    PlanesPublicosSchema,
    RegistroResultadoSchema,
    RegistroSuscripcionSchema,
    ServiciosPublicosArgsSchema,
    ServiciosPublicosSchema,
)
from services import licencias, registro
from utils.errors import APIError

blp = Blueprint("public_catalogo", __name__, url_prefix="/public",
                description="Catálogo público y registro de empresas")


def registro_rate_limit() -> str:
    """Signups per IP (`PUBLIC_SIGNUP_RATE_LIMIT`, Flask-Limiter syntax), read at request time."""
    return str(current_app.config.get("PUBLIC_SIGNUP_RATE_LIMIT") or "30 per hour")


@blp.route("/planes")
@blp.response(200, PlanesPublicosSchema)
def planes():
    """Planes con precios y servicios activos incluidos (`cantidad` null = ilimitado)."""
    return {"items": licencias.planes_catalogo()}


@blp.route("/servicios")
@blp.arguments(ServiciosPublicosArgsSchema, location="query")
@blp.response(200, ServiciosPublicosSchema)
@blp.alt_response(422, description="Parámetros no válidos")
def servicios(args):
    """Servicios del catálogo (`?activos=1`: solo los activos). Nunca expone `url_api`."""
    stmt = sa.select(Servicio).order_by(Servicio.nombre, Servicio.id)
    if args["activos"]:
        stmt = stmt.where(Servicio.activo.is_(True))
    return {"items": db.session.execute(stmt).scalars().all()}


@blp.route("/empresas/<int:empresa_id>")
@blp.response(200, EmpresaPublicaSchema)
@blp.alt_response(404, description="La empresa no existe")
def empresa(empresa_id):
    """Datos públicos de una empresa: solo `id`, `nombre` y `estado`."""
    obj = db.session.get(Empresa, empresa_id)
    if obj is None:
        raise APIError(404, "empresa_no_encontrada", "La empresa no existe.")
    return obj


@blp.route("/suscripcion", methods=["POST"])
@limiter.limit(registro_rate_limit, scope="registro_publico")
@blp.arguments(RegistroSuscripcionSchema)
@blp.response(201, RegistroResultadoSchema)
@blp.alt_response(409, description="NIT o correo ya registrados")
@blp.alt_response(422, description="Datos no válidos (NIT, contraseña, plan, campos no permitidos)")
@blp.alt_response(429, description="Demasiados registros desde esta IP (incluye Retry-After)")
def suscripcion(data):
    """Registro: crea la empresa, su primer usuario y una suscripción `inactiva` (todo o nada)."""
    return registro.registrar_suscripcion(data)


blueprints = [blp]
