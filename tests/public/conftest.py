"""Fixtures of the public area: location files in a per-session cache, a clean rate limiter."""

from __future__ import annotations

import pytest

from extensions import limiter


@pytest.fixture(scope="session")
def location_cache_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("location-cache")


@pytest.fixture(autouse=True)
def _location_settings(app, location_cache_dir, monkeypatch):
    """Unpack the cities archive into a temporary cache; start each test with an empty rate-limit budget."""
    monkeypatch.setitem(app.config, "LOCATION_CACHE_DIR", str(location_cache_dir))
    limiter.reset()
    yield
    limiter.reset()


@pytest.fixture
def licencia_setup(make):
    """A company with an `activa` subscription to a plan with two services (one unlimited)."""

    def _setup(**suscripcion_kw):
        facturacion = make.servicio(nombre="Facturación")
        inventario = make.servicio(nombre="Inventario")
        plan = make.plan(nombre="Plan Pro", servicios={facturacion: 500, inventario: None})
        empresa = make.empresa(nombre="Compraventa La 14")
        suscripcion = make.suscripcion(empresa, plan, **suscripcion_kw)
        return {"empresa": empresa, "plan": plan, "suscripcion": suscripcion,
                "facturacion": facturacion, "inventario": inventario}

    return _setup
