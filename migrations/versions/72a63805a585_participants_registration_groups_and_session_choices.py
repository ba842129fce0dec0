"""participants: registration, participant groups, capacity with waiting lists, session choices

Every existing forum gets the six stakeholder groups that new forums start with; every existing
account keeps receiving change digests until its owner opts out.

Revision ID: 72a63805a585
Revises: ae6a488e410e
Create Date: 2026-11-30 12:29:15.952897

"""
from alembic import op
import sqlalchemy as sa

import workshop.core.timezones


STAKEHOLDER_GROUPS = (
    'COUNTRY_REPRESENTATIVES', 'MULTILATERAL_ORGANISATIONS', 'SOUTH_SOUTH_PRACTITIONERS', 'CIVIL_SOCIETY',
    'SUBJECT_MATTER_EXPERTS', 'TECHNICAL_SECRETARIAT',
)

# revision identifiers, used by Alembic.
revision = '72a63805a585'
down_revision = 'ae6a488e410e'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('participant_groups',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('forum_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('STAKEHOLDER', 'REGIONAL_PLATFORM', 'WORKING_GROUP', 'COALITION', 'OTHER', name='groupkind', native_enum=False, length=30), nullable=False),
    sa.Column('stakeholder', sa.Enum('COUNTRY_REPRESENTATIVES', 'MULTILATERAL_ORGANISATIONS', 'SOUTH_SOUTH_PRACTITIONERS', 'CIVIL_SOCIETY', 'SUBJECT_MATTER_EXPERTS', 'TECHNICAL_SECRETARIAT', name='stakeholdergroup', native_enum=False, length=40), nullable=True),
    sa.Column('name', sa.String(length=200), nullable=True),
    sa.Column('quota', sa.Integer(), nullable=True),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['forum_id'], ['forums.id'], name=op.f('fk_participant_groups_forum_id_forums'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_participant_groups')),
    sa.UniqueConstraint('forum_id', 'name', name='uq_participant_groups_forum_name'),
    sa.UniqueConstraint('forum_id', 'stakeholder', name='uq_participant_groups_forum_stakeholder')
    )
    with op.batch_alter_table('participant_groups', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_participant_groups_forum_id'), ['forum_id'], unique=False)

    op.create_table('registration_settings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('forum_id', sa.Integer(), nullable=False),
    sa.Column('mode', sa.Enum('OPEN', 'APPROVAL', 'INVITATION', name='registrationmode', native_enum=False, length=20), nullable=False),
    sa.Column('opens_at', workshop.core.timezones.UTCDateTime(timezone=True), nullable=True),
    sa.Column('closes_at', workshop.core.timezones.UTCDateTime(timezone=True), nullable=True),
    sa.Column('capacity', sa.Integer(), nullable=True),
    sa.Column('working_languages', sa.String(length=60), nullable=False),
    sa.ForeignKeyConstraint(['forum_id'], ['forums.id'], name=op.f('fk_registration_settings_forum_id_forums'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_registration_settings')),
    sa.UniqueConstraint('forum_id', name=op.f('uq_registration_settings_forum_id'))
    )
    op.create_table('group_members',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('group_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('organisation_id', sa.Integer(), nullable=True),
    sa.CheckConstraint('(user_id IS NULL) <> (organisation_id IS NULL)', name=op.f('ck_group_members_person_or_organisation')),
    sa.ForeignKeyConstraint(['group_id'], ['participant_groups.id'], name=op.f('fk_group_members_group_id_participant_groups'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'], name=op.f('fk_group_members_organisation_id_organisations'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_group_members_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_group_members')),
    sa.UniqueConstraint('group_id', 'organisation_id', name='uq_group_members_group_organisation'),
    sa.UniqueConstraint('group_id', 'user_id', name='uq_group_members_group_user')
    )
    with op.batch_alter_table('group_members', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_group_members_group_id'), ['group_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_group_members_organisation_id'), ['organisation_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_group_members_user_id'), ['user_id'], unique=False)

    op.create_table('registration_invitations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('forum_id', sa.Integer(), nullable=False),
    sa.Column('email', sa.String(length=254), nullable=False),
    sa.Column('invited_at', workshop.core.timezones.UTCDateTime(timezone=True), nullable=False),
    sa.Column('invited_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['forum_id'], ['forums.id'], name=op.f('fk_registration_invitations_forum_id_forums'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['invited_by_id'], ['users.id'], name=op.f('fk_registration_invitations_invited_by_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_registration_invitations')),
    sa.UniqueConstraint('forum_id', 'email', name='uq_registration_invitations_forum_email')
    )
    with op.batch_alter_table('registration_invitations', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_registration_invitations_forum_id'), ['forum_id'], unique=False)

    op.create_table('registrations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('forum_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('email', sa.String(length=254), nullable=True),
    sa.Column('title', sa.Enum('MX', 'MS', 'MR', 'DR', 'PROF', 'EXCELLENCY', name='honorific', native_enum=False, length=20), nullable=True),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=True),
    sa.Column('country_code', sa.String(length=2), nullable=False),
    sa.Column('group_id', sa.Integer(), nullable=True),
    sa.Column('gender', sa.Enum('WOMAN', 'MAN', 'ANOTHER', 'UNDISCLOSED', name='gender', native_enum=False, length=20), nullable=True),
    sa.Column('languages', sa.String(length=60), nullable=False),
    sa.Column('accessibility_needs', sa.Text(), nullable=False),
    sa.Column('dietary_needs', sa.Text(), nullable=False),
    sa.Column('listed_publicly', sa.Boolean(), nullable=False),
    sa.Column('language', sa.String(length=5), nullable=False),
    sa.Column('status', sa.Enum('AWAITING_EMAIL_CHECK', 'AWAITING_APPROVAL', 'CONFIRMED', 'WAITING', 'DECLINED', 'CANCELLED', name='registrationstatus', native_enum=False, length=30), nullable=False),
    sa.Column('arrival_number', sa.Integer(), nullable=True),
    sa.Column('registered_at', workshop.core.timezones.UTCDateTime(timezone=True), nullable=False),
    sa.Column('email_checked_at', workshop.core.timezones.UTCDateTime(timezone=True), nullable=True),
    sa.Column('status_changed_at', workshop.core.timezones.UTCDateTime(timezone=True), nullable=True),
    sa.Column('checked_in_at', workshop.core.timezones.UTCDateTime(timezone=True), nullable=True),
    sa.Column('withdrawn_at', workshop.core.timezones.UTCDateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['forum_id'], ['forums.id'], name=op.f('fk_registrations_forum_id_forums'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['group_id'], ['participant_groups.id'], name=op.f('fk_registrations_group_id_participant_groups'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'], name=op.f('fk_registrations_organisation_id_organisations'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_registrations_user_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_registrations')),
    sa.UniqueConstraint('forum_id', 'email', name='uq_registrations_forum_email'),
    sa.UniqueConstraint('forum_id', 'user_id', name='uq_registrations_forum_user')
    )
    with op.batch_alter_table('registrations', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_registrations_country_code'), ['country_code'], unique=False)
        batch_op.create_index(batch_op.f('ix_registrations_forum_id'), ['forum_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_registrations_gender'), ['gender'], unique=False)
        batch_op.create_index(batch_op.f('ix_registrations_group_id'), ['group_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_registrations_organisation_id'), ['organisation_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_registrations_status'), ['status'], unique=False)
        batch_op.create_index(batch_op.f('ix_registrations_user_id'), ['user_id'], unique=False)

    op.create_table('session_choices',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('registration_id', sa.Integer(), nullable=False),
    sa.Column('session_id', sa.Integer(), nullable=False),
    sa.Column('status', sa.Enum('CHOSEN', 'WAITING', name='choicestatus', native_enum=False, length=20), nullable=False),
    sa.Column('arrival_number', sa.Integer(), nullable=False),
    sa.Column('chosen_at', workshop.core.timezones.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['registration_id'], ['registrations.id'], name=op.f('fk_session_choices_registration_id_registrations'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_session_choices')),
    sa.UniqueConstraint('registration_id', 'session_id', name='uq_session_choices_registration_session')
    )
    with op.batch_alter_table('session_choices', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_session_choices_registration_id'), ['registration_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_session_choices_session_id'), ['session_id'], unique=False)

    with op.batch_alter_table('forum_sessions', schema=None) as batch_op:
        batch_op.add_column(sa.Column('restricted_to_group_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_forum_sessions_restricted_to_group_id'), ['restricted_to_group_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_forum_sessions_restricted_to_group_id_participant_groups'), 'participant_groups', ['restricted_to_group_id'], ['id'], ondelete='SET NULL')

    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('wants_change_digests', sa.Boolean(), nullable=False, server_default=sa.true()))

    give_existing_forums_their_stakeholder_groups()


def give_existing_forums_their_stakeholder_groups():
    groups = sa.table(
        'participant_groups', sa.column('forum_id', sa.Integer), sa.column('kind', sa.String),
        sa.column('stakeholder', sa.String), sa.column('position', sa.Integer),
    )
    forum_ids = [row[0] for row in op.get_bind().execute(sa.text('SELECT id FROM forums'))]
    rows = [
        {'forum_id': forum_id, 'kind': 'STAKEHOLDER', 'stakeholder': stakeholder, 'position': position}
        for forum_id in forum_ids for position, stakeholder in enumerate(STAKEHOLDER_GROUPS)
    ]
    if rows:
        op.bulk_insert(groups, rows)


def downgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_column('wants_change_digests')

    with op.batch_alter_table('forum_sessions', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_forum_sessions_restricted_to_group_id_participant_groups'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_forum_sessions_restricted_to_group_id'))
        batch_op.drop_column('restricted_to_group_id')

    with op.batch_alter_table('session_choices', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_session_choices_session_id'))
        batch_op.drop_index(batch_op.f('ix_session_choices_registration_id'))

    op.drop_table('session_choices')
    with op.batch_alter_table('registrations', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_registrations_user_id'))
        batch_op.drop_index(batch_op.f('ix_registrations_status'))
        batch_op.drop_index(batch_op.f('ix_registrations_organisation_id'))
        batch_op.drop_index(batch_op.f('ix_registrations_group_id'))
        batch_op.drop_index(batch_op.f('ix_registrations_gender'))
        batch_op.drop_index(batch_op.f('ix_registrations_forum_id'))
        batch_op.drop_index(batch_op.f('ix_registrations_country_code'))

    op.drop_table('registrations')
    with op.batch_alter_table('registration_invitations', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_registration_invitations_forum_id'))

    op.drop_table('registration_invitations')
    with op.batch_alter_table('group_members', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_group_members_user_id'))
        batch_op.drop_index(batch_op.f('ix_group_members_organisation_id'))
        batch_op.drop_index(batch_op.f('ix_group_members_group_id'))

    op.drop_table('group_members')
    op.drop_table('registration_settings')
    with op.batch_alter_table('participant_groups', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_participant_groups_forum_id'))

    op.drop_table('participant_groups')
