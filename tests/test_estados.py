"""The state machines are data in one place: the services apply them, the OpenAPI publishes them and the
SPA reads the same tables from frontend/src/app/core/estados.ts."""

from __future__ import annotations

import json
import re

import pytest

from routes import MAQUINAS
from services.estados.contratos import CONTRATO
from services.estados.empresas import EMPRESA
from services.estados.pagos import PAGO
from services.estados.suscripciones import SUSCRIPCION
from services.estados.tickets import TICKET
from tests.conftest import ROOT
from utils.errors import APIError

ESTADOS_TS = ROOT / "frontend" / "src" / "app" / "core" / "estados.ts"
EN_LA_SPA = {"MAQUINA_TICKET": TICKET, "MAQUINA_SUSCRIPCION": SUSCRIPCION, "MAQUINA_CONTRATO": CONTRATO,
             "MAQUINA_PAGO": PAGO, "MAQUINA_EMPRESA": EMPRESA}


def _tabla_ts(nombre: str) -> dict:
    """The object literal `export const <nombre> = {...} as const;` read as JSON."""
    fuente = ESTADOS_TS.read_text(encoding="utf-8")
    encontrado = re.search(rf"export const {nombre} = (\{{.*?\n\}}) as const;", fuente, re.S)
    assert encontrado, f"{nombre} no está en {ESTADOS_TS}"
    literal = re.sub(r"([{,]\s*)([a-z_]+)\s*:", r'\1"\2":', encontrado.group(1)).replace("'", '"')
    return json.loads(literal)


@pytest.mark.parametrize("nombre", sorted(EN_LA_SPA))
def test_la_spa_lee_las_mismas_tablas_que_el_backend(nombre):
    assert _tabla_ts(nombre) == EN_LA_SPA[nombre].transiciones


def test_el_openapi_publica_cada_maquina(client):
    esquemas = client.get("/api/openapi.json").get_json()["components"]["schemas"]
    for maquina in MAQUINAS:
        nombre = "Estado" + "".join(p.capitalize() for p in maquina.nombre.split("_"))
        assert esquemas[nombre]["enum"] == list(maquina.estados)
        assert esquemas[nombre]["x-transiciones"] == maquina.transiciones


@pytest.mark.parametrize("maquina", MAQUINAS, ids=lambda m: m.nombre)
def test_toda_transicion_lleva_a_un_estado_de_la_misma_maquina(maquina):
    for acciones in maquina.transiciones.values():
        assert set(acciones.values()) <= set(maquina.estados)


def test_una_accion_no_permitida_es_409_con_los_estados_que_la_permiten():
    assert TICKET.siguiente("cerrado", "reabrir") == "abierto"
    with pytest.raises(APIError) as error:
        TICKET.siguiente("cancelado", "reabrir")
    assert error.value.status == 409 and error.value.error == "transicion_invalida"
    assert error.value.details["estado_actual"] == "cancelado"
    assert error.value.details["estados_permitidos"] == ["cerrado"]
    assert TICKET.accion_hacia("pendiente_respuesta", "en_proceso") == "atender"
