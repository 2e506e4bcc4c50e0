"""Claves API por instancia SaaS (`claves_api`): solo el digest del secreto, prefijo en claro

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-02
"""
import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "claves_api",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("nombre", sa.String(length=120), nullable=False),
        sa.Column("prefijo", sa.String(length=16), nullable=False),
        sa.Column("digest", sa.String(length=64), nullable=False),
        sa.Column("digest_anterior", sa.String(length=64), nullable=True),
        sa.Column("anterior_expira", sa.DateTime(), nullable=True),
        sa.Column("empresas", sa.JSON(), nullable=True),
        sa.Column("permisos", sa.JSON(), nullable=False),
        sa.Column("revocada", sa.Boolean(), nullable=False),
        sa.Column("revocada_at", sa.DateTime(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("last_used_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_claves_api")),
        sa.UniqueConstraint("prefijo", name=op.f("uq_claves_api_prefijo")),
    )


def downgrade():
    op.drop_table("claves_api")
