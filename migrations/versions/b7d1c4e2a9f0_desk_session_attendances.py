"""desk: who came to each session

Revision ID: b7d1c4e2a9f0
Revises: 72a63805a585
Create Date: 2026-11-30 16:35:00

"""
from alembic import op
import sqlalchemy as sa

import workshop.core.timezones


# revision identifiers, used by Alembic.
revision = 'b7d1c4e2a9f0'
down_revision = '72a63805a585'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('session_attendances',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('registration_id', sa.Integer(), nullable=False),
    sa.Column('session_id', sa.Integer(), nullable=False),
    sa.Column('checked_in_at', workshop.core.timezones.UTCDateTime(timezone=True), nullable=False),
    sa.Column('had_chosen', sa.Boolean(), nullable=False),
    sa.Column('checked_in_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['checked_in_by_id'], ['users.id'], name=op.f('fk_session_attendances_checked_in_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['registration_id'], ['registrations.id'], name=op.f('fk_session_attendances_registration_id_registrations'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['session_id'], ['forum_sessions.id'], name=op.f('fk_session_attendances_session_id_forum_sessions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_session_attendances')),
    sa.UniqueConstraint('registration_id', 'session_id', name='uq_session_attendances_registration_session')
    )
    with op.batch_alter_table('session_attendances', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_session_attendances_registration_id'), ['registration_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_session_attendances_session_id'), ['session_id'], unique=False)


def downgrade():
    with op.batch_alter_table('session_attendances', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_session_attendances_session_id'))
        batch_op.drop_index(batch_op.f('ix_session_attendances_registration_id'))

    op.drop_table('session_attendances')
