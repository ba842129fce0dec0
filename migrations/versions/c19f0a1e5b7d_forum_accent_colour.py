"""each forum's own face: the convener's accent colour

Revision ID: c19f0a1e5b7d
Revises: b7d1c4e2a9f0
Create Date: 2026-11-30 16:30:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'c19f0a1e5b7d'
down_revision = 'b7d1c4e2a9f0'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('forums', schema=None) as batch_op:
        batch_op.add_column(sa.Column('accent_colour', sa.String(length=7), nullable=False, server_default=''))


def downgrade():
    with op.batch_alter_table('forums', schema=None) as batch_op:
        batch_op.drop_column('accent_colour')
