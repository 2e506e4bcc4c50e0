"""Identidad (tokens revocados, intentos de acceso, códigos por email)

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-29

"""
import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("usuarios", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("pendiente_activacion", sa.Boolean(), server_default=sa.false(), nullable=False)
        )

    op.create_table(
        "sesiones_token",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("familia", sa.String(length=36), nullable=False),
        sa.Column("usuario_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("expira_en", sa.DateTime(), nullable=False),
        sa.Column("revocada_en", sa.DateTime(), nullable=True),
        sa.Column("motivo", sa.String(length=50), nullable=True),
        sa.ForeignKeyConstraint(["usuario_id"], ["usuarios.id"],
                                name=op.f("fk_sesiones_token_usuario_id_usuarios"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sesiones_token")),
        sa.UniqueConstraint("familia", name=op.f("uq_sesiones_token_familia")),
    )
    with op.batch_alter_table("sesiones_token", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_sesiones_token_expira_en"), ["expira_en"], unique=False)
        batch_op.create_index(batch_op.f("ix_sesiones_token_usuario_id"), ["usuario_id"], unique=False)

    op.create_table(
        "tokens_revocados",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("jti", sa.String(length=36), nullable=False),
        sa.Column("tipo", sa.String(length=20), nullable=False),
        sa.Column("usuario_id", sa.Integer(), nullable=True),
        sa.Column("familia", sa.String(length=36), nullable=True),
        sa.Column("expira_en", sa.DateTime(), nullable=False),
        sa.Column("revocado_en", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["usuario_id"], ["usuarios.id"],
                                name=op.f("fk_tokens_revocados_usuario_id_usuarios"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tokens_revocados")),
        sa.UniqueConstraint("jti", name=op.f("uq_tokens_revocados_jti")),
    )
    with op.batch_alter_table("tokens_revocados", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_tokens_revocados_expira_en"), ["expira_en"], unique=False)
        batch_op.create_index(batch_op.f("ix_tokens_revocados_familia"), ["familia"], unique=False)
        batch_op.create_index(batch_op.f("ix_tokens_revocados_usuario_id"), ["usuario_id"], unique=False)

    op.create_table(
        "contadores_acceso",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("clave", sa.String(length=100), nullable=False),
        sa.Column("fallos", sa.Integer(), nullable=False),
        sa.Column("bloqueos", sa.Integer(), nullable=False),
        sa.Column("bloqueado_hasta", sa.DateTime(), nullable=True),
        sa.Column("actualizado_en", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contadores_acceso")),
        sa.UniqueConstraint("clave", name=op.f("uq_contadores_acceso_clave")),
    )
    with op.batch_alter_table("contadores_acceso", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_contadores_acceso_actualizado_en"), ["actualizado_en"], unique=False)

    op.create_table(
        "codigos_verificacion",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("usuario_id", sa.Integer(), nullable=False),
        sa.Column("proposito", sa.String(length=30), nullable=False),
        sa.Column("codigo_hash", sa.String(length=64), nullable=False),
        sa.Column("expira_en", sa.DateTime(), nullable=False),
        sa.Column("intentos", sa.Integer(), nullable=False),
        sa.Column("usado_en", sa.DateTime(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["usuario_id"], ["usuarios.id"],
                                name=op.f("fk_codigos_verificacion_usuario_id_usuarios"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_codigos_verificacion")),
    )
    with op.batch_alter_table("codigos_verificacion", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_codigos_verificacion_expira_en"), ["expira_en"], unique=False)
        batch_op.create_index(batch_op.f("ix_codigos_verificacion_usuario_id"), ["usuario_id"], unique=False)


def downgrade():
    # Dropping a table drops its indexes (MariaDB refuses to drop an index a foreign key needs).
    op.drop_table("codigos_verificacion")
    op.drop_table("contadores_acceso")
    op.drop_table("tokens_revocados")
    op.drop_table("sesiones_token")
    with op.batch_alter_table("usuarios", schema=None) as batch_op:
        batch_op.drop_column("pendiente_activacion")
