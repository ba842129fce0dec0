"""The documents' step in a new forum's checklist: drafts tabled, a file uploaded for at least one."""

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from workshop.core.checklist import StepDefinition
from workshop.documents.models import Document, DocumentVersion
from workshop.extensions import db


def count_drafts_with_a_file(forum):
    return db.session.scalar(
        select(func.count()).select_from(DocumentVersion).join(Document).where(Document.forum_id == forum.id)
    )


STEPS = (StepDefinition("drafts", 60, _l("Drafts tabled"), "documents.forum_board", count_drafts_with_a_file),)
