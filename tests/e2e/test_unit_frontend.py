"""Runs the SPA's unit tests (Angular 21 default runner: Vitest + jsdom) as part of pytest."""

from __future__ import annotations

import subprocess

import pytest

from tests.e2e.conftest import FRONTEND

pytestmark = [pytest.mark.e2e]


def test_pruebas_unitarias_de_la_spa(node_modules):
    """Skipped (reason printed) without Node; `node_modules` runs `npm ci` once if needed."""
    result = subprocess.run(  # noqa: S603 (fixed script of this repository)
        [str(FRONTEND / "run-unit-tests.sh")], cwd=FRONTEND, capture_output=True, text=True, timeout=900, check=False,
    )
    assert result.returncode == 0, f"ng test falló:\n{result.stdout[-6000:]}\n{result.stderr[-3000:]}"
    assert "passed" in result.stdout
