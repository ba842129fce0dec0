"""a forum's working languages, moved from its registration settings, and interpretation per session

Revision ID: e4a7c2d9b615
Revises: e4a7c2d91b35
Create Date: 2026-11-30 19:10:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'e4a7c2d9b615'
down_revision = 'e4a7c2d91b35'
branch_labels = None
depends_on = None

# The forums' working languages, as registration settings held them ("es,en"), copied both ways.
COPY_TO_FORUMS = """
    UPDATE forums SET working_languages = COALESCE(
        (SELECT registration_settings.working_languages FROM registration_settings
         WHERE registration_settings.forum_id = forums.id), '')
"""
COPY_TO_SETTINGS = """
    UPDATE registration_settings SET working_languages = (
        SELECT forums.working_languages FROM forums WHERE forums.id = registration_settings.forum_id)
"""


def upgrade():
    with op.batch_alter_table('forums', schema=None) as batch_op:
        batch_op.add_column(sa.Column('working_languages', sa.String(length=60), nullable=False, server_default=''))
    op.execute(COPY_TO_FORUMS)
    with op.batch_alter_table('registration_settings', schema=None) as batch_op:
        batch_op.drop_column('working_languages')
    with op.batch_alter_table('forum_sessions', schema=None) as batch_op:
        batch_op.add_column(sa.Column('interpretation', sa.String(length=60), nullable=False, server_default=''))


def downgrade():
    with op.batch_alter_table('forum_sessions', schema=None) as batch_op:
        batch_op.drop_column('interpretation')
    with op.batch_alter_table('registration_settings', schema=None) as batch_op:
        batch_op.add_column(sa.Column('working_languages', sa.String(length=60), nullable=False, server_default=''))
    op.execute(COPY_TO_SETTINGS)
    with op.batch_alter_table('forums', schema=None) as batch_op:
        batch_op.drop_column('working_languages')
