"""document versions, language links between documents, and session conclusions

Revision ID: db52c8f7c021
Revises: 237fc07b31c6
Create Date: 2026-11-22 15:05:29.183090

"""
from alembic import op
import sqlalchemy as sa

import workshop.core.timezones


# revision identifiers, used by Alembic.
revision = 'db52c8f7c021'
down_revision = '237fc07b31c6'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('document_versions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('status', sa.Enum('PRELIMINARY', 'REVISED', 'FINAL', name='versionstatus', native_enum=False, length=20), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('original_name', sa.String(length=255), nullable=False),
    sa.Column('stored_name', sa.String(length=64), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('media_type', sa.String(length=120), nullable=False),
    sa.Column('uploaded_by_id', sa.Integer(), nullable=True),
    sa.Column('uploaded_at', workshop.core.timezones.UTCDateTime(timezone=True), nullable=False),
    sa.Column('extracted_text', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], name=op.f('fk_document_versions_document_id_documents'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['uploaded_by_id'], ['users.id'], name=op.f('fk_document_versions_uploaded_by_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_document_versions')),
    sa.UniqueConstraint('document_id', 'number', name='uq_document_versions_document_number'),
    sa.UniqueConstraint('stored_name', name=op.f('uq_document_versions_stored_name'))
    )
    with op.batch_alter_table('document_versions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_document_versions_document_id'), ['document_id'], unique=False)

    op.create_table('session_conclusions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('session_id', sa.Integer(), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('document_id', sa.Integer(), nullable=True),
    sa.Column('status', sa.Enum('DRAFT', 'SUBMITTED', name='conclusionstatus', native_enum=False, length=20), nullable=False),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.Column('updated_at', workshop.core.timezones.UTCDateTime(timezone=True), nullable=False),
    sa.Column('submitted_by_id', sa.Integer(), nullable=True),
    sa.Column('submitted_at', workshop.core.timezones.UTCDateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], name=op.f('fk_session_conclusions_document_id_documents'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['session_id'], ['forum_sessions.id'], name=op.f('fk_session_conclusions_session_id_forum_sessions'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['submitted_by_id'], ['users.id'], name=op.f('fk_session_conclusions_submitted_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['updated_by_id'], ['users.id'], name=op.f('fk_session_conclusions_updated_by_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_session_conclusions')),
    sa.UniqueConstraint('session_id', name=op.f('uq_session_conclusions_session_id'))
    )
    with op.batch_alter_table('documents', schema=None) as batch_op:
        batch_op.add_column(sa.Column('translation_of_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_documents_translation_of_id'), ['translation_of_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_documents_translation_of_id_documents'), 'documents', ['translation_of_id'], ['id'], ondelete='SET NULL')


def downgrade():
    with op.batch_alter_table('documents', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_documents_translation_of_id_documents'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_documents_translation_of_id'))
        batch_op.drop_column('translation_of_id')

    op.drop_table('session_conclusions')
    with op.batch_alter_table('document_versions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_document_versions_document_id'))

    op.drop_table('document_versions')
