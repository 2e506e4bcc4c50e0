"""E-mails guardados en su forma normalizada (sin espacios, en minúsculas)

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02

Every look-up compares the normalised e-mail with `=` on the unique index; rows written before the
model normalised on assignment are normalised here so that equality finds them on every database.
"""
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade():
    op.execute("UPDATE usuarios SET email = LOWER(TRIM(email))")


def downgrade():
    pass  # the original spelling is not kept: nothing to restore
