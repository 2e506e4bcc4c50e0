"""Countries and cities look-up from local SQLite files (no external API at run time).

- `countries.db` (LOCATION_DB_PATH): ISO 3166-1 countries with Spanish and English names.
- `cities.sqlite3.gz` (LOCATION_CITIES_ARCHIVE_PATH): GeoNames places of 500+ inhabitants. It is
  unpacked once to a cache folder (LOCATION_CACHE_DIR, default `data/cache/`) under a file lock and
  an atomic rename, so several server processes starting together never read a half-written file.
- Searches are case- and accent-insensitive (`fold()`), by ISO code or name prefix; cities are
  ordered by population and served by the `(pais, clave)` index.
- Results are cached in-process for LOCATION_CACHE_TTL_COUNTRIES / LOCATION_CACHE_TTL_CITIES seconds.
- Missing files: a small built-in catalogue (the Americas and Spain) and a warning in the log.

`data/build_location_data.py` builds both files and imports the schema and `fold()` from here,
so the build and the search always agree on the normalisation.
"""

from __future__ import annotations

import gzip
import os
import shutil
import sqlite3
import tempfile
import threading
import time
import unicodedata
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path

from flask import current_app

from utils.location_fallback import CITIES, COUNTRIES
from utils.logger import AppLogger

BASE_DIR = Path(__file__).resolve().parent.parent

COUNTRIES_SCHEMA = """
CREATE TABLE countries (
    iso2 TEXT PRIMARY KEY,
    iso3 TEXT NOT NULL,
    nombre TEXT NOT NULL,
    nombre_en TEXT NOT NULL,
    claves TEXT NOT NULL,
    clave TEXT NOT NULL
);
"""

CITIES_SCHEMA = """
CREATE TABLE cities (
    id INTEGER PRIMARY KEY,
    nombre TEXT NOT NULL,
    nombre_ascii TEXT NOT NULL,
    pais TEXT NOT NULL,
    region TEXT,
    region_codigo TEXT,
    poblacion INTEGER NOT NULL,
    latitud REAL NOT NULL,
    longitud REAL NOT NULL,
    clave TEXT NOT NULL
);
"""

# Built when the archive is unpacked (0.3 s) rather than shipped: the archive is 4 MB smaller.
CITIES_INDEXES = """
CREATE INDEX IF NOT EXISTS ix_cities_pais_clave ON cities (pais, clave);
CREATE INDEX IF NOT EXISTS ix_cities_pais_poblacion ON cities (pais, poblacion);
"""

MAX_LIMIT = 100
_CACHE_MAX_ENTRIES = 2048

# Letters that NFKD does not decompose into a base letter plus accents.
_EXTRA_ASCII = str.maketrans({
    "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ß": "ss",
    "đ": "d", "Đ": "D", "ð": "d", "Ð": "D", "þ": "th", "Þ": "Th", "ı": "i", "ħ": "h", "Ħ": "H",
    "ŀ": "l", "Ŀ": "L", "ŧ": "t", "Ŧ": "T", "ʼ": "'", "’": "'", "‘": "'", "`": "'", "´": "'",
})


def ascii_name(text: str) -> str:
    """`Bogotá` -> `Bogota`, `Łódź` -> `Lodz` (letters without a Latin base are kept as they are)."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_EXTRA_ASCII))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def fold(text: str) -> str:
    """Search key: accents removed, case folded, spaces collapsed (`  San   José` -> `san jose`)."""
    return " ".join(ascii_name(text).casefold().split())


def fallback_countries() -> list[dict]:
    rows = []
    for iso2, iso3, nombre, nombre_en in COUNTRIES:
        claves = " " + " ".join(sorted({fold(nombre), fold(nombre_en)})) + " "
        rows.append({"iso2": iso2, "iso3": iso3, "nombre": nombre, "nombre_en": nombre_en,
                     "claves": claves, "clave": fold(nombre)})
    rows.sort(key=lambda row: row["clave"])
    return rows


def fallback_cities(iso2: str) -> list[dict]:
    return [
        {"id": gid, "nombre": nombre, "region": region, "poblacion": poblacion, "clave": fold(nombre)}
        for gid, pais, nombre, region, poblacion in CITIES
        if pais == iso2
    ]


@dataclass(frozen=True)
class LocationSettings:
    countries_db: Path
    cities_archive: Path
    cache_dir: Path
    ttl_countries: int
    ttl_cities: int

    @classmethod
    def from_config(cls, config) -> LocationSettings:
        cache_dir = (config.get("LOCATION_CACHE_DIR") or os.environ.get("LOCATION_CACHE_DIR")
                     or BASE_DIR / "data" / "cache")
        return cls(
            countries_db=Path(config.get("LOCATION_DB_PATH") or BASE_DIR / "data" / "countries.db"),
            cities_archive=Path(config.get("LOCATION_CITIES_ARCHIVE_PATH") or BASE_DIR / "data" / "cities.sqlite3.gz"),
            cache_dir=Path(cache_dir),
            ttl_countries=int(config.get("LOCATION_CACHE_TTL_COUNTRIES", 86400)),
            ttl_cities=int(config.get("LOCATION_CACHE_TTL_CITIES", 3600)),
        )


def _lock(handle) -> None:
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows: the atomic rename alone still keeps readers safe
        return
    fcntl.flock(handle.fileno(), fcntl.LOCK_EX)


def _unlock(handle) -> None:
    try:
        import fcntl
    except ImportError:  # pragma: no cover
        return
    fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def _prepare_cities_db(path: Path) -> None:
    """Check the unpacked file is a cities database and add its search indexes."""
    connection = sqlite3.connect(path)
    try:
        connection.execute("SELECT id, nombre, pais, poblacion, clave FROM cities LIMIT 1").fetchall()
        connection.executescript(CITIES_INDEXES)
        connection.commit()
    finally:
        connection.close()


def unpack_cities_archive(archive: Path, cache_dir: Path) -> tuple[Path, bool]:
    """Unpack `archive` once into `cache_dir`; returns (path, whether this call unpacked it).

    The target name carries the archive's size and mtime, so a new archive is unpacked again.
    Concurrency: an exclusive file lock serialises the unpackers and the file appears under its
    final name only through an atomic `os.replace`, complete and checked.
    """
    stat = archive.stat()
    target = cache_dir / f"cities-{stat.st_size}-{stat.st_mtime_ns}.sqlite3"
    if target.exists():
        return target, False
    cache_dir.mkdir(parents=True, exist_ok=True)
    with open(cache_dir / ".cities.lock", "a+b") as lock:
        _lock(lock)
        try:
            if target.exists():
                return target, False
            fd, tmp_name = tempfile.mkstemp(dir=cache_dir, prefix=".cities-", suffix=".tmp")
            tmp = Path(tmp_name)
            try:
                with os.fdopen(fd, "wb") as out, gzip.open(archive, "rb") as source:
                    shutil.copyfileobj(source, out, 1024 * 1024)
                _prepare_cities_db(tmp)
                os.replace(tmp, target)
            finally:
                tmp.unlink(missing_ok=True)
            # Copies of an older archive: readers that still have one open keep working (POSIX), and
            # the next look-up of theirs finds the path gone and switches to the new file.
            for viejo in cache_dir.glob("cities-*.sqlite3"):
                if viejo != target:
                    viejo.unlink(missing_ok=True)
            AppLogger.get("public").info("Ciudades descomprimidas en %s", target)
            return target, True
        finally:
            _unlock(lock)


class _TTLCache:
    """A small thread-safe LRU with a time-to-live per entry."""

    def __init__(self, ttl: int, max_entries: int = _CACHE_MAX_ENTRIES):
        self.ttl = ttl
        self.max_entries = max_entries
        self._data: OrderedDict = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key):
        if self.ttl <= 0:
            return None
        with self._lock:
            item = self._data.get(key)
            if item is None:
                return None
            expires, value = item
            if expires < time.monotonic():
                del self._data[key]
                return None
            self._data.move_to_end(key)
            return value

    def set(self, key, value) -> None:
        if self.ttl <= 0:
            return
        with self._lock:
            self._data[key] = (time.monotonic() + self.ttl, value)
            self._data.move_to_end(key)
            while len(self._data) > self.max_entries:
                self._data.popitem(last=False)


def _clamp_limit(limit: int | None, default: int = 20) -> int:
    if limit is None:
        return default
    return max(1, min(int(limit), MAX_LIMIT))


def _prefix_upper_bound(prefix: str) -> str:
    """Smallest string greater than every string starting with `prefix` (binary collation)."""
    return prefix[:-1] + chr(ord(prefix[-1]) + 1)


class LocationService:
    def __init__(self, settings: LocationSettings):
        self.settings = settings
        self._countries_cache = _TTLCache(settings.ttl_countries, max_entries=1)
        self._cities_cache = _TTLCache(settings.ttl_cities)
        self._cities_path: Path | None = None
        self._cities_lock = threading.Lock()
        self._warned: set[str] = set()

    # -- helpers ---------------------------------------------------------------------------
    def _warn_once(self, key: str, message: str, *args) -> None:
        if key not in self._warned:
            self._warned.add(key)
            AppLogger.get("public").warning(message, *args)

    @staticmethod
    def _connect(path: Path) -> sqlite3.Connection:
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
        connection.row_factory = sqlite3.Row
        return connection

    # -- countries -------------------------------------------------------------------------
    def _all_countries(self) -> list[dict]:
        cached = self._countries_cache.get("all")
        if cached is not None:
            return cached
        path = self.settings.countries_db
        countries = None
        if path.is_file():
            try:
                connection = self._connect(path)
                try:
                    rows = connection.execute(
                        "SELECT iso2, iso3, nombre, nombre_en, claves, clave FROM countries ORDER BY clave"
                    ).fetchall()
                finally:
                    connection.close()
                countries = [dict(row) for row in rows]
            except sqlite3.Error as exc:
                self._warn_once("countries-error", "No se pudo leer %s (%s): se usa el catálogo mínimo de países",
                                path, exc.__class__.__name__)
        else:
            self._warn_once("countries-missing", "No existe %s: se usa el catálogo mínimo de países "
                            "(ejecute data/build_location_data.py)", path)
        if not countries:
            countries = fallback_countries()
        self._countries_cache.set("all", countries)
        return countries

    def using_fallback_countries(self) -> bool:
        return not self.settings.countries_db.is_file()

    def get_country(self, iso2: str) -> dict | None:
        code = (iso2 or "").strip().upper()
        for country in self._all_countries():
            if country["iso2"] == code:
                return country
        return None

    def search_countries(self, q: str | None = None, limit: int | None = 20) -> list[dict]:
        """ISO code (alpha-2 or alpha-3) or a word prefix of the Spanish or English name."""
        limit = _clamp_limit(limit)
        needle = fold(q or "")
        countries = self._all_countries()
        if not needle:
            found = countries
        else:
            code = needle.upper()
            exact = [c for c in countries if code in (c["iso2"], c["iso3"])]
            starts = [c for c in countries if c not in exact and c["clave"].startswith(needle)]
            words = [c for c in countries if c not in exact and c not in starts and f" {needle}" in c["claves"]]
            found = exact + starts + words
        return [{"iso2": c["iso2"], "nombre": c["nombre"], "nombre_en": c["nombre_en"]} for c in found[:limit]]

    # -- cities ----------------------------------------------------------------------------
    def _cities_db(self) -> Path | None:
        if self._cities_path is not None and self._cities_path.exists():
            return self._cities_path
        archive = self.settings.cities_archive
        if not archive.is_file():
            self._warn_once("cities-missing", "No existe %s: se usa el catálogo mínimo de ciudades "
                            "(ejecute data/build_location_data.py)", archive)
            return None
        with self._cities_lock:
            if self._cities_path is not None and self._cities_path.exists():
                return self._cities_path
            try:
                self._cities_path, _ = unpack_cities_archive(archive, self.settings.cache_dir)
            except (OSError, EOFError, sqlite3.Error) as exc:
                self._warn_once("cities-error", "No se pudo descomprimir %s en %s (%s): se usa el catálogo "
                                "mínimo de ciudades", archive, self.settings.cache_dir, exc.__class__.__name__)
                return None
        return self._cities_path

    def search_cities(self, iso2: str, q: str | None = None, limit: int | None = 20) -> list[dict]:
        """Cities of a country whose name starts with `q` (folded), most populated first."""
        limit = _clamp_limit(limit)
        code = (iso2 or "").strip().upper()
        needle = fold(q or "")
        key = (code, needle, limit)
        cached = self._cities_cache.get(key)
        if cached is not None:
            return cached
        path = self._cities_db()
        if path is None:
            rows = [c for c in fallback_cities(code) if c["clave"].startswith(needle)]
            rows.sort(key=lambda c: (-c["poblacion"], c["nombre"]))
            result = [{k: c[k] for k in ("id", "nombre", "region", "poblacion")} for c in rows[:limit]]
        else:
            sql = "SELECT id, nombre, region, poblacion FROM cities WHERE pais = ?"
            params: list = [code]
            if needle:
                # A range on the (pais, clave) index: as fast as an exact look-up.
                sql += " AND clave >= ? AND clave < ?"
                params += [needle, _prefix_upper_bound(needle)]
            sql += " ORDER BY poblacion DESC, nombre LIMIT ?"
            params.append(limit)
            connection = self._connect(path)
            try:
                result = [dict(row) for row in connection.execute(sql, params).fetchall()]
            finally:
                connection.close()
        self._cities_cache.set(key, result)
        return result


_services: dict[LocationSettings, LocationService] = {}
_services_lock = threading.Lock()


def get_location_service(config=None) -> LocationService:
    """The service for the current app's settings (one per distinct configuration, per process)."""
    if config is None:
        config = current_app.config
    settings = LocationSettings.from_config(config)
    with _services_lock:
        service = _services.get(settings)
        if service is None:
            service = _services[settings] = LocationService(settings)
        return service
