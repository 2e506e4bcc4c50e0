"""Support contracts (`SoporteSuscripcion`): created `pendiente_pago`; a successful payment activates it;
the daily job expires it at `fecha_fin`; an admin renews (from `activo` or `vencido`) or cancels it."""

from services.estados import Maquina

CONTRATO = Maquina("soporte_suscripcion", {
    "pendiente_pago": {"activar": "activo", "cancelar": "cancelado"},
    "activo": {"renovar": "activo", "cancelar": "cancelado", "vencer": "vencido"},
    "vencido": {"renovar": "activo"},
    "cancelado": {},
})
