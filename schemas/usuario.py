"""The Usuario as every endpoint returns it (API.md): never otp_secret, backup codes or hashes."""

from __future__ import annotations

from marshmallow import fields

from schemas.base import BaseSchema


class UsuarioSchema(BaseSchema):
    id = fields.Integer(dump_only=True)
    nombre = fields.String()
    email = fields.String()
    rol = fields.String()
    empresa_id = fields.Integer(allow_none=True)
    is_active = fields.Boolean()
    otp_enabled = fields.Boolean()
    telefono = fields.String(allow_none=True)
    direccion = fields.String(allow_none=True)
    ciudad = fields.String(allow_none=True)
    pais = fields.String(allow_none=True)
    fecha_nacimiento = fields.Date(allow_none=True)
    created_at = fields.DateTime()
