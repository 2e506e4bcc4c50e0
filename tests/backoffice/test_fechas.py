"""Calendar-correct date arithmetic of subscriptions."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace

import pytest

from services.suscripciones import _extender, add_months, calcular_fecha_fin, precio_para


@pytest.mark.parametrize(("inicio", "periodo", "fin"), [
    (date(2026, 1, 31), "mensual", date(2026, 2, 28)),
    (date(2028, 1, 31), "mensual", date(2028, 2, 29)),   # leap year
    (date(2026, 1, 30), "mensual", date(2026, 2, 28)),
    (date(2026, 3, 31), "mensual", date(2026, 4, 30)),
    (date(2026, 12, 15), "mensual", date(2027, 1, 15)),
    (date(2026, 12, 31), "mensual", date(2027, 1, 31)),
    (date(2028, 2, 29), "anual", date(2029, 2, 28)),     # annual from 29 Feb
    (date(2028, 2, 29), "mensual", date(2028, 3, 29)),
    (date(2026, 5, 10), "anual", date(2027, 5, 10)),
])
def test_calcular_fecha_fin(inicio, periodo, fin):
    assert calcular_fecha_fin(inicio, periodo) == fin


def test_add_months_many_and_negative():
    assert add_months(date(2024, 2, 29), 48) == date(2028, 2, 29)
    assert add_months(date(2026, 3, 31), -1) == date(2026, 2, 28)
    assert add_months(date(2026, 1, 31), 25) == date(2028, 2, 29)


def _s(inicio, fin, periodo="mensual"):
    return SimpleNamespace(fecha_inicio=inicio, fecha_fin=fin, periodo=periodo)


def test_on_time_renewals_keep_the_anchor_day():
    s = _s(date(2026, 1, 31), date(2026, 2, 28))
    _extender(s, date(2026, 2, 20))
    assert s.fecha_fin == date(2026, 3, 31)  # not 28 Mar: no drift
    _extender(s, date(2026, 3, 1))
    assert s.fecha_fin == date(2026, 4, 30)
    assert s.fecha_inicio == date(2026, 1, 31)


def test_annual_renewal_from_29_feb():
    s = _s(date(2028, 2, 29), date(2029, 2, 28), "anual")
    _extender(s, date(2029, 1, 1))
    assert s.fecha_fin == date(2030, 2, 28)
    _extender(s, date(2030, 1, 1))
    _extender(s, date(2031, 1, 1))
    assert s.fecha_fin == date(2032, 2, 29)


def test_lapsed_renewal_starts_today():
    s = _s(date(2026, 1, 1), date(2026, 2, 1))
    _extender(s, date(2026, 5, 31))
    assert (s.fecha_inicio, s.fecha_fin) == (date(2026, 5, 31), date(2026, 6, 30))


def test_precio_para_with_discount_is_decimal_exact():
    from decimal import Decimal

    plan = SimpleNamespace(precio_mensual=Decimal("189000.00"), precio_anual=Decimal("1890000.00"))
    assert precio_para(plan, "mensual") == Decimal("189000.00")
    assert precio_para(plan, "anual", Decimal("15")) == Decimal("1606500.00")
    assert precio_para(plan, "mensual", Decimal("33.33")) == Decimal("126006.30")
    assert precio_para(plan, "mensual", 100) == Decimal("0.00")
