"""Location service: search quality, 404, rate limit (memory and Redis), fallback, safe unpacking."""

from __future__ import annotations

import gzip
import logging
import os
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

import pytest

from utils import location as location_mod
from utils.location import LocationService, LocationSettings, fold, unpack_cities_archive

ROOT = Path(__file__).resolve().parents[2]
COUNTRIES = "/public/location/countries"


def cities_url(iso2: str, **params) -> str:
    query = "&".join(f"{k}={v}" for k, v in params.items())
    return f"{COUNTRIES}/{iso2}/cities" + (f"?{query}" if query else "")


# --- normalisation ---------------------------------------------------------------------------------


@pytest.mark.parametrize("texto,clave", [
    ("Bogotá", "bogota"), ("  SAN   José ", "san jose"), ("Łódź", "lodz"), ("Perú", "peru"),
    ("Ñuñoa", "nunoa"), ("São Paulo", "sao paulo"), ("Straße", "strasse"),
])
def test_fold(texto, clave):
    assert fold(texto) == clave


# --- countries ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("q,iso2", [
    ("co", "CO"), ("CO", "CO"), ("col", "CO"), ("COL", "CO"), ("colombia", "CO"), ("peru", "PE"),
    ("PERÚ", "PE"), ("mexico", "MX"), ("españa", "ES"), ("espana", "ES"), ("spain", "ES"),
    ("estados unidos", "US"), ("united states", "US"), ("brasil", "BR"), ("brazil", "BR"),
])
def test_paises_por_codigo_o_nombre(client, q, iso2):
    response = client.get(COUNTRIES, query_string={"q": q})
    assert response.status_code == 200
    items = response.get_json()["items"]
    assert items and items[0]["iso2"] == iso2, items


def test_pais_en_espanol_e_ingles(client):
    items = client.get(COUNTRIES, query_string={"q": "peru"}).get_json()["items"]
    assert items == [{"iso2": "PE", "nombre": "Perú", "nombre_en": "Peru"}]


def test_paises_por_palabra_del_nombre(client):
    nombres = [c["nombre"] for c in client.get(COUNTRIES, query_string={"q": "salvador"}).get_json()["items"]]
    assert nombres == ["El Salvador"]


def test_paises_limite_y_lista_completa(client):
    assert len(client.get(COUNTRIES, query_string={"limit": 5}).get_json()["items"]) == 5
    todos = client.get(COUNTRIES, query_string={"limit": 100}).get_json()["items"]
    assert len(todos) == 100


def test_paises_sin_resultados(client):
    assert client.get(COUNTRIES, query_string={"q": "zzzz"}).get_json() == {"items": []}


@pytest.mark.parametrize("params,campo", [({"limit": 0}, "limit"), ({"limit": 101}, "limit"),
                                          ({"limit": "x"}, "limit")])
def test_paises_parametros_invalidos_422(client, params, campo):
    response = client.get(COUNTRIES, query_string=params)
    assert response.status_code == 422
    assert campo in response.get_json()["details"]


def test_cache_control_con_los_ttl(app, client, monkeypatch):
    monkeypatch.setitem(app.config, "LOCATION_CACHE_TTL_COUNTRIES", 1234)
    assert client.get(COUNTRIES).headers["Cache-Control"] == "public, max-age=1234"


# --- cities --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("q,nombre", [("bogota", "Bogotá"), ("BOG", "Bogotá"), ("bogotá", "Bogotá"),
                                       ("medellin", "Medellín"), ("cucuta", "Cúcuta"), ("Barranq", "Barranquilla")])
def test_ciudades_sin_tildes_ni_mayusculas(client, q, nombre):
    items = client.get(cities_url("co", q=q)).get_json()["items"]
    assert items[0]["nombre"] == nombre


def test_ciudades_ordenadas_por_poblacion(client):
    items = client.get(cities_url("CO", q="san", limit=50)).get_json()["items"]
    assert len(items) == 50
    poblaciones = [c["poblacion"] for c in items]
    assert poblaciones == sorted(poblaciones, reverse=True)
    assert all(fold(c["nombre"]).startswith("san") for c in items)
    assert set(items[0]) == {"id", "nombre", "region", "poblacion"}


def test_ciudades_sin_q_las_mas_pobladas(client):
    items = client.get(cities_url("co", limit=3)).get_json()["items"]
    assert [c["nombre"] for c in items][0] == "Bogotá"
    assert items[0]["id"] == 3688689  # GeoNames id
    assert items[0]["poblacion"] > 5_000_000


def test_ciudades_region_cuando_los_datos_la_traen(client):
    items = client.get(cities_url("us", q="san francisco", limit=1)).get_json()["items"]
    assert items[0]["region"] == "California"


def test_ciudades_de_lugares_pequenos_cities500(client):
    """The full GeoNames cities500 extract: places of a few hundred inhabitants are there."""
    assert len(client.get(cities_url("co", limit=100)).get_json()["items"]) == 100
    assert client.get(cities_url("ad", q="soldeu")).get_json()["items"][0]["poblacion"] < 1000


@pytest.mark.parametrize("iso2", ["XX", "COL", "C", "zz"])
def test_ciudades_pais_desconocido_404(client, iso2):
    response = client.get(cities_url(iso2, q="a"))
    assert response.status_code == 404
    assert response.get_json()["error"] == "pais_no_encontrado"


def test_busqueda_de_ciudades_usa_el_indice_y_es_rapida(app):
    service = location_mod.get_location_service(app.config)
    service.search_cities("US", "s", 20)  # unpack once
    plan = sqlite3.connect(service._cities_db()).execute(
        "EXPLAIN QUERY PLAN SELECT id FROM cities WHERE pais = 'US' AND clave >= 'sa' AND clave < 'sb'"
        " ORDER BY poblacion DESC LIMIT 20"
    ).fetchall()
    assert "ix_cities_pais_clave" in " ".join(str(p) for p in plan)
    inicio = time.perf_counter()
    for i, prefijo in enumerate(("ma", "sa", "be", "lo", "ca", "po", "bo", "me", "ch", "ne")):
        service._cities_cache = location_mod._TTLCache(0)  # measure the database, not the cache
        service.search_cities(("US", "BR", "MX", "ES", "CO")[i % 5], prefijo, 20)
    assert (time.perf_counter() - inicio) / 10 < 0.05


def test_cache_ttl(monkeypatch):
    reloj = [1000.0]
    monkeypatch.setattr(location_mod.time, "monotonic", lambda: reloj[0])
    cache = location_mod._TTLCache(ttl=10)
    cache.set("k", [1])
    assert cache.get("k") == [1]
    reloj[0] += 11
    assert cache.get("k") is None
    sin_cache = location_mod._TTLCache(ttl=0)
    sin_cache.set("k", [1])
    assert sin_cache.get("k") is None


# --- rate limit -----------------------------------------------------------------------------------------


def test_limite_por_ip_429_con_retry_after(app, client, monkeypatch):
    monkeypatch.setitem(app.config, "LOCATION_RATE_LIMIT_REQUESTS", 3)
    monkeypatch.setitem(app.config, "LOCATION_RATE_LIMIT_WINDOW", 30)
    # One budget for both endpoints of the service.
    assert client.get(COUNTRIES).status_code == 200
    assert client.get(cities_url("co", q="bog")).status_code == 200
    assert client.get(COUNTRIES, query_string={"q": "pe"}).status_code == 200
    response = client.get(cities_url("co", q="med"))
    assert response.status_code == 429
    body = response.get_json()
    assert body["error"] == "demasiadas_solicitudes" and body["message"]
    retry = int(response.headers["Retry-After"])
    assert 1 <= retry <= 30
    # Another IP still has its own budget.
    otra = client.get(COUNTRIES, environ_base={"REMOTE_ADDR": "203.0.113.9"})
    assert otra.status_code == 200


def test_limite_leido_en_cada_solicitud(app, client, monkeypatch):
    monkeypatch.setitem(app.config, "LOCATION_RATE_LIMIT_REQUESTS", 1)
    monkeypatch.setitem(app.config, "LOCATION_RATE_LIMIT_WINDOW", 60)
    assert client.get(COUNTRIES).status_code == 200
    assert client.get(COUNTRIES).status_code == 429
    monkeypatch.setitem(app.config, "LOCATION_RATE_LIMIT_REQUESTS", 5)
    assert client.get(COUNTRIES).status_code == 200


def _redis_url() -> str | None:
    url = os.environ.get("REDIS_TEST_URL", "redis://127.0.0.1:6379/14")
    try:
        import redis

        redis.Redis.from_url(url, socket_connect_timeout=1).ping()
    except Exception:  # noqa: BLE001 - any failure means "no Redis here"
        return None
    return url


@pytest.mark.slow
def test_limite_compartido_entre_procesos_con_redis(gunicorn_server):
    """With RATELIMIT_STORAGE_URI=redis://..., 4 gunicorn workers share one budget per IP."""
    url = _redis_url()
    if url is None:
        pytest.skip("Redis no disponible (REDIS_TEST_URL)")
    limite = 7
    ventana = 3000 + uuid.uuid4().int % 1000  # a unique limit key: no leftovers from other runs
    base = gunicorn_server(workers=4, env={
        "RATELIMIT_STORAGE_URI": url,
        "LOCATION_RATE_LIMIT_REQUESTS": str(limite),
        "LOCATION_RATE_LIMIT_WINDOW": str(ventana),
    })
    codigos = []
    for _ in range(limite + 5):
        try:
            with urllib.request.urlopen(f"{base}{COUNTRIES}?q=co", timeout=10) as response:  # noqa: S310
                codigos.append(response.status)
        except urllib.error.HTTPError as exc:
            codigos.append(exc.code)
            if exc.code == 429:
                assert int(exc.headers["Retry-After"]) >= 1
    assert codigos.count(200) == limite
    assert codigos.count(429) == 5


# --- fallback -----------------------------------------------------------------------------------------------


def test_fallback_sin_archivos_con_aviso(app, client, monkeypatch, tmp_path, caplog):
    monkeypatch.setitem(app.config, "LOCATION_DB_PATH", str(tmp_path / "no-existe.db"))
    monkeypatch.setitem(app.config, "LOCATION_CITIES_ARCHIVE_PATH", str(tmp_path / "no-existe.sqlite3.gz"))
    with caplog.at_level(logging.WARNING, logger="tratios.public"):
        paises = client.get(COUNTRIES, query_string={"limit": 100}).get_json()["items"]
        ciudades = client.get(cities_url("co", q="bog")).get_json()["items"]
    codigos = {p["iso2"] for p in paises}
    assert {"CO", "PE", "MX", "US", "CA", "BR", "AR", "ES"} <= codigos
    assert "FR" not in codigos
    assert client.get(COUNTRIES, query_string={"q": "peru"}).get_json()["items"][0]["nombre"] == "Perú"
    assert ciudades[0]["nombre"] == "Bogotá"
    assert client.get(cities_url("fr")).status_code == 404
    avisos = [r.getMessage() for r in caplog.records if r.name == "tratios.public" and r.levelno == logging.WARNING]
    assert any("no-existe.db" in m for m in avisos)
    assert any("no-existe.sqlite3.gz" in m for m in avisos)


def test_fallback_con_archivo_corrupto(tmp_path, caplog):
    archivo = tmp_path / "cities.sqlite3.gz"
    archivo.write_bytes(gzip.compress(b"esto no es sqlite" * 100))
    service = LocationService(LocationSettings(
        countries_db=ROOT / "data" / "countries.db", cities_archive=archivo, cache_dir=tmp_path / "cache",
        ttl_countries=60, ttl_cities=60,
    ))
    with caplog.at_level(logging.WARNING, logger="tratios.public"):
        ciudades = service.search_cities("MX", "", 3)
    assert ciudades[0]["nombre"] == "Mexico City"
    assert any("No se pudo descomprimir" in r.getMessage() for r in caplog.records)
    assert not list((tmp_path / "cache").glob("cities-*.sqlite3"))  # nothing half-written left behind


# --- unpacking once, safely, with several processes ------------------------------------------------------------

_UNPACK_SCRIPT = """
import sys, time
from pathlib import Path
sys.path.insert(0, {root!r})
from utils.location import unpack_cities_archive
while time.time() < {start}:
    time.sleep(0.001)
path, unpacked = unpack_cities_archive(Path({archive!r}), Path({cache!r}))
print(int(unpacked), path)
"""


def test_descompresion_unica_con_varios_procesos(tmp_path):
    archive = ROOT / "data" / "cities.sqlite3.gz"
    cache = tmp_path / "cache"
    start = time.time() + 1.5
    script = _UNPACK_SCRIPT.format(root=str(ROOT), start=start, archive=str(archive), cache=str(cache))
    procesos = [subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                 text=True) for _ in range(4)]
    salidas = [p.communicate(timeout=120) for p in procesos]
    assert all(p.returncode == 0 for p in procesos), [err for _, err in salidas]
    lineas = [out.split() for out, _ in salidas]
    assert sorted(int(flag) for flag, _ in lineas) == [0, 0, 0, 1]  # exactly one process unpacked
    assert len({path for _, path in lineas}) == 1
    final = Path(lineas[0][1])
    assert [p.name for p in cache.iterdir() if not p.name.startswith(".cities.lock")] == [final.name]
    with sqlite3.connect(final) as connection:
        assert connection.execute("SELECT COUNT(*) FROM cities").fetchone()[0] > 200_000
    # A second call finds it and does nothing.
    assert unpack_cities_archive(archive, cache) == (final, False)


def test_un_archivo_nuevo_se_descomprime_otra_vez(tmp_path):
    archive = tmp_path / "cities.sqlite3.gz"
    archive.write_bytes((ROOT / "data" / "cities.sqlite3.gz").read_bytes())
    cache = tmp_path / "cache"
    primero, hecho = unpack_cities_archive(archive, cache)
    assert hecho
    os.utime(archive, ns=(time.time_ns(), time.time_ns() + 5_000_000_000))  # a newer archive
    segundo, hecho = unpack_cities_archive(archive, cache)
    assert hecho and segundo != primero
    assert sorted(cache.glob("cities-*.sqlite3")) == [segundo]  # the old copy is removed
