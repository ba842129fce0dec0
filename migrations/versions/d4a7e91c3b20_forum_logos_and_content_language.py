"""each forum's logos, and the language its programme is written in

Revision ID: d4a7e91c3b20
Revises: e4a7c2d9b615
Create Date: 2026-11-30 19:10:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'd4a7e91c3b20'
down_revision = 'e4a7c2d9b615'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'forum_logos',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('forum_id', sa.Integer(), nullable=False),
        sa.Column('role', sa.Enum('CONVENER', 'PARTNER', name='logorole', native_enum=False, length=20), nullable=False),
        sa.Column('number', sa.Integer(), nullable=False),
        sa.Column('organisation_name', sa.String(length=300), nullable=False),
        sa.Column('stored_name', sa.String(length=64), nullable=False),
        sa.Column('size', sa.Integer(), nullable=False),
        sa.Column('sha256', sa.String(length=64), nullable=False),
        sa.Column('media_type', sa.String(length=40), nullable=False),
        sa.Column('uploaded_by_id', sa.Integer(), nullable=True),
        sa.Column('uploaded_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['forum_id'], ['forums.id'], name=op.f('fk_forum_logos_forum_id_forums'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['uploaded_by_id'], ['users.id'], name=op.f('fk_forum_logos_uploaded_by_id_users'), ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_forum_logos')),
        sa.UniqueConstraint('forum_id', 'role', 'number', name='uq_forum_logos_forum_role_number'),
        sa.UniqueConstraint('stored_name', name=op.f('uq_forum_logos_stored_name')),
    )
    with op.batch_alter_table('forum_logos', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_forum_logos_forum_id'), ['forum_id'], unique=False)
    with op.batch_alter_table('forums', schema=None) as batch_op:
        batch_op.add_column(sa.Column('content_language', sa.String(length=8), nullable=False, server_default='en'))


def downgrade():
    with op.batch_alter_table('forums', schema=None) as batch_op:
        batch_op.drop_column('content_language')
    with op.batch_alter_table('forum_logos', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_forum_logos_forum_id'))
    op.drop_table('forum_logos')
