"""`/public/location/*`: countries and cities from local files, rate limited per IP."""

from __future__ import annotations

from flask import current_app

from extensions import limiter
from routes.base import Blueprint
from schemas.public import CiudadesArgsSchema, CiudadesSchema, PaisesArgsSchema, PaisesSchema
from utils.errors import APIError
from utils.location import get_location_service
from utils.security import PUBLICO

blp = Blueprint("location", __name__, acceso=PUBLICO, url_prefix="/public/location",
                description="Países y ciudades (datos locales ISO 3166 y GeoNames; sin API externa)")


def location_rate_limit() -> str:
    """Read at request time, so a change of LOCATION_RATE_LIMIT_* applies without a restart of the code."""
    config = current_app.config
    return f"{int(config['LOCATION_RATE_LIMIT_REQUESTS'])} per {int(config['LOCATION_RATE_LIMIT_WINDOW'])} second"


# One budget per IP for the whole location service (both endpoints together).
_limite = limiter.shared_limit(location_rate_limit, scope="location")


def _cache_headers(ttl_key: str) -> dict:
    return {"Cache-Control": f"public, max-age={int(current_app.config.get(ttl_key, 0))}"}


@blp.route("/countries", errores={
    422: "Parámetros no válidos",
    429: "Demasiadas solicitudes desde esta IP (incluye Retry-After)",
})
@_limite
@blp.arguments(PaisesArgsSchema, location="query")
@blp.response(200, PaisesSchema)
def paises(args):
    """Países por código ISO o nombre (español o inglés), sin distinguir mayúsculas ni tildes."""
    items = get_location_service().search_countries(args["q"], args["limit"])
    return {"items": items}, 200, _cache_headers("LOCATION_CACHE_TTL_COUNTRIES")


@blp.route("/countries/<string:iso2>/cities", errores={
    404: "País desconocido",
    422: "Parámetros no válidos",
    429: "Demasiadas solicitudes desde esta IP (incluye Retry-After)",
})
@_limite
@blp.arguments(CiudadesArgsSchema, location="query")
@blp.response(200, CiudadesSchema)
def ciudades(args, iso2):
    """Ciudades de un país cuyo nombre empieza por `q`, de mayor a menor población."""
    service = get_location_service()
    if len(iso2) != 2 or service.get_country(iso2) is None:
        raise APIError(404, "pais_no_encontrado", "El país indicado no existe (use el código ISO de 2 letras).")
    items = service.search_cities(iso2, args["q"], args["limit"])
    return {"items": items}, 200, _cache_headers("LOCATION_CACHE_TTL_CITIES")

