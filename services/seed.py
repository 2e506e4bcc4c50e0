"""Idempotent initial data: admin, demo company and a realistic demo catalogue (COP)."""

from __future__ import annotations

import secrets
import string
from datetime import date
from decimal import Decimal

import sqlalchemy as sa
from flask import current_app

from database.db import db
from models import Empresa, Plan, PlanServicio, Servicio, SoporteTipo, Suscripcion, Usuario
from services import al_confirmar
from services.suscripciones import calcular_fecha_fin
from utils.nit import normalizar_nit
from utils.passwords import hash_password

SERVICIOS = [
    ("Facturación electrónica", "Emisión de facturas electrónicas validadas por la DIAN."),
    ("Inventario", "Control de existencias, bodegas y kardex."),
    ("Punto de venta", "Caja, ventas de mostrador y cierres diarios."),
    ("Compraventa", "Contratos de compraventa con pacto de retroventa y avalúos."),
    ("Contabilidad", "Libros contables, conciliaciones y estados financieros."),
    ("Nómina electrónica", "Liquidación de nómina y envío a la DIAN."),
    ("Reportes avanzados", "Tableros e informes exportables."),
]

# plan -> (descripcion, mensual, anual, seleccionado, {servicio: cantidad or None})
PLANES = {
    "Básico": (
        "Para negocios que empiezan: facturación e inventario.",
        Decimal("89000.00"), Decimal("890000.00"), False,
        {"Facturación electrónica": 300, "Inventario": 1, "Punto de venta": 1},
    ),
    "Profesional": (
        "El más elegido: compraventa completa con contabilidad.",
        Decimal("189000.00"), Decimal("1890000.00"), True,
        {"Facturación electrónica": 2000, "Inventario": 3, "Punto de venta": 3, "Compraventa": None,
         "Contabilidad": None},
    ),
    "Empresarial": (
        "Sin límites, con nómina y reportes avanzados.",
        Decimal("389000.00"), Decimal("3890000.00"), False,
        {"Facturación electrónica": None, "Inventario": None, "Punto de venta": None, "Compraventa": None,
         "Contabilidad": None, "Nómina electrónica": 200, "Reportes avanzados": None},
    ),
}

SOPORTE_TIPOS = [
    ("Soporte mensual", "mensual", Decimal("150000.00"), None, None, "Tickets ilimitados durante el mes."),
    ("Soporte anual", "anual", Decimal("1500000.00"), None, None, "Tickets ilimitados durante el año."),
    ("Bolsa de 10 tickets", "por_tickets", Decimal("250000.00"), 10, None, "Hasta 10 tickets por periodo."),
    ("Bolsa de 20 horas", "por_horas", Decimal("900000.00"), None, Decimal("20.00"), "Hasta 20 horas por periodo."),
]


def generate_password(length: int = 20) -> str:
    """A strong random password that satisfies the password policy."""
    alphabet = string.ascii_letters + string.digits + "!@#$%&*-_=+?"
    while True:
        candidate = "".join(secrets.choice(alphabet) for _ in range(length))
        if (any(c.islower() for c in candidate) and any(c.isupper() for c in candidate)
                and any(c.isdigit() for c in candidate) and any(not c.isalnum() for c in candidate)):
            return candidate


def _get_or_create(model, lookup: dict, defaults: dict, counter: dict) -> object:
    instance = db.session.execute(sa.select(model).filter_by(**lookup)).scalar_one_or_none()
    if instance is None:
        instance = model(**lookup, **defaults)
        db.session.add(instance)
        db.session.flush()
        counter[model.__name__] = counter.get(model.__name__, 0) + 1
    return instance


def seed_all(echo=print) -> dict:
    """Create what is missing; never modify or duplicate what exists. Returns counts created."""
    cfg = current_app.config
    created: dict[str, int] = {}

    servicios = {
        nombre: _get_or_create(Servicio, {"nombre": nombre}, {"descripcion": desc, "activo": True}, created)
        for nombre, desc in SERVICIOS
    }
    planes = {}
    for nombre, (desc, mensual, anual, seleccionado, limites) in PLANES.items():
        plan = _get_or_create(
            Plan, {"nombre": nombre},
            {"descripcion": desc, "precio_mensual": mensual, "precio_anual": anual, "seleccionado": seleccionado},
            created,
        )
        planes[nombre] = plan
        for servicio_nombre, cantidad in limites.items():
            _get_or_create(
                PlanServicio, {"plan_id": plan.id, "servicio_id": servicios[servicio_nombre].id},
                {"cantidad": cantidad}, created,
            )
    for nombre, modalidad, precio, max_tickets, max_horas, desc in SOPORTE_TIPOS:
        _get_or_create(
            SoporteTipo, {"nombre": nombre},
            {"modalidad": modalidad, "precio": precio, "max_tickets": max_tickets, "max_horas": max_horas,
             "descripcion": desc, "activo": True},
            created,
        )

    admin_email = (cfg.get("ADMIN_EMAIL") or "admin@tratios.local").strip().lower()
    admin = db.session.execute(sa.select(Usuario).filter_by(email=admin_email)).scalar_one_or_none()
    generated = None
    if admin is None:
        password = cfg.get("ADMIN_PASSWORD")
        if not password:
            password = generated = generate_password()
        admin = Usuario(
            nombre=cfg.get("ADMIN_NOMBRE") or "Administrador", email=admin_email,
            password_hash=hash_password(password), rol="admin", is_active=True,
        )
        db.session.add(admin)
        db.session.flush()
        created["Usuario"] = created.get("Usuario", 0) + 1

    nit, base = normalizar_nit(cfg.get("DEMO_EMPRESA_NIT") or "900123456-8")
    empresa = db.session.execute(sa.select(Empresa).filter_by(nit_base=base)).scalar_one_or_none()
    if empresa is None:
        empresa = Empresa(
            nit=nit, nit_base=base, nombre=cfg.get("DEMO_EMPRESA_NOMBRE") or "Compraventa Demo S.A.S.",
            contacto=cfg.get("DEMO_EMPRESA_CONTACTO"), estado="activa",
        )
        db.session.add(empresa)
        db.session.flush()
        created["Empresa"] = created.get("Empresa", 0) + 1
        plan = planes["Profesional"]
        hoy = date.today()
        db.session.add(Suscripcion(
            empresa_id=empresa.id, plan_id=plan.id, periodo="mensual", fecha_inicio=hoy,
            fecha_fin=calcular_fecha_fin(hoy, "mensual"), estado="activa", precio_pagado=plan.precio_mensual,
            porcentaje_descuento=Decimal("0"), renovacion_automatica=True, creado_por=admin.id,
        ))
        empresa.plan = plan.nombre
        created["Suscripcion"] = created.get("Suscripcion", 0) + 1

    if generated:  # shown once the admin is stored, never for a seed that rolled back
        al_confirmar(lambda: echo(f"Administrador creado: {admin_email}"))
        al_confirmar(lambda: echo(f"Contraseña generada (se muestra una sola vez, guárdela ahora): {generated}"))
    return created
