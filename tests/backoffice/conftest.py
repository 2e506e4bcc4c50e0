"""Back-office fixtures: an admin with headers, a customer with headers."""

from __future__ import annotations

import pytest


@pytest.fixture
def admin(make):
    return make.usuario(rol="admin", email="jefe@tratios.co", nombre="Jefa de operaciones")


@pytest.fixture
def ah(admin, auth_headers):
    """Headers of `admin`."""
    return auth_headers(admin)


@pytest.fixture
def cliente(make):
    empresa = make.empresa()
    return make.usuario(rol="cliente", empresa_id=empresa.id, email="cliente@empresa.co")


@pytest.fixture
def catalogo(make):
    """Two services and a plan that includes both (one limited, one unlimited)."""
    fact = make.servicio(nombre="Facturación")
    inv = make.servicio(nombre="Inventario")
    plan = make.plan(nombre="Pro", servicios={fact: 100, inv: None})
    return {"plan": plan, "facturacion": fact, "inventario": inv}
