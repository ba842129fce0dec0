"""harden against abuse: session secrets, login throttle by browser, document owners, prepared versions and
their comparisons, Markdown rendered on save

Revision ID: ae6a488e410e
Revises: 5a8e3c1d9f02
Create Date: 2026-11-30 13:00:00

Data: every account gets its own session secret; every document gets the session that owns it
(a conclusions document its session, a draft the session it was first tabled in); every Markdown
text, and every session's outputs in published releases, gets its rendered HTML; every stored
version is marked prepared, its text cleaned of control characters, its comparisons stored.
"""
import secrets

from alembic import op
import sqlalchemy as sa

import workshop.core.timezones
# Pure functions (no models): what the application computes on save, computed here for stored rows.
from workshop.core.markdown import render_markdown
from workshop.core.text import strip_control_characters
from workshop.documents.textdiff import TooLongToCompare, compare_texts

# documents/preparation.py compares each version with this many neighbours; a copy, so that this
# migration keeps doing what it did when the application's code changes.
COMPARED_NEIGHBOURS = 5
MARKDOWN_FIELDS = (
    ('forums', 'objective'), ('forums', 'background'), ('forums', 'participants_text'), ('forums', 'methodology'),
    ('forum_sessions', 'outputs'), ('session_conclusions', 'body'),
)

# revision identifiers, used by Alembic.
revision = 'ae6a488e410e'
down_revision = '5a8e3c1d9f02'
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
    with op.batch_alter_table('documents', schema=None) as batch_op:
        batch_op.add_column(sa.Column('session_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_documents_session_id'), ['session_id'], unique=False)
        batch_op.create_foreign_key(
            batch_op.f('fk_documents_session_id_forum_sessions'), 'forum_sessions', ['session_id'], ['id'],
            ondelete='SET NULL',
        )
    _give_every_document_its_owning_session()
    for table, field in MARKDOWN_FIELDS:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column(f'{field}_html', sa.Text(), nullable=False, server_default=''))
    _render_stored_markdown()
    with op.batch_alter_table('document_versions', schema=None) as batch_op:
        batch_op.add_column(sa.Column('prepared_at', workshop.core.timezones.UTCDateTime(timezone=True), nullable=True))
    op.create_table('version_comparisons',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('older_version_id', sa.Integer(), nullable=False),
    sa.Column('newer_version_id', sa.Integer(), nullable=False),
    sa.Column('lines', sa.JSON(), nullable=False),
    sa.Column('too_long', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['newer_version_id'], ['document_versions.id'], name=op.f('fk_version_comparisons_newer_version_id_document_versions'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['older_version_id'], ['document_versions.id'], name=op.f('fk_version_comparisons_older_version_id_document_versions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_version_comparisons')),
    sa.UniqueConstraint('older_version_id', 'newer_version_id', name='uq_version_comparisons_older_version_id')
    )
    with op.batch_alter_table('version_comparisons', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_version_comparisons_newer_version_id'), ['newer_version_id'], unique=False)
    _prepare_every_stored_version()


def _give_every_account_a_session_secret():
    connection = op.get_bind()
    users = sa.table('users', sa.column('id', sa.Integer), sa.column('session_secret', sa.String))
    for (user_id,) in connection.execute(sa.select(users.c.id)).all():
        connection.execute(
            users.update().where(users.c.id == user_id).values(session_secret=secrets.token_urlsafe(24))
        )


def _render_stored_markdown():
    """Store the HTML of every Markdown text, and of every session's outputs in published releases."""
    connection = op.get_bind()
    for table_name, field in MARKDOWN_FIELDS:
        table = sa.table(table_name, sa.column('id', sa.Integer), sa.column(field, sa.Text), sa.column(f'{field}_html', sa.Text))
        for row_id, text in connection.execute(sa.select(table.c.id, table.c[field])).all():
            if text:
                connection.execute(table.update().where(table.c.id == row_id).values({f'{field}_html': render_markdown(text)}))
    releases = sa.table('agenda_releases', sa.column('id', sa.Integer), sa.column('snapshot', sa.JSON))
    for release_id, snapshot in connection.execute(sa.select(releases.c.id, releases.c.snapshot)).all():
        for group in ('sessions', 'cancelled'):
            for session in (snapshot or {}).get(group, {}).values():
                session['outputs_html'] = render_markdown(session.get('outputs', ''))
        connection.execute(releases.update().where(releases.c.id == release_id).values(snapshot=snapshot))


def _prepare_every_stored_version():
    """Versions uploaded so far had their text read on upload: clean it, mark them prepared, store their comparisons."""
    connection = op.get_bind()
    versions = sa.table(
        'document_versions', sa.column('id', sa.Integer), sa.column('document_id', sa.Integer),
        sa.column('number', sa.Integer), sa.column('extracted_text', sa.Text), sa.column('uploaded_at', sa.DateTime),
        sa.column('prepared_at', sa.DateTime),
    )
    comparisons = sa.table(
        'version_comparisons', sa.column('older_version_id', sa.Integer), sa.column('newer_version_id', sa.Integer),
        sa.column('lines', sa.JSON), sa.column('too_long', sa.Boolean),
    )
    connection.execute(versions.update().values(prepared_at=versions.c.uploaded_at))
    textual_by_document = {}
    rows = connection.execute(
        sa.select(versions.c.id, versions.c.document_id, versions.c.extracted_text).order_by(versions.c.document_id, versions.c.number)
    ).all()
    for version_id, document_id, text in rows:
        clean = strip_control_characters(text or '')
        if clean != (text or ''):
            connection.execute(versions.update().where(versions.c.id == version_id).values(extracted_text=clean))
        if clean:
            textual_by_document.setdefault(document_id, []).append((version_id, clean))
    for textual in textual_by_document.values():
        for position, (newer_id, newer_text) in enumerate(textual):
            for older_id, older_text in textual[max(0, position - COMPARED_NEIGHBOURS):position]:
                try:
                    lines, too_long = [[line.kind, line.text] for line in compare_texts(older_text, newer_text)], False
                except TooLongToCompare:
                    lines, too_long = [], True
                connection.execute(comparisons.insert().values(
                    older_version_id=older_id, newer_version_id=newer_id, lines=lines, too_long=too_long,
                ))


def _give_every_document_its_owning_session():
    """A conclusions document belongs to its session; a draft to the session it was first tabled in."""
    connection = op.get_bind()
    documents = sa.table('documents', sa.column('id', sa.Integer), sa.column('session_id', sa.Integer))
    conclusions = sa.table('session_conclusions', sa.column('session_id', sa.Integer), sa.column('document_id', sa.Integer))
    links = sa.table('session_documents', sa.column('id', sa.Integer), sa.column('session_id', sa.Integer),
                     sa.column('document_id', sa.Integer))
    owners = dict(connection.execute(
        sa.select(links.c.document_id, links.c.session_id).order_by(links.c.id.desc())
    ).all())
    owners.update(connection.execute(
        sa.select(conclusions.c.document_id, conclusions.c.session_id).where(conclusions.c.document_id.is_not(None))
    ).all())
    for document_id, session_id in owners.items():
        connection.execute(documents.update().where(documents.c.id == document_id).values(session_id=session_id))


def downgrade():
    with op.batch_alter_table('version_comparisons', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_version_comparisons_newer_version_id'))
    op.drop_table('version_comparisons')
    with op.batch_alter_table('document_versions', schema=None) as batch_op:
        batch_op.drop_column('prepared_at')
    for table, field in MARKDOWN_FIELDS:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column(f'{field}_html')
    with op.batch_alter_table('documents', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_documents_session_id_forum_sessions'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_documents_session_id'))
        batch_op.drop_column('session_id')
    with op.batch_alter_table('login_attempts', schema=None) as batch_op:
        batch_op.drop_column('from_trusted_browser')
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_column('unlock_link_sent_at')
        batch_op.drop_column('session_secret')
