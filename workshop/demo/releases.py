"""Publish the demo forum's agenda as its secretariat did: three releases in the weeks before the forum.

The programme file holds the agenda as it finally stood; the first release showed it before two
revisions (two rooms swapped, a title), so "what changed" has something to show.
"""

from datetime import UTC, datetime

from flask_babel import gettext as _
from sqlalchemy import select

from workshop.extensions import db
from workshop.forums.models import AgendaStatus
from workshop.programme.models import ForumSession
from workshop.publishing.services import publish_release

# Mornings in Bogotá (UTC-5), weeks before the forum of 26-28 September 2011.
RELEASE_DATES = (
    datetime(2011, 8, 29, 14, 0, tzinfo=UTC),
    datetime(2011, 9, 12, 15, 30, tzinfo=UTC),
    datetime(2011, 9, 21, 14, 0, tzinfo=UTC),
)
FIRST_TITLE_OF_SESSION_5 = "Knowledge sharing: the recommendations to the G20"


def publish_demo_releases(secretariat, forum):
    """Publish the three releases, each dated before the forum, ending with the programme as loaded."""
    session_3, session_5 = _session(forum, "3"), _session(forum, "5")
    # The side event on regional platforms runs beside session 3: the two swapped rooms.
    side_event = _session_beside(session_3)
    room_as_loaded, title_as_loaded = session_3.room, session_5.title
    session_3.room, side_event.room = side_event.room, room_as_loaded
    session_5.title = FIRST_TITLE_OF_SESSION_5
    _publish(secretariat, forum, RELEASE_DATES[0], _("Preliminary agenda, as sent with the invitations."))
    side_event.room, session_3.room = session_3.room, room_as_loaded
    _publish(secretariat, forum, RELEASE_DATES[1], _("Session 3 and the side event on regional platforms swap rooms."))
    session_5.title = title_as_loaded
    _publish(secretariat, forum, RELEASE_DATES[2], _("Session 5 takes the question of the concept note as its title."))


def _publish(secretariat, forum, published_at, note):
    db.session.flush()
    publish_release(secretariat, forum, AgendaStatus.PRELIMINARY.value, note=note, published_at=published_at)


def _session_beside(session):
    return db.session.scalar(
        select(ForumSession).where(
            ForumSession.forum_id == session.forum_id,
            ForumSession.starts_at == session.starts_at,
            ForumSession.id != session.id,
        )
    )


def _session(forum, number):
    return db.session.scalar(
        select(ForumSession).where(ForumSession.forum_id == forum.id, ForumSession.number == number)
    )
