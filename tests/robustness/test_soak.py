"""Short soak (25 s) of bench/soak.py against gunicorn on MariaDB: zero 5xx, no lost writes,
counters equal rows, flat connections and memory. The full run is `bench/soak.py` (several minutes)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from tests.conftest import requires_mysql

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))


@requires_mysql
@pytest.mark.slow
def test_soak_corto(database_url):
    import soak

    report = soak.run_soak(database_url, duration=25, clients=8, workers=4)
    assert soak.problemas(report, max_growth=0.25) == [], {k: v for k, v in report.items() if k != "muestras"}
    assert report["solicitudes"] > 200
    assert report["escrituras"]["tickets_201"] > 10
