"""Secretos TOTP cifrados en reposo (Fernet, OTP_CIFRADO_CLAVES)

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02

`usuarios.otp_secret` widens from 64 to 255 characters (a Fernet token of a 32-character secret is 140)
and every secret stored in clear is encrypted with the first key of `OTP_CIFRADO_CLAVES` (the app's
settings: migrations run inside the app context). A value that already decrypts is left alone, so running
it on a partly encrypted table is harmless. Downgrade decrypts and narrows the column back.
"""
import sqlalchemy as sa
from alembic import op
from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from flask import current_app

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

usuarios = sa.table("usuarios", sa.column("id", sa.Integer), sa.column("otp_secret", sa.String))


def _fernet() -> MultiFernet:
    claves = [c.strip() for c in (current_app.config.get("OTP_CIFRADO_CLAVES") or "").split(",") if c.strip()]
    return MultiFernet([Fernet(c.encode("ascii")) for c in claves])


def _convertir(transformar) -> None:
    conexion = op.get_bind()
    filas = conexion.execute(
        sa.select(usuarios.c.id, usuarios.c.otp_secret).where(usuarios.c.otp_secret.is_not(None))
    ).all()
    for id_, valor in filas:
        nuevo = transformar(valor)
        if nuevo != valor:
            conexion.execute(sa.update(usuarios).where(usuarios.c.id == id_).values(otp_secret=nuevo))


def upgrade():
    with op.batch_alter_table("usuarios", schema=None) as batch_op:
        batch_op.alter_column("otp_secret", existing_type=sa.String(length=64), type_=sa.String(length=255),
                              existing_nullable=True)
    fernet = _fernet()

    def cifrar(valor: str) -> str:
        try:
            fernet.decrypt(valor.encode("ascii"))
            return valor  # already encrypted
        except (InvalidToken, UnicodeError):
            return fernet.encrypt(valor.encode("utf-8")).decode("ascii")

    _convertir(cifrar)


def downgrade():
    fernet = _fernet()

    def descifrar(valor: str) -> str:
        try:
            return fernet.decrypt(valor.encode("ascii")).decode("utf-8")
        except (InvalidToken, UnicodeError):
            # Not encrypted: left as it is; a token no key opens is useless and would not fit in 64.
            return valor if len(valor) <= 64 else None

    _convertir(descifrar)
    with op.batch_alter_table("usuarios", schema=None) as batch_op:
        batch_op.alter_column("otp_secret", existing_type=sa.String(length=255), type_=sa.String(length=64),
                              existing_nullable=True)
