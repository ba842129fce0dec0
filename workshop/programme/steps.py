"""The programme's steps in a new forum's checklist: days and blocks, sessions, people appointed."""

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from workshop.core.checklist import StepDefinition
from workshop.extensions import db
from workshop.programme.models import Appointment, ForumDay, ForumSession, TimeBlock


def count_blocks(forum):
    return db.session.scalar(
        select(func.count()).select_from(TimeBlock).join(ForumDay).where(ForumDay.forum_id == forum.id)
    )


def count_sessions(forum):
    return db.session.scalar(select(func.count()).select_from(ForumSession).where(ForumSession.forum_id == forum.id))


def count_appointments(forum):
    return db.session.scalar(
        select(func.count()).select_from(Appointment).join(ForumSession).where(ForumSession.forum_id == forum.id)
    )


STEPS = (
    StepDefinition("blocks", 20, _l("Days and time blocks"), "forums.manage_frame", count_blocks),
    StepDefinition("sessions", 40, _l("Sessions"), "programme.edit_session", count_sessions),
    StepDefinition("appointments", 50, _l("People appointed to sessions"), "programme.overview", count_appointments),
)
