"""Password rules shared by the API and the SPA (`GET /public/password-policy`).

One implementation: registration (`/auth/registro`, `/public/suscripcion`), account password change
and admin-created users all call `exigir_password_valida`, which answers `422 password_debil` with the
broken rules under the field's name in `details`. The SPA reads `POLITICA` and applies the same regular expressions
(JavaScript, flag `u`). A password that follows the rules must also be hard to guess: zxcvbn score >= PUNTAJE_MINIMO
(the e-mail and name are given to zxcvbn as user inputs); the SPA's meter asks `POST /public/password-policy/evaluar`.
"""

from __future__ import annotations

import re
import unicodedata

from zxcvbn import zxcvbn

from utils.errors import APIError

LONGITUD_MINIMA = 8
LONGITUD_MAXIMA = 128
PUNTAJE_MINIMO = 3  # zxcvbn 0..4; 3 = "safely unguessable" (~10^8 guesses) against an offline slow hash

POLITICA: dict = {
    "longitud_minima": LONGITUD_MINIMA,
    "longitud_maxima": LONGITUD_MAXIMA,
    "requiere_mayuscula": True,
    "requiere_minuscula": True,
    "requiere_digito": True,
    "requiere_especial": True,
    "distinta_del_email": True,
    "puntaje_minimo": PUNTAJE_MINIMO,
    # Same rules as JavaScript regular expressions (use the `u` flag).
    "patrones": {
        "mayuscula": "\\p{Lu}",
        "minuscula": "\\p{Ll}",
        "digito": "[0-9]",
        "especial": "[^\\p{L}\\p{N}\\s]",
    },
    "descripcion": (
        f"Entre {LONGITUD_MINIMA} y {LONGITUD_MAXIMA} caracteres, con al menos una mayúscula, una minúscula, "
        "un número y un carácter especial; no puede ser igual al correo electrónico ni fácil de adivinar "
        f"(puntaje zxcvbn de al menos {PUNTAJE_MINIMO} de 4)."
    ),
}

# zxcvbn's feedback (English) in Spanish; anything not listed falls back to a generic sentence.
_TRADUCCIONES = {
    "Use a few words, avoid common phrases.": "Use varias palabras y evite frases comunes.",
    "No need for symbols, digits, or uppercase letters.": "No hacen falta símbolos, números ni mayúsculas.",
    "Add another word or two. Uncommon words are better.":
        "Agregue una o dos palabras más; mejor si son poco comunes.",
    "Straight rows of keys are easy to guess.": "Las filas seguidas del teclado son fáciles de adivinar.",
    "Short keyboard patterns are easy to guess.": "Los patrones cortos del teclado son fáciles de adivinar.",
    "Use a longer keyboard pattern with more turns.": "Use un patrón de teclado más largo y con más giros.",
    'Repeats like "aaa" are easy to guess.': 'Las repeticiones como "aaa" son fáciles de adivinar.',
    'Repeats like "abcabcabc" are only slightly harder to guess than "abc".':
        'Las repeticiones como "abcabcabc" son apenas más difíciles de adivinar que "abc".',
    "Avoid repeated words and characters.": "Evite palabras y caracteres repetidos.",
    'Sequences like "abc" or "6543" are easy to guess.': 'Las secuencias como "abc" o "6543" son fáciles de adivinar.',
    "Avoid sequences.": "Evite las secuencias.",
    "Recent years are easy to guess.": "Los años recientes son fáciles de adivinar.",
    "Avoid recent years.": "Evite los años recientes.",
    "Avoid years that are associated with you.": "Evite los años relacionados con usted.",
    "Dates are often easy to guess.": "Las fechas suelen ser fáciles de adivinar.",
    "Avoid dates and years that are associated with you.": "Evite fechas y años relacionados con usted.",
    "This is a top-10 common password.": "Es una de las 10 contraseñas más usadas.",
    "This is a top-100 common password.": "Es una de las 100 contraseñas más usadas.",
    "This is a very common password.": "Es una contraseña muy común.",
    "This is similar to a commonly used password.": "Se parece a una contraseña muy usada.",
    "A word by itself is easy to guess.": "Una palabra sola es fácil de adivinar.",
    "Names and surnames by themselves are easy to guess.": "Los nombres y apellidos solos son fáciles de adivinar.",
    "Common names and surnames are easy to guess.": "Los nombres y apellidos comunes son fáciles de adivinar.",
    "Capitalization doesn't help very much.": "Empezar con mayúscula no ayuda mucho.",
    "All-uppercase is almost as easy to guess as all-lowercase.":
        "Todo en mayúsculas es casi tan fácil de adivinar como todo en minúsculas.",
    "Reversed words aren't much harder to guess.": "Las palabras al revés no son mucho más difíciles de adivinar.",
    "Predictable substitutions like '@' instead of 'a' don't help very much.":
        "Los cambios previsibles, como '@' en lugar de 'a', no ayudan mucho.",
}
_GENERICO = "La contraseña es fácil de adivinar: use una frase más larga con palabras poco comunes."


def _es_especial(ch: str) -> bool:
    # Same as the JS pattern [^\p{L}\p{N}\s]: not a letter, not a number, not whitespace.
    categoria = unicodedata.category(ch)
    return not (categoria.startswith("L") or categoria.startswith("N") or ch.isspace())


def _traducir(texto: str) -> str | None:
    return _TRADUCCIONES.get(texto) if texto else None


def _datos_usuario(email: str | None, nombre: str | None) -> list[str]:
    """What an attacker who targets this user would try first (zxcvbn `user_inputs`)."""
    datos: list[str] = []
    if email:
        local, _, dominio = email.strip().casefold().partition("@")
        datos += [email.strip().casefold(), local, *re.split(r"[._+-]+", local), dominio.split(".")[0]]
    if nombre:
        datos += [nombre.casefold(), *nombre.casefold().split()]
    return [d for d in dict.fromkeys(datos) if d]


def adivinabilidad(password: str, email: str | None = None, nombre: str | None = None) -> tuple[int, list[str]]:
    """(zxcvbn score 0..4, Spanish reasons when the score is below PUNTAJE_MINIMO)."""
    if not password:
        return 0, [_GENERICO]  # zxcvbn 4.5.0 raises IndexError on ""
    resultado = zxcvbn(password[:LONGITUD_MAXIMA], user_inputs=_datos_usuario(email, nombre),
                       max_length=LONGITUD_MAXIMA)
    puntaje = int(resultado["score"])
    if puntaje >= PUNTAJE_MINIMO:
        return puntaje, []
    feedback = resultado.get("feedback") or {}
    mensajes = [m for m in [_traducir(feedback.get("warning") or ""),
                            *(_traducir(s) for s in feedback.get("suggestions") or [])] if m]
    if _traducir(feedback.get("warning") or "") is None:
        mensajes.insert(0, _GENERICO)  # no (known) warning: say why in general terms
    return puntaje, list(dict.fromkeys(mensajes))


def _reglas(password: str, email: str | None) -> list[str]:
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


def evaluar_password(password: str, email: str | None = None, nombre: str | None = None) -> dict:
    """`{puntaje, valida, mensajes}`: the rules and the zxcvbn check (the SPA's meter shows this)."""
    if not isinstance(password, str):
        return {"puntaje": 0, "valida": False, "mensajes": ["La contraseña debe ser un texto."]}
    errores = _reglas(password, email)
    puntaje, razones = adivinabilidad(password, email, nombre)
    mensajes = errores + razones
    return {"puntaje": puntaje, "valida": not mensajes, "mensajes": mensajes}


def validar_password(password: str, email: str | None = None, nombre: str | None = None) -> list[str]:
    """Spanish messages for every rule the password breaks; an empty list means it is valid."""
    if not isinstance(password, str):
        return ["La contraseña debe ser un texto."]
    errores = _reglas(password, email)
    if len(password) > LONGITUD_MAXIMA:
        return errores  # not worth scoring (and zxcvbn's cost grows with the length)
    return errores + adivinabilidad(password, email, nombre)[1]


def exigir_password_valida(password: str, email: str | None = None, campo: str = "password",
                           nombre: str | None = None) -> None:
    """422 `password_debil` unless the password follows the policy. `campo` is where the password sits
    in the request body; a dotted path (`usuario.password`) nests `details` the same way. When only the
    zxcvbn check fails, `message` says why (in Spanish)."""
    if not isinstance(password, str):
        errores = ["La contraseña debe ser un texto."]
        mensaje = "La contraseña no cumple la política."
    else:
        errores = _reglas(password, email)
        mensaje = "La contraseña no cumple la política."
        if not errores:
            razones = adivinabilidad(password, email, nombre)[1]
            if not razones:
                return
            errores = razones
            mensaje = "La contraseña es fácil de adivinar. " + " ".join(razones)
    details: dict = {}
    nivel = details
    *padres, hoja = campo.split(".")
    for padre in padres:
        nivel = nivel.setdefault(padre, {})
    nivel[hoja] = errores
    raise APIError(422, "password_debil", mensaje, details=details)
