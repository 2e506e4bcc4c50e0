"""Base schema: Spanish messages, unknown fields refused (422), money as JSON numbers."""

from __future__ import annotations

import decimal

from marshmallow import RAISE, Schema, ValidationError, fields

from utils.nit import NitInvalido, normalizar_nit

# Spanish default messages for the field types the API uses.
fields.Field.default_error_messages.update(
    {
        "required": "Este campo es obligatorio.",
        "null": "Este campo no puede ser nulo.",
        "validator_failed": "Valor no válido.",
    }
)
fields.String.default_error_messages.update({"invalid": "Debe ser un texto."})
fields.Integer.default_error_messages.update({"invalid": "Debe ser un número entero."})
fields.Number.default_error_messages.update({"invalid": "Debe ser un número.", "too_large": "Número demasiado grande."})
fields.Decimal.default_error_messages.update({"special": "No se permiten valores especiales (NaN, infinito).",
                                             "too_many_places": "Use como máximo 2 decimales."})
fields.Boolean.default_error_messages.update({"invalid": "Debe ser verdadero o falso."})
fields.Date.default_error_messages.update({"invalid": "Fecha no válida (use AAAA-MM-DD)."})
fields.DateTime.default_error_messages.update({"invalid": "Fecha y hora no válidas (ISO 8601)."})
fields.Email.default_error_messages.update({"invalid": "Correo electrónico no válido."})
fields.List.default_error_messages.update({"invalid": "Debe ser una lista."})
fields.Dict.default_error_messages.update({"invalid": "Debe ser un objeto."})
fields.Nested.default_error_messages.update({"type": "Debe ser un objeto."})


class BaseSchema(Schema):
    class Meta:
        unknown = RAISE
        ordered = True

    error_messages = {
        "unknown": "Campo no permitido.",
        "type": "El cuerpo debe ser un objeto JSON.",
    }


class Money(fields.Decimal):
    """Numeric(12,2) money: parsed to Decimal, answered as a JSON number with 2 decimals."""

    def __init__(self, **kwargs):
        kwargs.setdefault("places", 2)
        kwargs.setdefault("allow_nan", False)
        super().__init__(as_string=False, **kwargs)

    def _validated(self, value):
        # Input with more than 2 decimals is refused (422), not rounded: -0.001 must not become 0.00.
        try:
            num = decimal.Decimal(str(value))
            exceso = num.is_finite() and self.places is not None and num != num.quantize(self.places)
        except (decimal.InvalidOperation, ValueError, TypeError):
            exceso = False  # not a number, or out of range: the parent's messages apply
        if exceso:
            raise self.make_error("too_many_places")
        return super()._validated(value)


class Nit(fields.String):
    """A Colombian NIT: dots and spaces removed, the check digit (when given) verified (else 422)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("metadata", {"example": "900123456-8"})
        super().__init__(**kwargs)

    def _deserialize(self, value, attr, data, **kwargs):
        try:
            return normalizar_nit(super()._deserialize(value, attr, data, **kwargs))[0]
        except NitInvalido as exc:
            raise ValidationError(str(exc)) from exc


class ErrorSchema(Schema):
    error = fields.String(required=True)
    message = fields.String(required=True)
    details = fields.Dict()


# Every integer the API accepts must fit the database's INT columns (MariaDB INT, SQLite's 64-bit
# INTEGER): a larger one is a 422, never an OverflowError/DataError (500) deep in the driver.
INT_MIN, INT_MAX = -(2**31), 2**31 - 1
fields.Integer.default_error_messages.update({"out_of_range": "Número fuera de rango."})
_integer_validated = fields.Integer._validated


def _integer_validated_in_range(self, value):
    number = _integer_validated(self, value)
    if number is not None and not INT_MIN <= number <= INT_MAX:
        raise self.make_error("out_of_range", input=value)
    return number


fields.Integer._validated = _integer_validated_in_range
