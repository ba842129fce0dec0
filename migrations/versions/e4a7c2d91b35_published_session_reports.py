"""approved session reports published on the session page: per report, or every one of a forum

Revision ID: e4a7c2d91b35
Revises: e4a7c2d91b30
Create Date: 2026-11-30 19:30:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'e4a7c2d91b35'
down_revision = 'e4a7c2d91b30'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('session_reports', schema=None) as batch_op:
        batch_op.add_column(sa.Column('published', sa.Boolean(), nullable=False, server_default=sa.false()))
    op.create_table('report_publications',
    sa.Column('forum_id', sa.Integer(), nullable=False),
    sa.Column('every_approved_report', sa.Boolean(), nullable=False, server_default=sa.false()),
    sa.ForeignKeyConstraint(['forum_id'], ['forums.id'], name=op.f('fk_report_publications_forum_id_forums'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('forum_id', name=op.f('pk_report_publications'))
    )


def downgrade():
    op.drop_table('report_publications')
    with op.batch_alter_table('session_reports', schema=None) as batch_op:
        batch_op.drop_column('published')
