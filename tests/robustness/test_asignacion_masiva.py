"""Mass assignment: every JSON write endpoint of the OpenAPI document refuses protected fields (422).

The endpoints come from the document itself (so new ones are probed too); a protected field that an
endpoint legitimately accepts (e.g. `rol` and `empresa_id` in the admin's user creation) is skipped
because it appears in that endpoint's request schema.
"""

from __future__ import annotations

import re

import pytest

from app import create_app
from config import TestConfig
from tests.robustness.conftest import credenciales

PROTEGIDOS = {
    "id": 999,
    "rol": "admin",
    "empresa_id": 2,
    "is_active": True,
    "otp_enabled": True,
    "otp_secret": "JBSWY3DPEHPK3PXP",
    "otp_backup_codes": ["123456"],
    "password_hash": "x",
    "tickets_consumidos": 0,
    "horas_consumidas": 0,
    "estado": "activa",
    "created_at": "2020-01-01T00:00:00+00:00",
    "updated_at": "2020-01-01T00:00:00+00:00",
    "es_admin": True,
    "interno": True,
    "creado_por": 1,
    "consumio_cupo": False,
}


def _resolver(spec: dict, schema: dict) -> dict:
    while "$ref" in schema:
        schema = spec["components"]["schemas"][schema["$ref"].rsplit("/", 1)[-1]]
    return schema


def _escrituras() -> list:
    spec = create_app(TestConfig).test_client().get("/api/openapi.json").get_json()
    casos = []
    for path, item in spec["paths"].items():
        for method, op in item.items():
            if method not in {"post", "put", "patch"}:
                continue
            contenido = (op.get("requestBody") or {}).get("content", {})
            if "application/json" not in contenido:
                continue
            schema = _resolver(spec, contenido["application/json"]["schema"])
            campos = sorted(set(PROTEGIDOS) - set(schema.get("properties", {})))
            casos.append(pytest.param(method.upper(), path, campos, id=f"{method.upper()} {path}"))
    return casos


CASOS = _escrituras()


def _url(path: str, world) -> str:
    ids = {**world.a.ids, "servicio_id": world.servicio.id}
    return re.sub(r"\{([^}]+)\}", lambda m: str(ids[m.group(1)]), path)


def test_se_prueban_todas_las_escrituras():
    assert len(CASOS) >= 45
    assert sum(len(p.values[2]) for p in CASOS) >= 500


@pytest.mark.parametrize(("method", "path", "campos"), CASOS)
def test_campo_protegido_es_422(client, world, method, path, campos):
    """Each protected field alone, then all of them at once: 422 naming the field; nothing written."""
    for cuerpo_enviado in [{campo: PROTEGIDOS[campo]} for campo in campos] + [{c: PROTEGIDOS[c] for c in campos}]:
        response = client.open(_url(path, world), method=method, headers=credenciales(path, world),
                               json=cuerpo_enviado)
        cuerpo = response.get_json()
        assert response.status_code == 422, f"{method} {path} {list(cuerpo_enviado)}: {response.status_code} {cuerpo}"
        assert cuerpo["error"] == "validacion"
        assert set(cuerpo_enviado) <= set(cuerpo["details"]), cuerpo
