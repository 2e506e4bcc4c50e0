"""Small data factories for tests (committed, so real servers started by tests see them)."""

from __future__ import annotations

import itertools
from datetime import date
from decimal import Decimal

from database.db import db
from models import (
    Empresa,
    Plan,
    PlanServicio,
    Servicio,
    SoporteSuscripcion,
    SoporteTipo,
    Suscripcion,
    Usuario,
)
from services.suscripciones import calcular_fecha_fin
from utils.nit import digito_verificacion
from utils.passwords import hash_password

_seq = itertools.count(1)
DEFAULT_PASSWORD = "Clave-Segura-123"


def _n() -> int:
    return next(_seq)


def nit_valido(base: int | None = None) -> str:
    digits = str(base or 800000000 + _n())
    return f"{digits}-{digito_verificacion(digits)}"


def empresa(**kw) -> Empresa:
    nit = kw.pop("nit", None) or nit_valido()
    obj = Empresa(nit=nit, nit_base=nit.split("-")[0], nombre=kw.pop("nombre", f"Empresa {_n()}"),
                  contacto=kw.pop("contacto", "contacto@empresa.co"), estado=kw.pop("estado", "activa"), **kw)
    db.session.add(obj)
    db.session.commit()
    return obj


def usuario(**kw) -> Usuario:
    password = kw.pop("password", DEFAULT_PASSWORD)
    obj = Usuario(
        nombre=kw.pop("nombre", f"Usuario {_n()}"),
        email=kw.pop("email", None) or f"usuario{_n()}@test.co",
        password_hash=hash_password(password),
        rol=kw.pop("rol", "cliente"),
        is_active=kw.pop("is_active", True),
        **kw,
    )
    db.session.add(obj)
    db.session.commit()
    return obj


def servicio(**kw) -> Servicio:
    obj = Servicio(nombre=kw.pop("nombre", f"Servicio {_n()}"), activo=kw.pop("activo", True), **kw)
    db.session.add(obj)
    db.session.commit()
    return obj


def plan(servicios: dict | None = None, **kw) -> Plan:
    """`servicios`: {Servicio: cantidad or None}."""
    obj = Plan(
        nombre=kw.pop("nombre", f"Plan {_n()}"),
        precio_mensual=kw.pop("precio_mensual", Decimal("100000.00")),
        precio_anual=kw.pop("precio_anual", Decimal("1000000.00")),
        seleccionado=kw.pop("seleccionado", False),
        **kw,
    )
    db.session.add(obj)
    db.session.flush()
    for srv, cantidad in (servicios or {}).items():
        db.session.add(PlanServicio(plan_id=obj.id, servicio_id=srv.id, cantidad=cantidad))
    db.session.commit()
    return obj


def suscripcion(empresa: Empresa, plan: Plan, **kw) -> Suscripcion:
    periodo = kw.pop("periodo", "mensual")
    inicio = kw.pop("fecha_inicio", date.today())
    obj = Suscripcion(
        empresa_id=empresa.id, plan_id=plan.id, periodo=periodo, fecha_inicio=inicio,
        fecha_fin=kw.pop("fecha_fin", calcular_fecha_fin(inicio, periodo)),
        estado=kw.pop("estado", "activa"),
        precio_pagado=kw.pop("precio_pagado", plan.precio_mensual if periodo == "mensual" else plan.precio_anual),
        **kw,
    )
    db.session.add(obj)
    if obj.estado == "activa":
        empresa.plan = plan.nombre
    db.session.commit()
    return obj


def soporte_tipo(modalidad: str = "mensual", **kw) -> SoporteTipo:
    obj = SoporteTipo(
        nombre=kw.pop("nombre", f"Soporte {modalidad} {_n()}"), modalidad=modalidad,
        precio=kw.pop("precio", Decimal("150000.00")),
        max_tickets=kw.pop("max_tickets", 10 if modalidad == "por_tickets" else None),
        max_horas=kw.pop("max_horas", Decimal("20") if modalidad == "por_horas" else None),
        **kw,
    )
    db.session.add(obj)
    db.session.commit()
    return obj


def soporte_suscripcion(suscripcion: Suscripcion, tipo: SoporteTipo, **kw) -> SoporteSuscripcion:
    inicio = kw.pop("fecha_inicio", date.today())
    obj = SoporteSuscripcion(
        suscripcion_id=suscripcion.id, empresa_id=suscripcion.empresa_id, soporte_tipo_id=tipo.id,
        fecha_inicio=inicio,
        fecha_fin=kw.pop("fecha_fin", calcular_fecha_fin(inicio, "anual" if tipo.modalidad == "anual" else "mensual")),
        estado=kw.pop("estado", "activo"), precio_actual=kw.pop("precio_actual", tipo.precio), **kw,
    )
    db.session.add(obj)
    db.session.commit()
    return obj


def login(client, email: str, password: str = DEFAULT_PASSWORD) -> dict:
    """A real login through POST /auth/login (users without 2FA): the tokens and the user."""
    response = client.post("/auth/login", json={"email": email, "password": password})
    assert response.status_code == 200, response.get_json()
    return response.get_json()
