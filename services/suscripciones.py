"""Plan subscription lifecycle (the back-office issue completes it).

Date arithmetic is calendar-correct: 31 Jan + 1 month = 28/29 Feb.
"""

from __future__ import annotations

import calendar
from datetime import date


def add_months(start: date, months: int) -> date:
    month_index = start.month - 1 + months
    year = start.year + month_index // 12
    month = month_index % 12 + 1
    day = min(start.day, calendar.monthrange(year, month)[1])
    return date(year, month, day)


def calcular_fecha_fin(fecha_inicio: date, periodo: str) -> date:
    return add_months(fecha_inicio, 12 if periodo == "anual" else 1)
