"""Empresas `pendiente`: las creadas por autoservicio esperan la aprobación de un administrador

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02

The `estado` CHECK constraint of `empresas` gains `pendiente` (and the column its length). Batch mode:
SQLite rebuilds the table; MariaDB alters it in place.
"""
import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

CHECK = "ck_empresas_empresa_estado"


def _cambiar(estados: tuple[str, ...]) -> None:
    valores = ", ".join(f"'{e}'" for e in estados)
    with op.batch_alter_table("empresas", schema=None) as batch_op:
        batch_op.drop_constraint(op.f(CHECK), type_="check")
        batch_op.alter_column("estado", existing_type=sa.String(length=8), type_=sa.String(length=max(map(len, estados))),
                              existing_nullable=False)
        batch_op.create_check_constraint(op.f(CHECK), sa.text(f"estado IN ({valores})"))


def upgrade():
    _cambiar(("activa", "inactiva", "pendiente"))


def downgrade():
    # Pending registrations cannot be represented any more: they are removed, as the daily job would.
    op.execute("DELETE FROM suscripciones WHERE empresa_id IN (SELECT id FROM empresas WHERE estado = 'pendiente')")
    op.execute("UPDATE usuarios SET empresa_id = NULL WHERE empresa_id IN "
               "(SELECT id FROM empresas WHERE estado = 'pendiente')")
    op.execute("DELETE FROM empresas WHERE estado = 'pendiente'")
    _cambiar(("activa", "inactiva"))
