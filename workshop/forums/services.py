"""Write use-cases for a forum's frame: the forum, its days, blocks, tracks, rooms and people."""


from flask_babel import format_time, ngettext
from flask_babel import gettext as _
from sqlalchemy import delete, or_, select

from workshop.accounts.models import ForumRoleName
from workshop.accounts.services import find_or_invite, grant_role, revoke_role
from workshop.core import audit
from workshop.core.locking import hold_write_lock
from workshop.core.refusals import Refused
from workshop.core.timezones import keep_wall_clock, local_to_utc, utc_to_local
from workshop.core.versions import count_save
from workshop.extensions import db
from workshop.forums.dates import MAX_FORUM_DAYS, days_between, is_too_long
from workshop.forums.models import Forum, ForumDay, Organisation, OrganisationType, Room, TimeBlock


class FrameError(Exception):
    """Raised when a change to the forum's frame would orphan or break part of the programme."""


FORUM_FIELDS = (
    "title",
    "slug",
    "subtitle",
    "city",
    "country_code",
    "venue",
    "start_date",
    "end_date",
    "timezone",
    "convened_by",
    "facilitated_by",
    "objective",
    "background",
    "participants_text",
    "methodology",
    "agenda_note",
    "is_public",
)


def create_forum(actor, **fields):
    """Create a forum with its days, and make its creator a member of the secretariat."""
    if db.session.query(Forum.id).filter_by(slug=fields["slug"]).first():
        raise FrameError(_("Another forum already uses the web address name %(slug)s.", slug=fields["slug"]))
    forum = Forum(**{name: fields[name] for name in FORUM_FIELDS if name in fields})
    db.session.add(forum)
    _refuse_too_long(forum)
    forum.days = [ForumDay(date=day) for day in days_between(forum.start_date, forum.end_date)]
    db.session.flush()
    grant_role(actor, forum, ForumRoleName.SECRETARIAT)
    audit.record(actor, "forum.created", forum.title, forum)
    return forum


def _refuse_too_long(forum):
    if is_too_long(forum.start_date, forum.end_date):
        raise FrameError(
            _("A forum lasts at most %(days)d days; check the year and the month of the last day.", days=MAX_FORUM_DAYS)
        )


def lock_programme(forum):
    """Take the forum's write turn until commit: programme checks and numbers then see every earlier write."""
    hold_write_lock(Forum, forum.id)


def update_forum(forum, actor, **fields):
    """Change the forum's facts; its web address never changes once set.

    A new time zone keeps the programme's wall-clock times (9:00 stays 9:00, now in the new zone);
    new dates gain days, and dates that still hold time blocks cannot be dropped.
    """
    lock_programme(forum)
    fields.pop("slug", None)
    old_zone = forum.timezone
    for name in FORUM_FIELDS:
        if name in fields:
            setattr(forum, name, fields[name])
    # Counted before anything reads the database: a read would flush the change and hide it.
    changed = count_save(forum)
    _refuse_too_long(forum)
    if forum.timezone != old_zone:
        _keep_programme_wall_clock(forum, old_zone)
    _fit_days_to_dates(forum)
    if changed:
        audit.record(actor, "forum.changed", forum.title, forum)


def _keep_programme_wall_clock(forum, old_zone):
    timed = [block for day in forum.days for block in day.blocks]
    timed += [item for block in list(timed) for item in block.loose_items]
    timed += list(forum.sessions)
    for part in timed:
        part.starts_at = keep_wall_clock(part.starts_at, old_zone, forum.timezone)
        part.ends_at = keep_wall_clock(part.ends_at, old_zone, forum.timezone)


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


def save_day(forum, actor, day, **fields):
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


def save_block(forum, actor, block, day, starts_at, ends_at, label):
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
    sessions = [session for session in track.forum.sessions if session.track_id == track.id]
    return [_("%(session)s is left without a track.", session=session) for session in sessions]


def what_goes_with_room(room):
    return _sessions_held(room.sessions)


def delete_block(forum, actor, block):
    if block.sessions:
        raise FrameError(_("This block still holds sessions. Move or delete them first."))
    audit.record(actor, "block.deleted", block.label or block.day.date.isoformat(), forum)
    db.session.delete(block)


def delete_day(forum, actor, day):
    if any(block.sessions for block in day.blocks):
        raise FrameError(_("This day still holds sessions. Move or delete them first."))
    audit.record(actor, "day.deleted", day.date.isoformat(), forum)
    db.session.delete(day)


def save_track(forum, actor, track, name, position):
    track.forum, track.name, track.position = forum, name, position or 0
    db.session.add(track)
    if audit.is_changed(track):
        audit.record(actor, "track.saved", name, forum)
    return track


def delete_track(forum, actor, track):
    audit.record(actor, "track.deleted", track.name, forum)
    db.session.delete(track)


def save_room(forum, actor, room, name, capacity):
    clash = (
        db.session.query(Room.id)
        .filter(Room.forum_id == forum.id, Room.name == name, Room.id != (room.id or 0))
        .first()
    )
    if clash:
        raise FrameError(_("There is already a room called %(name)s.", name=name))
    room.forum, room.name, room.capacity = forum, name, capacity or 0
    db.session.add(room)
    if audit.is_changed(room):
        audit.record(actor, "room.saved", name, forum)
    return room


def delete_room(forum, actor, room):
    if room.sessions:
        raise FrameError(_("Sessions still take place in this room. Move them first."))
    audit.record(actor, "room.deleted", room.name, forum)
    db.session.delete(room)


def organisations_seen_from(forum):
    """Return the organisations a forum's people may pick: the shared directory and the forum's own."""
    return db.session.scalars(
        select(Organisation).where(_seen_from(forum)).order_by(Organisation.name, Organisation.id)
    ).all()


def _seen_from(forum):
    return or_(Organisation.forum_id.is_(None), Organisation.forum_id == forum.id)


def save_organisation(actor, forum, organisation, name, acronym, type, country_code):
    """Create an organisation of `forum`, or change one; a shared one stays shared and is audited site-wide.

    A name may be used once in the shared directory and once more in each forum, but a forum's own
    organisation cannot take a name the forum already sees.
    """
    if organisation.id is None:
        organisation.forum_id = forum.id
    shared = organisation.forum_id is None
    scope = Organisation.forum_id.is_(None) if shared else _seen_from(forum)
    clash = db.session.scalar(
        select(Organisation.id).where(scope, Organisation.name == name, Organisation.id != (organisation.id or 0))
    )
    if clash:
        raise Refused(_("There is already an organisation called %(name)s.", name=name), field="name")
    organisation.name, organisation.acronym = name, acronym
    organisation.type, organisation.country_code = OrganisationType(type), country_code
    db.session.add(organisation)
    if audit.is_changed(organisation):
        audit.record(actor, "organisation.saved", name, None if shared else forum)
    return organisation


def appoint_to_forum(forum, actor, email, name, role):
    """Give a person (invited if new) a role in the forum."""
    user = find_or_invite(email, name, actor, forum)
    grant_role(user, forum, ForumRoleName(role))
    audit.record(actor, "forum.role_granted", user.email, forum, role=role)
    return user


def withdraw_from_forum(forum, actor, forum_role):
    """Take a role away; nobody removes themselves from the secretariat, so a forum keeps a manager."""
    if forum_role.user_id == actor.id and forum_role.role == ForumRoleName.SECRETARIAT:
        raise FrameError(_("You cannot remove yourself from the secretariat."))
    revoke_role(forum_role.user, forum, forum_role.role)
    audit.record(actor, "forum.role_revoked", forum_role.user.email, forum, role=forum_role.role.value)
