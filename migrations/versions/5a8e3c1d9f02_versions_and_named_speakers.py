"""edit versions of forums and sessions (lost updates), named speakers without an account

Revision ID: 5a8e3c1d9f02
Revises: 6deb43ae988f
Create Date: 2026-12-01 09:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '5a8e3c1d9f02'
down_revision = '6deb43ae988f'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('forums', schema=None) as batch_op:
        batch_op.add_column(sa.Column('version', sa.Integer(), nullable=False, server_default='1'))
    with op.batch_alter_table('forum_sessions', schema=None) as batch_op:
        batch_op.add_column(sa.Column('version', sa.Integer(), nullable=False, server_default='1'))
    with op.batch_alter_table('session_items', schema=None) as batch_op:
        batch_op.add_column(sa.Column('speaker_name', sa.String(length=200), nullable=False, server_default=''))


def downgrade():
    with op.batch_alter_table('session_items', schema=None) as batch_op:
        batch_op.drop_column('speaker_name')
    with op.batch_alter_table('forum_sessions', schema=None) as batch_op:
        batch_op.drop_column('version')
    with op.batch_alter_table('forums', schema=None) as batch_op:
        batch_op.drop_column('version')
