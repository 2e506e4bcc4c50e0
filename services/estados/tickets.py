"""Support tickets. `atender`/`esperar_cliente` are the agent's PATCH of `estado`; a customer's reply in
`pendiente_respuesta` is `atender` too. Cancelling gives a `por_tickets` slot back; closing does not."""

from services.estados import Maquina

TICKET = Maquina("ticket", {
    "abierto": {"atender": "en_proceso", "esperar_cliente": "pendiente_respuesta", "cerrar": "cerrado",
                "cancelar": "cancelado"},
    "en_proceso": {"esperar_cliente": "pendiente_respuesta", "cerrar": "cerrado", "cancelar": "cancelado"},
    "pendiente_respuesta": {"atender": "en_proceso", "cerrar": "cerrado", "cancelar": "cancelado"},
    "cerrado": {"reabrir": "abierto"},
    "cancelado": {},
})

ABIERTOS = ("abierto", "en_proceso", "pendiente_respuesta")
