"""Soporte (contratos, tickets, archivos)

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-29

"""
import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade():
    # Per-hour contracts whose hours were used up (a close may pass max_horas; the flag records it).
    with op.batch_alter_table("soporte_suscripciones", schema=None) as batch_op:
        batch_op.add_column(sa.Column("agotado", sa.Boolean(), nullable=False, server_default=sa.false()))


def downgrade():
    with op.batch_alter_table("soporte_suscripciones", schema=None) as batch_op:
        batch_op.drop_column("agotado")
