"""Robustness fixtures: two tenants (A and B) with every kind of object, and the headers of each role."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

import pytest

from database.db import db
from models import ClaveApi, SoportePago, SoporteTicket, SoporteTicketArchivo
from services import auditoria
from tests.conftest import limpiar_uploads
from utils import file_handler

BAD_API_KEY = "clave-incorrecta-0000000000"


@dataclass
class Tenant:
    empresa: object
    usuario: object
    plan: object
    suscripcion: object
    contrato: object
    ticket: object
    archivo: object
    pago: object
    headers: dict = field(default_factory=dict)
    ids: dict = field(default_factory=dict)


@dataclass
class World:
    a: Tenant
    b: Tenant
    admin: object
    servicio: object
    admin_headers: dict
    api_key_a: dict
    bad_api_key: dict

    def roles(self) -> dict[str, dict]:
        """Role name -> request headers."""
        return {
            "anonimo": {},
            "cliente_a": self.a.headers,
            "cliente_b": self.b.headers,
            "admin": self.admin_headers,
            "api_key_a": self.api_key_a,
            "api_key_mala": self.bad_api_key,
        }


def _tenant(make, auth_headers, servicio, nombre: str) -> Tenant:
    empresa = make.empresa(nombre=f"Empresa {nombre}")
    usuario = make.usuario(rol="cliente", empresa_id=empresa.id, email=f"cliente.{nombre.lower()}@empresa.co")
    plan = make.plan(servicios={servicio: 10})
    suscripcion = make.suscripcion(empresa, plan)
    tipo = make.soporte_tipo("mensual")
    contrato = make.soporte_suscripcion(suscripcion, tipo)
    ticket = SoporteTicket(empresa_id=empresa.id, soporte_suscripcion_id=contrato.id, usuario_id=usuario.id,
                           titulo=f"Ticket {nombre}", descripcion="No puedo facturar", prioridad="media",
                           estado="abierto")
    db.session.add(ticket)
    db.session.flush()
    archivo = SoporteTicketArchivo(ticket_id=ticket.id, nombre=f"{'a' * 31}{'b' if nombre == 'B' else 'a'}.txt",
                                   nombre_original="nota.txt", tamano=5, tipo="text/plain")
    pago = SoportePago(soporte_suscripcion_id=contrato.id, empresa_id=empresa.id, monto=Decimal("150000.00"),
                       estado="pendiente")
    db.session.add_all([archivo, pago])
    db.session.commit()
    ruta = file_handler.ruta_archivo(ticket.id, archivo.nombre)
    ruta.parent.mkdir(parents=True, exist_ok=True)
    ruta.write_bytes(b"hola\n")
    return Tenant(
        empresa=empresa, usuario=usuario, plan=plan, suscripcion=suscripcion, contrato=contrato, ticket=ticket,
        archivo=archivo, pago=pago, headers=auth_headers(usuario),
        ids={
            "empresa_id": empresa.id, "usuario_id": usuario.id, "plan_id": plan.id,
            "suscripcion_id": suscripcion.id, "contrato_id": contrato.id, "tipo_id": tipo.id,
            "ticket_id": ticket.id, "pago_id": pago.id, "filename": archivo.nombre, "nit": empresa.nit,
        },
    )


@pytest.fixture
def world(app, make, auth_headers, api_key_headers) -> World:
    servicio = make.servicio(nombre="Facturación")
    a = _tenant(make, auth_headers, servicio, "A")
    b = _tenant(make, auth_headers, servicio, "B")
    admin = make.usuario(rol="admin", email="admin@tratios.co")
    registro = auditoria.registrar("crear", "empresa", a.empresa.id, despues={"nombre": "Empresa A"},
                                   empresa_id=a.empresa.id, usuario=admin)
    db.session.commit()
    a.ids["registro_id"] = registro.id
    clave = ClaveApi(nombre="Instancia A", prefijo="0123456789ab", digest="0" * 64, empresas=[a.empresa.id],
                     permisos=["licencias", "soporte"], revocada=False)
    db.session.add(clave)
    db.session.commit()
    a.ids["clave_id"] = clave.id
    return World(
        a=a, b=b, admin=admin, servicio=servicio, admin_headers=auth_headers(admin),
        api_key_a=api_key_headers(a.empresa.id),
        bad_api_key={"X-API-Key": BAD_API_KEY, "X-Empresa-Id": str(a.empresa.id)},
    )


@pytest.fixture(autouse=True)
def _correo_a_consola(app, monkeypatch):
    """Mail written to the log (the test config has no SMTP server: every send would be a 503).
    The SMTP fault-injection tests point it back to an unreachable server."""
    monkeypatch.setitem(app.config, "MAIL_BACKEND", "console")


@pytest.fixture(autouse=True)
def _uploads_limpios(app):
    yield from limpiar_uploads(app)


def credenciales(path: str, world: World) -> dict:
    """The credentials a legitimate caller of `path` sends, with fresh tokens on every call
    (a logout, password change or 2FA flow run just before may have revoked earlier ones)."""
    from services.auth_tokens import issue_tokens

    if path.startswith("/admin"):
        return {"Authorization": f"Bearer {issue_tokens(world.admin)['access_token']}"}
    if path.startswith(("/api/internal/support", "/api/suscripcion-activa", "/api/verificar-servicios-activos")):
        return dict(world.api_key_a)
    if path == "/auth/refresh":
        return {"Authorization": f"Bearer {issue_tokens(world.a.usuario)['refresh_token']}"}
    if path.startswith(("/account", "/auth/logout", "/auth/otp", "/api/verificar-licencia")):
        return {"Authorization": f"Bearer {issue_tokens(world.a.usuario)['access_token']}"}
    return {}
