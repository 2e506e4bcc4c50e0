"""Auth request/response schemas (API.md, section Auth)."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from schemas.base import BaseSchema, Nit
from schemas.usuario import UsuarioSchema

_TOKEN = validate.Length(min=1, max=4096)


# One shape for every endpoint that returns a user (schemas/usuario.py).
CuentaUsuarioSchema = UsuarioSchema


class EmpresaRegistroSchema(BaseSchema):
    nit = Nit(required=True, validate=validate.Length(min=5, max=25))
    nombre = fields.String(required=True, validate=validate.Length(min=1, max=200))
    contacto = fields.String(allow_none=True, validate=validate.Length(max=200))


class RegistroSchema(BaseSchema):
    nombre = fields.String(required=True, validate=validate.Length(min=1, max=120))
    email = fields.Email(required=True, validate=validate.Length(max=254))
    password = fields.String(required=True, load_only=True, validate=validate.Length(max=1024))
    activar_otp = fields.Boolean(load_default=False)
    empresa = fields.Nested(EmpresaRegistroSchema)


class OtpDatosSchema(Schema):
    secret = fields.String()
    otpauth_uri = fields.String()
    qr_svg = fields.String(metadata={"description": "Código QR en SVG en línea"})


class TokensSchema(Schema):
    access_token = fields.String()
    refresh_token = fields.String()


class SesionSchema(TokensSchema):
    usuario = fields.Nested(CuentaUsuarioSchema)
    dispositivo_token = fields.String(metadata={
        "description": "Inicio de sesión: token de este dispositivo. Devuélvalo en `X-Dispositivo` en los "
                       "siguientes inicios de sesión: tiene su propio contador de intentos, así que un bloqueo "
                       "causado por otros clientes no lo detiene."})
    backup_codes_restantes = fields.Integer(metadata={"description": "Solo si se usó un código de respaldo"})


class RegistroRespuestaSchema(Schema):
    usuario = fields.Nested(CuentaUsuarioSchema)
    access_token = fields.String()
    refresh_token = fields.String()
    pending_token = fields.String(metadata={"description": "Solo con activar_otp: usar en confirmar-otp"})
    otp = fields.Nested(OtpDatosSchema)


class ConfirmarOtpSchema(BaseSchema):
    pending_token = fields.String(required=True, validate=_TOKEN)
    code = fields.String(required=True, validate=validate.Length(min=1, max=20))


class ConfirmarOtpRespuestaSchema(SesionSchema):
    backup_codes = fields.List(fields.String())


class LoginSchema(BaseSchema):
    # Plain strings: any malformed e-mail gets the same 401 as a wrong one.
    email = fields.String(required=True, validate=validate.Length(min=1, max=254))
    password = fields.String(required=True, load_only=True, validate=validate.Length(min=1, max=1024))


class RetoSchema(Schema):
    requires_otp = fields.Boolean()
    challenge_token = fields.String()


class LoginOtpSchema(BaseSchema):
    challenge_token = fields.String(required=True, validate=_TOKEN)
    code = fields.String(required=True, validate=validate.Length(min=1, max=20))


class LogoutSchema(BaseSchema):
    refresh_token = fields.String(validate=_TOKEN)


class MensajeAuthSchema(Schema):
    message = fields.String()


class CodigoOtpSchema(BaseSchema):
    code = fields.String(required=True, validate=validate.Length(min=1, max=20))


class OtpActivadoSchema(Schema):
    otp_enabled = fields.Boolean()
    backup_codes = fields.List(fields.String())


class BackupCodesSchema(Schema):
    backup_codes = fields.List(fields.String())


class OtpDisableSchema(BaseSchema):
    password = fields.String(required=True, load_only=True, validate=validate.Length(min=1, max=1024))
    code = fields.String(required=True, validate=validate.Length(min=1, max=20))


class OtpDesactivadoSchema(TokensSchema):
    otp_enabled = fields.Boolean()


class PatronesPasswordSchema(Schema):
    mayuscula = fields.String()
    minuscula = fields.String()
    digito = fields.String()
    especial = fields.String()


class PoliticaPasswordSchema(Schema):
    longitud_minima = fields.Integer()
    longitud_maxima = fields.Integer()
    requiere_mayuscula = fields.Boolean()
    requiere_minuscula = fields.Boolean()
    requiere_digito = fields.Boolean()
    requiere_especial = fields.Boolean()
    distinta_del_email = fields.Boolean()
    puntaje_minimo = fields.Integer(metadata={"description": "Puntaje zxcvbn mínimo (0 a 4)"})
    patrones = fields.Nested(PatronesPasswordSchema)
    descripcion = fields.String()


class EvaluarPasswordSchema(BaseSchema):
    password = fields.String(required=True, load_only=True, validate=validate.Length(max=1024))
    email = fields.String(allow_none=True, validate=validate.Length(max=254))
    nombre = fields.String(allow_none=True, validate=validate.Length(max=120))


class EvaluacionPasswordSchema(Schema):
    puntaje = fields.Integer(metadata={"description": "Puntaje zxcvbn (0 a 4)"})
    valida = fields.Boolean()
    mensajes = fields.List(fields.String(), metadata={"description": "Reglas incumplidas y consejos, en español"})
