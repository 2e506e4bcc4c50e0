"""All models, imported here so Alembic and the app see the whole metadata."""

from models.auditoria import AuditLog
from models.clave_api import ClaveApi
from models.dispositivo import Dispositivo
from models.empresa import Empresa
from models.identidad import CodigoVerificacion, ContadorAcceso, SesionToken, TokenRevocado
from models.log_acceso import LogAcceso
from models.plan import Plan
from models.servicio import PlanServicio, Servicio
from models.soporte_pago import SoportePago
from models.soporte_suscripcion import SoporteSuscripcion
from models.soporte_ticket import SoporteTicket, SoporteTicketArchivo, SoporteTicketComentario
from models.soporte_tipo import SoporteTipo
from models.suscripcion import Suscripcion
from models.usuario import Usuario

__all__ = [
    "AuditLog",
    "ClaveApi",
    "CodigoVerificacion",
    "ContadorAcceso",
    "Dispositivo",
    "Empresa",
    "LogAcceso",
    "Plan",
    "PlanServicio",
    "Servicio",
    "SesionToken",
    "SoportePago",
    "SoporteSuscripcion",
    "SoporteTicket",
    "SoporteTicketArchivo",
    "SoporteTicketComentario",
    "SoporteTipo",
    "Suscripcion",
    "TokenRevocado",
    "Usuario",
]
