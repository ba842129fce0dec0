"""Fixtures for drafts and conclusions: a forum with two facilitated sessions, and an archive inspector."""

from dataclasses import dataclass
from pathlib import Path

import pytest
from flask import current_app
from sqlalchemy import func, select

from workshop.accounts.models import ForumRoleName
from workshop.core.audit import AuditEntry
from workshop.documents.models import Document, DocumentVersion, SessionConclusion, SessionDocument
from workshop.extensions import db

ARCHIVE_TABLES = (Document, DocumentVersion, SessionDocument, SessionConclusion, AuditEntry)


@dataclass
class DocumentsWorld:
    forum: object
    session: object
    other_session: object
    facilitator: object
    other_facilitator: object
    secretariat: object
    participant: object


@pytest.fixture
def world(create_forum, create_day, create_block, create_session, create_user):
    """Return a forum with a secretariat member, a participant, and two sessions led by different facilitators."""
    forum = create_forum(slug="bogota", title="Learning from South-South Cooperation")
    block = create_block(create_day(forum), "09:00", "12:00")
    facilitator = create_user(name="Ana Facilitator", roles={forum: [ForumRoleName.FACILITATOR]})
    other_facilitator = create_user(name="Ben Facilitator", roles={forum: [ForumRoleName.FACILITATOR]})
    return DocumentsWorld(
        forum=forum,
        session=create_session(
            forum, block, "Building good practices", "09:00", "10:30", number="1", facilitators=[facilitator]
        ),
        other_session=create_session(
            forum, block, "Policy recommendations", "10:30", "12:00", number="2", facilitators=[other_facilitator]
        ),
        facilitator=facilitator,
        other_facilitator=other_facilitator,
        secretariat=create_user(name="Sara Secretariat", roles={forum: [ForumRoleName.SECRETARIAT]}),
        participant=create_user(name="Pat Participant", roles={forum: [ForumRoleName.PARTICIPANT]}),
    )


def archive_state():
    """Return every file under the upload folder and the row count of every document table."""
    root = Path(current_app.config["UPLOAD_DIR"])
    files = sorted(str(path.relative_to(root)) for path in root.rglob("*") if path.is_file()) if root.exists() else []
    db.session.expire_all()
    counts = {
        model.__tablename__: db.session.scalar(select(func.count()).select_from(model)) for model in ARCHIVE_TABLES
    }
    return files, counts


@pytest.fixture
def archive_snapshot():
    """Return a callable that reads the archive's files and rows, to compare before and after a refusal."""
    return archive_state
