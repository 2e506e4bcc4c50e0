"""Property-based fuzzing of every operation of the app's own OpenAPI document (Schemathesis).

Each operation is a pytest case; Schemathesis generates positive (schema-valid) and negative
(schema-violating) requests, sends them in-process to the WSGI app with the right credentials for the
route (admin JWT, customer JWT, API key + X-Empresa-Id) and checks the answer against the document
(negative data must be rejected: `negative_data_rejection`). Every operation is also sent as a CORS
preflight (`OPTIONS`, no credentials, generated path parameters): 200 with the CORS headers, never a 500.
`ROBUSTNESS_MAX_EXAMPLES` (default 10) bounds the examples per operation and mode.
"""

from __future__ import annotations

import json
import os

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis.checks import not_a_server_error
from schemathesis.core import NOT_SET
from schemathesis.generation.modes import GenerationMode
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    missing_required_header,
    negative_data_rejection,
    response_schema_conformance,
    status_code_conformance,
)

from app import create_app
from config import TestConfig
from tests.robustness.conftest import credenciales

MAX_EXAMPLES = int(os.environ.get("ROBUSTNESS_MAX_EXAMPLES", "10"))
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
# ROBUSTNESS_STATS=/path/file.jsonl: one line per operation and mode with the statuses received (for the docs).
STATS_FILE = os.environ.get("ROBUSTNESS_STATS")
NEGATIVE_CHECKS = [*CHECKS, negative_data_rejection, missing_required_header]


def _cases() -> list:
    """(METHOD, path, mode) for every documented operation, read from a throw-away app at collection time.

    Negative mode only where there is something to break (parameters or a body)."""
    spec = create_app(TestConfig).test_client().get("/api/openapi.json").get_json()
    cases = []
    for path, item in spec["paths"].items():
        for method, operation in item.items():
            if method not in {"get", "post", "put", "patch", "delete"}:
                continue
            modes = [GenerationMode.POSITIVE]
            if operation.get("parameters") or item.get("parameters") or operation.get("requestBody"):
                modes.append(GenerationMode.NEGATIVE)
            cases += [pytest.param(method.upper(), path, mode, id=f"{method.upper()} {path} {mode.value}")
                      for mode in modes]
    return cases


CASES = _cases()
PREFLIGHTS = sorted({(method, path) for method, path, _ in (case.values for case in CASES)})
ORIGEN = TestConfig.FRONTEND_ORIGINS[0]


@pytest.fixture(scope="session")
def _schema(app):
    schema = schemathesis.openapi.from_wsgi("/api/openapi.json", app)
    # Credentials are supplied per route below (so they are not fuzzed), and unknown query parameters are
    # ignored by design (only request bodies refuse unknown fields).
    schema.config.generation.update(with_security_parameters=False, allow_extra_parameters=False)
    return schema


@pytest.fixture
def api_schema(_schema):
    return _schema


@pytest.mark.parametrize(("method", "path", "mode"), CASES)
def test_operacion_cumple_openapi(api_schema, world, method, path, mode):
    operation = api_schema[path][method]
    checks = NEGATIVE_CHECKS if mode is GenerationMode.NEGATIVE else CHECKS
    statuses: dict[int, int] = {}

    @settings(max_examples=MAX_EXAMPLES, deadline=None, derandomize=True, database=None,
              phases=[Phase.explicit, Phase.generate], suppress_health_check=list(HealthCheck))
    @given(case=operation.as_strategy(generation_mode=mode))
    def run(case):
        response = case.call_and_validate(headers=credenciales(path, world), checks=checks)
        statuses[response.status_code] = statuses.get(response.status_code, 0) + 1

    try:
        run()
    except Unsatisfiable:
        if mode is GenerationMode.POSITIVE:
            raise
        pytest.skip("ningún parámetro admite un valor inválido (p. ej. un texto libre en la ruta)")
    finally:
        if STATS_FILE:
            with open(STATS_FILE, "a", encoding="utf-8") as handle:
                handle.write(json.dumps({"op": f"{method} {path}", "mode": mode.value, "statuses": statuses}) + "\n")


@pytest.mark.parametrize(("method", "path"), [pytest.param(*p, id=f"OPTIONS {p[1]} ({p[0]})") for p in PREFLIGHTS])
def test_preflight_options_sin_credenciales(api_schema, world, method, path):
    operation = api_schema[path][method.lower()]

    @settings(max_examples=3, deadline=None, derandomize=True, database=None,
              phases=[Phase.explicit, Phase.generate], suppress_health_check=list(HealthCheck))
    @given(case=operation.as_strategy(generation_mode=GenerationMode.POSITIVE))
    def run(case):
        # The generated path parameters, as a browser's preflight: no body, no query, no credentials.
        case.method, case.body, case.query, case.headers = "OPTIONS", NOT_SET, {}, {}
        response = case.call(headers={"Origin": ORIGEN, "Access-Control-Request-Method": method,
                                      "Access-Control-Request-Headers": "authorization, content-type, x-api-key"})
        assert response.status_code == 200, (case.formatted_path, response.status_code, response.text[:200])
        cabeceras = {clave.lower(): ", ".join(valor) if isinstance(valor, list) else valor
                     for clave, valor in response.headers.items()}
        assert cabeceras["access-control-allow-origin"] == ORIGEN
        assert method in cabeceras["access-control-allow-methods"]

    run()
