"""organisations belong to the shared directory or to one forum

Revision ID: 6deb43ae988f
Revises: db52c8f7c021
Create Date: 2026-11-30 12:21:33.373217

"""
from alembic import op
import sqlalchemy as sa

import workshop.core.timezones


# revision identifiers, used by Alembic.
revision = '6deb43ae988f'
down_revision = 'db52c8f7c021'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('organisations', schema=None) as batch_op:
        batch_op.add_column(sa.Column('forum_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f('fk_organisations_forum_id_forums'), 'forums', ['forum_id'], ['id'], ondelete='CASCADE'
        )
        batch_op.create_index(batch_op.f('ix_organisations_forum_id'), ['forum_id'], unique=False)
        batch_op.drop_constraint('uq_organisations_name', type_='unique')
        batch_op.create_index(
            'uq_organisations_shared_name', ['name'], unique=True,
            sqlite_where=sa.text('forum_id IS NULL'), postgresql_where=sa.text('forum_id IS NULL'),
        )
        batch_op.create_index(
            'uq_organisations_forum_name', ['forum_id', 'name'], unique=True,
            sqlite_where=sa.text('forum_id IS NOT NULL'), postgresql_where=sa.text('forum_id IS NOT NULL'),
        )


def downgrade():
    with op.batch_alter_table('organisations', schema=None) as batch_op:
        batch_op.drop_index('uq_organisations_forum_name')
        batch_op.drop_index('uq_organisations_shared_name')
        batch_op.create_unique_constraint('uq_organisations_name', ['name'])
        batch_op.drop_index(batch_op.f('ix_organisations_forum_id'))
        batch_op.drop_constraint(batch_op.f('fk_organisations_forum_id_forums'), type_='foreignkey')
        batch_op.drop_column('forum_id')
