"""Colombian NIT: normalisation and the DIAN check digit."""

from __future__ import annotations

import re

_WEIGHTS = (3, 7, 13, 17, 19, 23, 29, 37, 41, 43, 47, 53, 59, 67, 71)
# ASCII digits only: \d takes "８９９..." (full-width), a second spelling of the same NIT.
_NIT_RE = re.compile(r"^([0-9]{5,15})(?:-([0-9]))?$")


class NitInvalido(ValueError):
    pass


def digito_verificacion(base: str) -> int:
    total = sum(int(d) * w for d, w in zip(reversed(base), _WEIGHTS, strict=False))
    residuo = total % 11
    return residuo if residuo in (0, 1) else 11 - residuo


def normalizar_nit(raw: str) -> tuple[str, str]:
    """Return (nit, nit_base). Dots and spaces are removed; a given check digit must be right."""
    if not isinstance(raw, str):
        raise NitInvalido("El NIT debe ser texto.")
    cleaned = re.sub(r"[.\s]", "", raw)
    match = _NIT_RE.match(cleaned)
    if not match:
        raise NitInvalido("El NIT debe tener entre 5 y 15 dígitos y, opcionalmente, '-' y el dígito de verificación.")
    base, dv = match.group(1), match.group(2)
    if dv is not None and int(dv) != digito_verificacion(base):
        raise NitInvalido("El dígito de verificación del NIT no es correcto.")
    return (f"{base}-{dv}" if dv is not None else base), base


def nit_base(raw: str) -> str:
    """Look-up key: the NIT without its check digit (accepts either form)."""
    return normalizar_nit(raw)[1]
