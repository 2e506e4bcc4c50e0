"""Base schema: Spanish messages, unknown fields refused (422), money as JSON numbers."""

from __future__ import annotations

from marshmallow import RAISE, Schema, fields

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
fields.Decimal.default_error_messages.update({"special": "No se permiten valores especiales (NaN, infinito)."})
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


class ErrorSchema(Schema):
    error = fields.String(required=True)
    message = fields.String(required=True)
    details = fields.Dict()
