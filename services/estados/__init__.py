"""State machines as data: one module per machine, each a `Maquina` with `{estado: {accion: siguiente}}`.

The services apply them (`maquina.siguiente(estado, accion)` answers `409 transicion_invalida` for an
action the current state does not allow), the OpenAPI publishes the states, and the SPA reads the same
tables from `frontend/src/app/core/estados.ts` (a test keeps both equal).
"""

from __future__ import annotations

from dataclasses import dataclass

from utils.errors import APIError


@dataclass(frozen=True)
class Maquina:
    nombre: str
    transiciones: dict[str, dict[str, str]]

    @property
    def estados(self) -> tuple[str, ...]:
        return tuple(self.transiciones)

    def acciones(self, estado: str) -> dict[str, str]:
        return self.transiciones.get(estado, {})

    def puede(self, estado: str, accion: str) -> bool:
        return accion in self.acciones(estado)

    def desde(self, accion: str) -> tuple[str, ...]:
        """The states `accion` is allowed from."""
        return tuple(estado for estado, acciones in self.transiciones.items() if accion in acciones)

    def accion_hacia(self, estado: str, destino: str) -> str | None:
        return next((a for a, siguiente in self.acciones(estado).items() if siguiente == destino), None)

    def siguiente(self, estado: str, accion: str, *, mensaje: str | None = None, **details) -> str:
        """The state `accion` leads to from `estado`, or `409 transicion_invalida`."""
        if not self.puede(estado, accion):
            raise APIError(409, "transicion_invalida",
                           mensaje or f"La acción '{accion}' no está permitida en estado '{estado}'.",
                           details={"estado_actual": estado, "accion": accion,
                                    "estados_permitidos": sorted(self.desde(accion)), **details})
        return self.transiciones[estado][accion]
