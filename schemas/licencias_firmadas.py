"""Schemas of the signed licences (`/api/licencia-firmada/:nit`, `/api/licencia/jwks.json`)."""

from __future__ import annotations

from marshmallow import fields

from schemas.base import BaseSchema


class LicenciaFirmadaSchema(BaseSchema):
    token = fields.String(metadata={"description": "JWS compacto Ed25519 (alg EdDSA, cabecera kid); claims iss, "
                                                   "sub (NIT), iat, nbf, exp, gracia_dias y licencia."})
    expira = fields.DateTime(metadata={"description": "Igual al claim exp (UTC)."})


class JwkSchema(BaseSchema):
    kty = fields.String(metadata={"example": "OKP"})
    crv = fields.String(metadata={"example": "Ed25519"})
    x = fields.String(metadata={"description": "Clave pública (base64url, RFC 8037)."})
    kid = fields.String(metadata={"description": "Huella RFC 7638 de la clave."})
    use = fields.String(metadata={"example": "sig"})
    alg = fields.String(metadata={"example": "EdDSA"})


class JwksSchema(BaseSchema):
    keys = fields.List(fields.Nested(JwkSchema))
