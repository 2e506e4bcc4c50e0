"""Empresas `pendiente` (las de autoservicio esperan la aprobación de un admin) y dispositivos conocidos

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02

The `estado` CHECK constraint of `empresas` gains `pendiente` (and the column its length). Batch mode:
SQLite rebuilds the table; MariaDB alters it in place. `dispositivos`: the digests of the device tokens
handed out at login (a known device has its own lockout counter).
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
    op.create_table(
        "dispositivos",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("usuario_id", sa.Integer(), nullable=False),
        sa.Column("digest", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("usado_en", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["usuario_id"], ["usuarios.id"], name=op.f("fk_dispositivos_usuario_id_usuarios"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_dispositivos")),
        sa.UniqueConstraint("digest", name=op.f("uq_dispositivos_digest")),
    )
    with op.batch_alter_table("dispositivos", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_dispositivos_usuario_id"), ["usuario_id"], unique=False)


def downgrade():
    op.drop_table("dispositivos")  # its index goes with it (MariaDB refuses to drop an FK's index first)
    # Pending registrations cannot be represented any more: they are removed, as the daily job would.
    op.execute("DELETE FROM suscripciones WHERE empresa_id IN (SELECT id FROM empresas WHERE estado = 'pendiente')")
    op.execute("UPDATE usuarios SET empresa_id = NULL WHERE empresa_id IN "
               "(SELECT id FROM empresas WHERE estado = 'pendiente')")
    op.execute("DELETE FROM empresas WHERE estado = 'pendiente'")
    _cambiar(("activa", "inactiva"))
