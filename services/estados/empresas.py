"""Companies: self-service ones start `pendiente` until an admin approves (`activa`) or rejects them;
`rechazada` is terminal and only in the table: a rejected company is deleted (NIT and e-mails freed).
An admin deactivates (DELETE) and reactivates (`activar`) approved companies."""

from services.estados import Maquina

EMPRESA = Maquina("empresa", {
    "pendiente": {"aprobar": "activa", "rechazar": "rechazada"},
    "activa": {"desactivar": "inactiva"},
    "inactiva": {"activar": "activa"},
    "rechazada": {},
})
