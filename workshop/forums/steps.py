"""The forums feature's steps in a new forum's checklist: its dates and time zone, its rooms."""

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from workshop.core.checklist import StepDefinition
from workshop.extensions import db
from workshop.forums.models import Room


def has_dates_and_timezone(forum):
    return int(bool(forum.start_date and forum.end_date and forum.timezone))


def count_rooms(forum):
    return db.session.scalar(select(func.count()).select_from(Room).where(Room.forum_id == forum.id))


STEPS = (
    StepDefinition("dates", 10, _l("Dates and time zone"), "forums.edit_forum", has_dates_and_timezone),
    # Tracks are optional (a small forum runs one stream); a room is where every session happens.
    StepDefinition("rooms", 30, _l("Rooms and tracks"), "forums.manage_frame", count_rooms),
)
