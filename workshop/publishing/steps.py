"""Publishing's step in a new forum's checklist: the first release, which closes the list."""

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from workshop.core.checklist import StepDefinition
from workshop.extensions import db
from workshop.publishing.models import AgendaRelease


def count_releases(forum):
    return db.session.scalar(select(func.count()).select_from(AgendaRelease).where(AgendaRelease.forum_id == forum.id))


STEPS = (
    StepDefinition(
        "first_release", 90, _l("First release published"), "publishing.manage_releases", count_releases, closes=True
    ),
)
