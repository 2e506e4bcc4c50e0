"""Support payments: only a `pendiente` payment changes state; `exitoso` activates its contract."""

from services.estados import Maquina

PAGO = Maquina("soporte_pago", {
    "pendiente": {"confirmar": "exitoso", "rechazar": "fallido"},
    "exitoso": {},
    "fallido": {},
})
