"""Support fixtures: a company with a plan subscription and a support contract of any modality."""

from __future__ import annotations

import pytest


@pytest.fixture
def contrato(make):
    """`contrato(modalidad="mensual", **kw)` -> SoporteSuscripcion (company, plan and subscription created)."""

    def _crear(modalidad: str = "mensual", empresa=None, tipo_kw: dict | None = None, **kw):
        empresa = empresa or make.empresa()
        plan = make.plan()
        suscripcion = make.suscripcion(empresa, plan)
        tipo = make.soporte_tipo(modalidad, **(tipo_kw or {}))
        return make.soporte_suscripcion(suscripcion, tipo, **kw)

    return _crear


@pytest.fixture
def api(client, api_key_headers):
    """`api(method, path, empresa_id, **kw)` against /api/internal/support."""

    def _call(method: str, path: str, empresa_id: int, **kw):
        headers = {**api_key_headers(empresa_id), **kw.pop("headers", {})}
        return client.open("/api/internal/support" + path, method=method, headers=headers, **kw)

    return _call


@pytest.fixture
def nuevo_ticket(api):
    def _crear(empresa_id: int, **datos):
        body = {"titulo": "No puedo facturar", "descripcion": "Error al guardar", "prioridad": "media", **datos}
        return api("POST", "/create_tickets", empresa_id, json=body)

    return _crear


@pytest.fixture(autouse=True)
def _uploads_limpios(app):
    """Ticket ids restart after each test: start and end with an empty uploads/tickets folder."""
    import shutil
    from pathlib import Path

    carpeta = Path(app.config["UPLOAD_FOLDER"]) / "tickets"
    shutil.rmtree(carpeta, ignore_errors=True)
    yield
    shutil.rmtree(carpeta, ignore_errors=True)
