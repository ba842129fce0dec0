"""harden against abuse: session secrets, login throttle by browser, document owners, prepared versions and
their comparisons, Markdown rendered on save

Revision ID: ae6a488e410e
Revises: 6deb43ae988f
Create Date: 2026-11-30 13:00:00

Data: every account gets its own session secret.
"""
import secrets

from alembic import op
import sqlalchemy as sa

import workshop.core.timezones


# revision identifiers, used by Alembic.
revision = 'ae6a488e410e'
down_revision = '6deb43ae988f'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('session_secret', sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column('unlock_link_sent_at', workshop.core.timezones.UTCDateTime(timezone=True), nullable=True))
    _give_every_account_a_session_secret()
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.alter_column('session_secret', existing_type=sa.String(length=64), nullable=False)
    with op.batch_alter_table('login_attempts', schema=None) as batch_op:
        batch_op.add_column(sa.Column('from_trusted_browser', sa.Boolean(), nullable=False, server_default=sa.false()))


def _give_every_account_a_session_secret():
    connection = op.get_bind()
    users = sa.table('users', sa.column('id', sa.Integer), sa.column('session_secret', sa.String))
    for (user_id,) in connection.execute(sa.select(users.c.id)).all():
        connection.execute(
            users.update().where(users.c.id == user_id).values(session_secret=secrets.token_urlsafe(24))
        )


def downgrade():
    with op.batch_alter_table('login_attempts', schema=None) as batch_op:
        batch_op.drop_column('from_trusted_browser')
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_column('unlock_link_sent_at')
        batch_op.drop_column('session_secret')
