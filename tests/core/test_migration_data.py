"""Upgrading a database that already holds a forum keeps every row of it.

Each revision is reached from a database filled at the first revision, so a later migration that
drops, rewrites or fails on existing rows breaks this test. It runs on its own SQLite file: the
shared test database is already at the newest revision.
"""

import json

import pytest
from alembic.script import ScriptDirectory
from flask_migrate import downgrade, upgrade
from sqlalchemy import text

from workshop import create_app
from workshop.accounts.models import User
from workshop.documents.models import Document
from workshop.extensions import db
from workshop.forums.models import Forum, StakeholderGroup

FIRST_REVISION = "237fc07b31c6"
NOW = "2011-09-01 12:00:00"

ROWS = {
    "users": {
        "id": 1,
        "email": "ana@example.test",
        "name": "Ana Muñoz",
        "job_title": "",
        "country_code": "CO",
        "is_admin": False,
        "is_active_account": True,
        "preferred_language": "es",
        "feed_token": "secret",
        "created_at": NOW,
    },
    "forums": {
        "id": 1,
        "slug": "bogota-2011",
        "title": "Learning from South-South and Triangular Cooperation",
        "subtitle": "",
        "city": "Bogotá",
        "country_code": "CO",
        "venue": "",
        "start_date": "2011-09-26",
        "end_date": "2011-09-28",
        "timezone": "America/Bogota",
        "convened_by": "",
        "facilitated_by": "",
        "objective": "",
        "background": "",
        "participants_text": "",
        "methodology": "",
        "agenda_note": "",
        "status": "PRELIMINARY",
        "is_public": True,
        "created_at": NOW,
    },
    "forum_roles": {"id": 1, "user_id": 1, "forum_id": 1, "role": "FACILITATOR"},
    "forum_days": {"id": 1, "forum_id": 1, "date": "2011-09-26", "title": "", "to_be_announced": False, "note": ""},
    "time_blocks": {
        "id": 1,
        "day_id": 1,
        "starts_at": "2011-09-26 14:00:00",
        "ends_at": "2011-09-26 17:00:00",
        "label": "",
    },
    "rooms": {"id": 1, "forum_id": 1, "name": "Salón Bolívar", "capacity": 120},
    "forum_sessions": {
        "id": 1,
        "forum_id": 1,
        "block_id": 1,
        "room_id": 1,
        "number": "1",
        "title": "Building good practices",
        "outputs": "",
        "format": "ENGAGEMENT_WORKSHOP",
        "starts_at": "2011-09-26 14:30:00",
        "ends_at": "2011-09-26 17:00:00",
        "updated_at": NOW,
    },
    "appointments": {"id": 1, "session_id": 1, "user_id": 1, "role": "FACILITATOR"},
    "session_items": {
        "id": 1,
        "session_id": 1,
        "position": 0,
        "kind": "KEYNOTE",
        "title": "Keynote",
        "duration_minutes": 5,
    },
    "documents": {
        "id": 1,
        "forum_id": 1,
        "title": "Good practices paper",
        "kind": "PAPER",
        "language": "en",
        "created_at": NOW,
    },
    "session_documents": {"id": 1, "session_id": 1, "document_id": 1, "position": 0},
    "agenda_releases": {
        "id": 1,
        "forum_id": 1,
        "number": 1,
        "status": "PRELIMINARY",
        "published_at": NOW,
        "note": "",
        "snapshot": "{}",
    },
}


@pytest.fixture
def empty_database_app(tmp_path):
    """Return an app on an empty SQLite database of its own, with an app context open."""
    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "test",
            "DATABASE_URL": f"sqlite:///{tmp_path / 'upgrade.sqlite'}",
            "UPLOAD_DIR": str(tmp_path / "uploads"),
            "CACHE_DIR": str(tmp_path / "cache"),
        }
    )
    with app.app_context():
        yield app
        db.session.remove()
        db.engine.dispose()


def insert_rows():
    with db.engine.begin() as connection:
        for table, row in ROWS.items():
            columns = ", ".join(row)
            values = ", ".join(f":{name}" for name in row)
            connection.execute(text(f"INSERT INTO {table} ({columns}) VALUES ({values})"), row)


def read_rows():
    """Return, per table, the values of the columns the first revision had."""
    with db.engine.connect() as connection:
        return {
            table: [tuple(record) for record in connection.execute(text(f"SELECT {', '.join(row)} FROM {table}"))]
            for table, row in ROWS.items()
        }


def revisions_after_the_first(app):
    migrate_state = app.extensions["migrate"]
    scripts = ScriptDirectory.from_config(migrate_state.migrate.get_config(migrate_state.directory))
    newest_first = [revision.revision for revision in scripts.walk_revisions()]
    return list(reversed(newest_first))[1:]


def test_every_revision_upgrades_a_filled_database_without_losing_a_row(empty_database_app):
    upgrade(revision=FIRST_REVISION)
    insert_rows()
    before = read_rows()
    assert all(len(records) == 1 for records in before.values())

    for revision in revisions_after_the_first(empty_database_app):
        upgrade(revision=revision)
        assert read_rows() == before, f"rows changed while upgrading to {revision}"


def test_the_upgraded_rows_read_back_through_the_models(empty_database_app):
    upgrade(revision=FIRST_REVISION)
    insert_rows()
    upgrade(revision="heads")
    document = db.session.get(Document, 1)
    assert document.title == "Good practices paper"
    assert document.versions == [] and document.translation_of is None
    assert [link.session.title for link in document.session_links] == ["Building good practices"]


def test_downgrading_to_the_first_revision_keeps_its_rows(empty_database_app):
    upgrade(revision=FIRST_REVISION)
    insert_rows()
    before = read_rows()
    upgrade(revision="heads")
    downgrade(revision=FIRST_REVISION)
    assert read_rows() == before


PARENT_OF_HARDENING = "6deb43ae988f"
HARDENING = "ae6a488e410e"
HARDENING_ROWS = {
    "users": [
        {
            "id": 1,
            "email": "ana@example.test",
            "name": "Ana",
            "job_title": "",
            "country_code": "",
            "is_admin": False,
            "is_active_account": True,
            "preferred_language": "",
            "feed_token": "one",
            "created_at": NOW,
        },
        {
            "id": 2,
            "email": "ben@example.test",
            "name": "Ben",
            "job_title": "",
            "country_code": "",
            "is_admin": False,
            "is_active_account": True,
            "preferred_language": "",
            "feed_token": "two",
            "created_at": NOW,
        },
    ],
    "forums": [{**ROWS["forums"], "objective": "The **objective**.<script>alert(1)</script>"}],
    "forum_days": [ROWS["forum_days"]],
    "time_blocks": [ROWS["time_blocks"]],
    "rooms": [ROWS["rooms"]],
    "forum_sessions": [
        {**ROWS["forum_sessions"], "outputs": "- a *list*"},
        {**ROWS["forum_sessions"], "id": 2, "outputs": "", "title": "Policy recommendations"},
    ],
    "documents": [
        {**ROWS["documents"]},
        {**ROWS["documents"], "id": 2, "title": "Conclusions", "kind": "OUTCOME_DOCUMENT"},
        {**ROWS["documents"], "id": 3, "title": "Never tabled"},
    ],
    "session_documents": [
        {"id": 1, "session_id": 1, "document_id": 1, "position": 0},
        {"id": 2, "session_id": 2, "document_id": 1, "position": 0},
    ],
    "session_conclusions": [
        {"id": 1, "session_id": 2, "body": "Trust **first**.", "document_id": 2, "status": "DRAFT", "updated_at": NOW},
    ],
    "document_versions": [
        {
            "id": number,
            "document_id": 1,
            "number": number,
            "status": "PRELIMINARY",
            "note": "",
            "original_name": f"v{number}.pdf",
            "stored_name": f"{number:032x}.pdf",
            "size": 1,
            "sha256": "0" * 64,
            "media_type": "application/pdf",
            "uploaded_at": NOW,
            "extracted_text": text,
        }
        for number, text in ((1, "Trust first. Equity matters."), (2, "Trust first.\x00 Equity and fairness matter."))
    ],
    "agenda_releases": [
        {
            **ROWS["agenda_releases"],
            "snapshot": json.dumps(
                {
                    "sessions": {"1": {"id": 1, "outputs": "- a *list*"}},
                    "cancelled": {"2": {"id": 2, "outputs": "**gone**"}},
                }
            ),
        }
    ],
}


def test_hardening_fills_what_it_adds_for_the_rows_already_there(empty_database_app):
    upgrade(revision=PARENT_OF_HARDENING)
    with db.engine.begin() as connection:
        for table, rows in HARDENING_ROWS.items():
            for row in rows:
                connection.execute(
                    text(f"INSERT INTO {table} ({', '.join(row)}) VALUES ({', '.join(':' + name for name in row)})"),
                    row,
                )

    upgrade(revision=HARDENING)

    with db.engine.connect() as connection:
        secrets = connection.execute(text("SELECT session_secret FROM users")).scalars().all()
        owners = dict(connection.execute(text("SELECT id, session_id FROM documents")).all())
        objective = connection.execute(text("SELECT objective_html FROM forums")).scalar()
        outputs = connection.execute(text("SELECT outputs_html FROM forum_sessions WHERE id = 1")).scalar()
        conclusions = connection.execute(text("SELECT body_html FROM session_conclusions")).scalar()
        snapshot = json.loads(connection.execute(text("SELECT snapshot FROM agenda_releases")).scalar())
        versions = connection.execute(
            text("SELECT prepared_at, extracted_text FROM document_versions ORDER BY id")
        ).all()
        comparisons = connection.execute(
            text("SELECT older_version_id, newer_version_id, lines FROM version_comparisons")
        ).all()
    assert len(set(secrets)) == 2 and all(len(secret) > 20 for secret in secrets)
    assert owners == {1: 1, 2: 2, 3: None}
    assert objective == "<p>The <strong>objective</strong>.&lt;script&gt;alert(1)&lt;/script&gt;</p>\n"
    assert "<em>list</em>" in outputs and "<strong>first</strong>" in conclusions
    assert "<em>list</em>" in snapshot["sessions"]["1"]["outputs_html"]
    assert "<strong>gone</strong>" in snapshot["cancelled"]["2"]["outputs_html"]
    assert all(prepared_at is not None for prepared_at, _ in versions)
    assert versions[1][1] == "Trust first. Equity and fairness matter."
    [(older, newer, lines)] = comparisons
    assert (older, newer) == (1, 2)
    assert ["added", "Equity and fairness matter."] in json.loads(lines)


def test_a_forum_that_existed_before_registration_gets_the_six_stakeholder_groups(empty_database_app):
    upgrade(revision=FIRST_REVISION)
    insert_rows()
    upgrade(revision="heads")

    forum = db.session.get(Forum, 1)
    assert [group.stakeholder for group in forum.participant_groups] == list(StakeholderGroup)
    assert db.session.get(User, 1).wants_change_digests is True
