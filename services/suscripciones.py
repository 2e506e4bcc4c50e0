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


def precio_para(plan, periodo: str, porcentaje_descuento=None):
    """Price of a plan for a period, with an optional percentage discount (Decimal, 2 places)."""
    from decimal import ROUND_HALF_UP, Decimal

    base = plan.precio_anual if periodo == "anual" else plan.precio_mensual
    descuento = Decimal(porcentaje_descuento or 0)
    return (Decimal(base) * (Decimal(100) - descuento) / Decimal(100)).quantize(Decimal("0.01"), ROUND_HALF_UP)


def crear_suscripcion(empresa, plan, periodo: str, *, estado: str = "activa", fecha_inicio: date | None = None,
                      renovacion_automatica: bool = False, notas: str | None = None, creado_por: int | None = None):
    """Add a new subscription to the session (no commit). Callers enforce their own rules first;
    the back-office issue adds the "one non-cancelled subscription per company" rule here."""
    from database.db import db
    from models import Suscripcion

    inicio = fecha_inicio or date.today()
    suscripcion = Suscripcion(
        empresa_id=empresa.id, plan_id=plan.id, periodo=periodo, fecha_inicio=inicio,
        fecha_fin=calcular_fecha_fin(inicio, periodo), estado=estado, precio_pagado=precio_para(plan, periodo),
        renovacion_automatica=renovacion_automatica, notas=notas, creado_por=creado_por,
    )
    db.session.add(suscripcion)
    if estado == "activa":
        empresa.plan = plan.nombre
    db.session.flush()
    return suscripcion
