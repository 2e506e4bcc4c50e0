"""Plan subscriptions. Special cases the service enforces on top of the table:
- `cancelar` with `al_final_del_periodo` only from `activa`: it stays `activa` with `cancelar_al_final`
  until `fecha_fin`, then the daily job cancels it;
- `reactivar` from `activa` only undoes a pending end-of-term cancellation;
- `renovar` is refused while an end-of-term cancellation is pending (reactivate first).
"""

from services.estados import Maquina

SUSCRIPCION = Maquina("suscripcion", {
    "activa": {"renovar": "activa", "cancelar": "cancelada", "suspender": "suspendida", "reactivar": "activa",
               "descuento": "activa", "vencer": "inactiva"},
    "inactiva": {"renovar": "activa", "cancelar": "cancelada", "reactivar": "activa", "descuento": "inactiva"},
    "suspendida": {"cancelar": "cancelada", "reactivar": "activa", "descuento": "suspendida"},
    "cancelada": {},
})

INICIALES = ("activa", "inactiva")
