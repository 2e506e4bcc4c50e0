"""Password rules shared by the API and the SPA (`GET /public/password-policy`).

One implementation: registration (`/auth/registro`, `/public/suscripcion`), account password change
and admin-created users all call `exigir_password_valida`, which answers `422 password_debil` with the
broken rules under the field's name in `details`. The SPA reads `POLITICA` and applies the same regular expressions
(JavaScript, flag `u`).
"""

from __future__ import annotations

import unicodedata

from utils.errors import APIError

LONGITUD_MINIMA = 8
LONGITUD_MAXIMA = 128

POLITICA: dict = {
    "longitud_minima": LONGITUD_MINIMA,
    "longitud_maxima": LONGITUD_MAXIMA,
    "requiere_mayuscula": True,
    "requiere_minuscula": True,
    "requiere_digito": True,
    "requiere_especial": True,
    "distinta_del_email": True,
    # Same rules as JavaScript regular expressions (use the `u` flag).
    "patrones": {
        "mayuscula": "\\p{Lu}",
        "minuscula": "\\p{Ll}",
        "digito": "[0-9]",
        "especial": "[^\\p{L}\\p{N}\\s]",
    },
    "descripcion": (
        f"Entre {LONGITUD_MINIMA} y {LONGITUD_MAXIMA} caracteres, con al menos una mayúscula, una minúscula, "
        "un número y un carácter especial; no puede ser igual al correo electrónico."
    ),
}


def _es_especial(ch: str) -> bool:
    # Same as the JS pattern [^\p{L}\p{N}\s]: not a letter, not a number, not whitespace.
    categoria = unicodedata.category(ch)
    return not (categoria.startswith("L") or categoria.startswith("N") or ch.isspace())


def validar_password(password: str, email: str | None = None) -> list[str]:
    """Spanish messages for every rule the password breaks; an empty list means it is valid."""
    if not isinstance(password, str):
        return ["La contraseña debe ser un texto."]
    errores: list[str] = []
    if len(password) < LONGITUD_MINIMA:
        errores.append(f"La contraseña debe tener al menos {LONGITUD_MINIMA} caracteres.")
    if len(password) > LONGITUD_MAXIMA:
        errores.append(f"La contraseña no puede tener más de {LONGITUD_MAXIMA} caracteres.")
    if not any(unicodedata.category(ch) == "Lu" for ch in password):
        errores.append("La contraseña debe incluir al menos una letra mayúscula.")
    if not any(unicodedata.category(ch) == "Ll" for ch in password):
        errores.append("La contraseña debe incluir al menos una letra minúscula.")
    if not any("0" <= ch <= "9" for ch in password):
        errores.append("La contraseña debe incluir al menos un número.")
    if not any(_es_especial(ch) for ch in password):
        errores.append("La contraseña debe incluir al menos un carácter especial.")
    if email and password.strip().casefold() == email.strip().casefold():
        errores.append("La contraseña no puede ser igual al correo electrónico.")
    return errores


def exigir_password_valida(password: str, email: str | None = None, campo: str = "password") -> None:
    """422 `password_debil` unless the password follows the policy. `campo` is where the password sits
    in the request body; a dotted path (`usuario.password`) nests `details` the same way."""
    errores = validar_password(password, email)
    if not errores:
        return
    details: dict = {}
    nivel = details
    *padres, hoja = campo.split(".")
    for padre in padres:
        nivel = nivel.setdefault(padre, {})
    nivel[hoja] = errores
    raise APIError(422, "password_debil", "La contraseña no cumple la política.", details=details)
