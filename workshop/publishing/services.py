"""Publish an agenda release and read the releases of a forum."""

from flask_babel import gettext as _
from sqlalchemy import select

from workshop.core import audit
from workshop.core.refusals import Refused
from workshop.core.timezones import utcnow
from workshop.extensions import db
from workshop.forums.models import AgendaStatus
from workshop.forums.services import lock_programme
from workshop.programme.services import programme_conflicts
from workshop.publishing.models import AgendaRelease
from workshop.publishing.snapshot import build_snapshot, load_sessions, stamp_revisions


class PublishingRefused(Refused):
    """Raised when the programme cannot be published as it stands."""


def latest_release(forum):
    """Return the newest release; its snapshot loads only when read, so a cache hit never parses it."""
    return db.session.scalar(
        select(AgendaRelease).where(AgendaRelease.forum_id == forum.id).order_by(AgendaRelease.number.desc()).limit(1)
    )


def list_releases(forum):
    """Return the forum's releases, newest first."""
    return db.session.scalars(
        select(AgendaRelease).where(AgendaRelease.forum_id == forum.id).order_by(AgendaRelease.number.desc())
    ).all()


def publish_release(actor, forum, status, note="", published_at=None):
    """Freeze the programme as the next numbered release; refuse while it has scheduling conflicts.

    Publishers of one forum take turns, so release numbers follow each other without a gap or a clash.
    `published_at` is now unless a loader replays a past forum's releases (the demo).
    """
    lock_programme(forum)
    sessions = load_sessions(forum)
    if programme_conflicts(forum, sessions):
        raise PublishingRefused(_("Resolve the scheduling conflicts before publishing."))
    previous = latest_release(forum)
    now = published_at or utcnow()
    snapshot = stamp_revisions(
        build_snapshot(forum, sessions), previous.snapshot if previous else None, now.isoformat()
    )
    status = AgendaStatus(status)
    release = AgendaRelease(
        forum=forum,
        number=previous.number + 1 if previous else 1,
        status=status,
        published_at=now,
        published_by=actor,
        note=note,
        snapshot=snapshot,
    )
    forum.status = status
    db.session.add(release)
    audit.record(actor, "agenda.published", forum.title, forum, release=release.number, status=status.value)
    return release
