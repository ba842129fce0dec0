"""Write use-cases for the frame of a forum's programme: its days and time blocks, and what the forum's settings do to them.

The forum's dates give it its days; a new time zone keeps the programme's wall-clock times. A room
or track is the forum's, but whether it can go depends on the sessions that use it.
"""

from flask_babel import format_time, ngettext
from flask_babel import gettext as _
from sqlalchemy import delete, select

from workshop.core import audit
from workshop.core.timezones import keep_wall_clock, local_to_utc, utc_to_local
from workshop.extensions import db
from workshop.forums import services as forums_services
from workshop.forums.rules import days_between, interpretation_within
from workshop.forums.services import FrameError
from workshop.programme.models import ForumDay, ForumSession, TimeBlock


def create_forum(actor, **fields):
    """Create a forum with one day per date, and make its creator a member of the secretariat."""
    forum = forums_services.create_forum(actor, **fields)
    forum.days = [ForumDay(date=day) for day in days_between(forum.start_date, forum.end_date)]
    return forum


def update_forum(actor, forum, **fields):
    """Change the forum's facts, and fit its programme to them.

    A new time zone keeps the programme's wall-clock times (9:00 stays 9:00, now in the new zone);
    new dates gain days, and dates that still hold time blocks cannot be dropped. A language no longer
    worked in takes its interpretation pairs out of every session.
    """
    old_zone, old_languages = forum.timezone, forum.working_languages
    forums_services.update_forum(actor, forum, **fields)
    if forum.timezone != old_zone:
        _keep_programme_wall_clock(forum, old_zone)
    if forum.working_languages != old_languages:
        _keep_interpretation_within_languages(forum)
    _fit_days_to_dates(forum)


def _keep_programme_wall_clock(forum, old_zone):
    timed = [block for day in forum.days for block in day.blocks]
    timed += [item for block in list(timed) for item in block.loose_items]
    timed += db.session.scalars(select(ForumSession).where(ForumSession.forum_id == forum.id)).all()
    for part in timed:
        part.starts_at = keep_wall_clock(part.starts_at, old_zone, forum.timezone)
        part.ends_at = keep_wall_clock(part.ends_at, old_zone, forum.timezone)


def _keep_interpretation_within_languages(forum):
    """Drop the pairs naming a language the forum no longer works in, so no page or PDF offers them."""
    interpreted = select(ForumSession).where(ForumSession.forum_id == forum.id, ForumSession.interpretation != "")
    for session in db.session.scalars(interpreted):
        kept = interpretation_within(session.interpretation, forum.working_language_codes)
        if kept != session.interpretation:
            session.interpretation = kept


def _fit_days_to_dates(forum):
    """Drop the days outside the forum's dates and add the missing ones, in a few statements whatever the count."""
    first, last = forum.start_date, forum.end_date
    outside = (ForumDay.forum_id == forum.id) & ((ForumDay.date < first) | (ForumDay.date > last))
    with db.session.no_autoflush:
        held = db.session.scalar(select(ForumDay.date).join(TimeBlock).where(outside).order_by(ForumDay.date).limit(1))
    if held is not None:
        raise FrameError(
            _("%(day)s still has time blocks; move them before leaving it out of the forum.", day=held.isoformat())
        )
    db.session.execute(delete(ForumDay).where(outside).execution_options(synchronize_session=False))
    existing = set(db.session.scalars(select(ForumDay.date).where(ForumDay.forum_id == forum.id)))
    db.session.add_all(
        ForumDay(forum_id=forum.id, date=day) for day in days_between(first, last) if day not in existing
    )
    db.session.expire(forum, ["days"])


def save_day(actor, day, forum, **fields):
    """Create or change a day; it must fall within the forum's dates."""
    if not forum.start_date <= fields["date"] <= forum.end_date:
        raise FrameError(_("The day must fall between the forum's first and last day."))
    clash = (
        db.session.query(ForumDay.id)
        .filter(ForumDay.forum_id == forum.id, ForumDay.date == fields["date"], ForumDay.id != (day.id or 0))
        .first()
    )
    if clash:
        raise FrameError(_("That date already has a day."))
    if day.blocks and day.date != fields["date"]:
        raise FrameError(_("Move or remove the day's time blocks before changing its date."))
    for name, value in fields.items():
        setattr(day, name, value)
    day.forum = forum
    db.session.add(day)
    if audit.is_changed(day):
        audit.record(actor, "day.saved", fields["date"].isoformat(), forum)
    return day


def save_block(actor, block, forum, day, starts_at, ends_at, label):
    """Create or change a time block from forum-local times on the given day."""
    block.day = day
    block.starts_at = local_to_utc(day.date, starts_at, forum.timezone)
    block.ends_at = local_to_utc(day.date, ends_at, forum.timezone)
    block.label = label
    changed = audit.is_changed(block)
    outside = [
        session for session in block.sessions if session.starts_at < block.starts_at or session.ends_at > block.ends_at
    ]
    if outside:
        raise FrameError(_("%(session)s would no longer fit inside this block. Move it first.", session=outside[0]))
    db.session.add(block)
    if changed:
        audit.record(actor, "block.saved", label or day.date.isoformat(), forum)
    return block


def block_name(block):
    """Name a block for a question: "Monday 26 September 2011, 09:00–12:00 Morning"."""
    zone = block.day.forum.timezone
    start, end = utc_to_local(block.starts_at, zone), utc_to_local(block.ends_at, zone)
    return f"{block.day.date.isoformat()}, {format_time(start.time(), 'short')}–{format_time(end.time(), 'short')} {block.label}".strip()


def _sessions_held(sessions):
    if not sessions:
        return []
    return [
        ngettext(
            "It still holds %(num)d session, so it will not be deleted: move or delete the session first.",
            "It still holds %(num)d sessions, so it will not be deleted: move or delete them first.",
            len(sessions),
        )
    ]


def _loose_items(items):
    return [_("The loose item %(title)s.", title=item.title) for item in items]


def what_goes_with_block(block):
    """Say what deleting a block takes with it, or what keeps it from going."""
    return _sessions_held(block.sessions) + _loose_items(block.loose_items)


def what_goes_with_day(day):
    """Say what deleting a day takes with it, or what keeps it from going."""
    consequences = _sessions_held([session for block in day.blocks for session in block.sessions])
    consequences += [_("The time block %(block)s.", block=block_name(block)) for block in day.blocks]
    return consequences + _loose_items([item for block in day.blocks for item in block.loose_items])


def what_goes_with_track(track):
    """Say what deleting a track does to the programme: its sessions are left without one."""
    sessions = db.session.scalars(
        select(ForumSession).where(ForumSession.track_id == track.id).order_by(ForumSession.id)
    )
    return [_("%(session)s is left without a track.", session=session) for session in sessions]


def _sessions_in_room(room):
    return db.session.scalars(
        select(ForumSession).where(ForumSession.room_id == room.id).order_by(ForumSession.id)
    ).all()


def what_goes_with_room(room):
    """Say what keeps a room from going: the sessions that take place in it."""
    return _sessions_held(_sessions_in_room(room))


def delete_room(actor, room, forum):
    """Delete a room in which no session takes place."""
    if _sessions_in_room(room):
        raise FrameError(_("Sessions still take place in this room. Move them first."))
    forums_services.delete_room(actor, room, forum)


def delete_block(actor, block, forum):
    if block.sessions:
        raise FrameError(_("This block still holds sessions. Move or delete them first."))
    audit.record(actor, "block.deleted", block.label or block.day.date.isoformat(), forum)
    db.session.delete(block)


def delete_day(actor, day, forum):
    if any(block.sessions for block in day.blocks):
        raise FrameError(_("This day still holds sessions. Move or delete them first."))
    audit.record(actor, "day.deleted", day.date.isoformat(), forum)
    db.session.delete(day)
