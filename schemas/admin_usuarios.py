"""Back office: users. Secrets (password hash, OTP secret, backup codes) are never dumped."""

from __future__ import annotations

from marshmallow import fields, post_load, pre_load, validate

from models.usuario import ROLES
from schemas.base import BaseSchema
from schemas.usuario import UsuarioSchema
from services import usuarios
from services.listados import campo_busqueda, campo_id, campo_orden
from utils.pagination import PaginationArgsSchema

_nombre = validate.Length(min=1, max=120, error="Debe tener entre {min} y {max} caracteres.")
_rol = validate.OneOf(ROLES, error="Debe ser uno de: {choices}.")


# One shape for every endpoint that returns a user (schemas/usuario.py).
AdminUsuarioSchema = UsuarioSchema


class _PerfilMixin(BaseSchema):
    telefono = fields.String(allow_none=True, validate=validate.Length(max=30))
    direccion = fields.String(allow_none=True, validate=validate.Length(max=200))
    ciudad = fields.String(allow_none=True, validate=validate.Length(max=100))
    pais = fields.String(allow_none=True, validate=validate.Length(max=100))
    fecha_nacimiento = fields.Date(allow_none=True)

    @pre_load
    def _limpiar_email(self, data, **kwargs):
        if isinstance(data, dict) and isinstance(data.get("email"), str):
            data = {**data, "email": data["email"].strip().lower()}
        return data

    @post_load
    def _normalizar(self, data, **kwargs):
        if isinstance(data.get("nombre"), str):
            data["nombre"] = data["nombre"].strip()
        return data


class AdminUsuarioCreateSchema(_PerfilMixin):
    nombre = fields.String(required=True, validate=_nombre)
    email = fields.Email(required=True, validate=validate.Length(max=254))
    password = fields.String(required=True, load_only=True, validate=validate.Length(max=1024))
    rol = fields.String(load_default="cliente", validate=_rol)
    empresa_id = campo_id(allow_none=True)
    is_active = fields.Boolean(load_default=True)


class AdminUsuarioUpdateSchema(_PerfilMixin):
    """PUT: only the fields sent change. The password has its own endpoint (`cambiar-password`)."""

    nombre = fields.String(validate=_nombre)
    email = fields.Email(validate=validate.Length(max=254))
    rol = fields.String(validate=_rol)
    empresa_id = campo_id(allow_none=True)
    is_active = fields.Boolean()


class AdminCambiarPasswordSchema(BaseSchema):
    new_password = fields.String(required=True, load_only=True, validate=validate.Length(max=1024))


class AdminUsuarioListArgsSchema(PaginationArgsSchema):
    q = campo_busqueda("nombre y email")
    rol = fields.String(validate=_rol)
    empresa_id = campo_id()
    is_active = fields.Boolean()
    sort = campo_orden(*usuarios.ORDEN)
