"""Write use-cases for a forum's frame: the forum, its days, blocks, tracks, rooms and people."""
from datetime import timedelta

from flask_babel import gettext as _
from sqlalchemy import or_, select

from workshop.accounts.models import ForumRoleName
from workshop.accounts.services import find_or_invite, grant_role, revoke_role
from workshop.core import audit
from workshop.core.refusals import Refused
from workshop.core.timezones import keep_wall_clock, local_to_utc
from workshop.extensions import db
from workshop.forums.models import Forum, ForumDay, Organisation, OrganisationType, Room


class FrameError(Exception):
    """Raised when a change to the forum's frame would orphan or break part of the programme."""


FORUM_FIELDS = (
    "title", "slug", "subtitle", "city", "country_code", "venue", "start_date", "end_date", "timezone",
    "convened_by", "facilitated_by", "objective", "background", "participants_text", "methodology",
    "agenda_note", "is_public",
)


def create_forum(actor, **fields):
    """Create a forum with its days, and make its creator a member of the secretariat."""
    if db.session.query(Forum.id).filter_by(slug=fields["slug"]).first():
        raise FrameError(_("Another forum already uses the web address name %(slug)s.", slug=fields["slug"]))
    forum = Forum(**{name: fields[name] for name in FORUM_FIELDS if name in fields})
    db.session.add(forum)
    forum.days = [ForumDay(date=day) for day in _dates_between(forum.start_date, forum.end_date)]
    db.session.flush()
    grant_role(actor, forum, ForumRoleName.SECRETARIAT)
    audit.record(actor, "forum.created", forum.title, forum)
    return forum


def update_forum(forum, actor, **fields):
    """Change the forum's facts; its web address never changes once set.

    A new time zone keeps the programme's wall-clock times (9:00 stays 9:00, now in the new zone);
    new dates gain days, and dates that still hold time blocks cannot be dropped.
    """
    fields.pop("slug", None)
    old_zone = forum.timezone
    for name in FORUM_FIELDS:
        if name in fields:
            setattr(forum, name, fields[name])
    if forum.timezone != old_zone:
        _keep_programme_wall_clock(forum, old_zone)
    _fit_days_to_dates(forum)
    audit.record(actor, "forum.changed", forum.title, forum)


def _keep_programme_wall_clock(forum, old_zone):
    timed = [block for day in forum.days for block in day.blocks]
    timed += [item for block in list(timed) for item in block.loose_items]
    timed += list(forum.sessions)
    for part in timed:
        part.starts_at = keep_wall_clock(part.starts_at, old_zone, forum.timezone)
        part.ends_at = keep_wall_clock(part.ends_at, old_zone, forum.timezone)


def _fit_days_to_dates(forum):
    wanted = set(_dates_between(forum.start_date, forum.end_date))
    for day in list(forum.days):
        if day.date not in wanted:
            if day.blocks:
                raise FrameError(_("%(day)s still has time blocks; move them before leaving it out of the forum.", day=day.date.isoformat()))
            forum.days.remove(day)
    existing = {day.date for day in forum.days}
    forum.days.extend(ForumDay(date=date) for date in sorted(wanted - existing))


def _dates_between(first, last):
    return [first + timedelta(days=offset) for offset in range((last - first).days + 1)]


def save_day(forum, actor, day, **fields):
    """Create or change a day; it must fall within the forum's dates."""
    if not forum.start_date <= fields["date"] <= forum.end_date:
        raise FrameError(_("The day must fall between the forum's first and last day."))
    clash = db.session.query(ForumDay.id).filter(
        ForumDay.forum_id == forum.id, ForumDay.date == fields["date"], ForumDay.id != (day.id or 0)
    ).first()
    if clash:
        raise FrameError(_("That date already has a day."))
    if day.blocks and day.date != fields["date"]:
        raise FrameError(_("Move or remove the day's time blocks before changing its date."))
    for name, value in fields.items():
        setattr(day, name, value)
    day.forum = forum
    db.session.add(day)
    audit.record(actor, "day.saved", fields["date"].isoformat(), forum)
    return day


def save_block(forum, actor, block, day, starts_at, ends_at, label):
    """Create or change a time block from forum-local times on the given day."""
    block.day = day
    block.starts_at = local_to_utc(day.date, starts_at, forum.timezone)
    block.ends_at = local_to_utc(day.date, ends_at, forum.timezone)
    block.label = label
    outside = [session for session in block.sessions if session.starts_at < block.starts_at or session.ends_at > block.ends_at]
    if outside:
        raise FrameError(_("%(session)s would no longer fit inside this block. Move it first.", session=outside[0]))
    db.session.add(block)
    audit.record(actor, "block.saved", label or day.date.isoformat(), forum)
    return block


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
    audit.record(actor, "track.saved", name, forum)
    return track


def delete_track(forum, actor, track):
    audit.record(actor, "track.deleted", track.name, forum)
    db.session.delete(track)


def save_room(forum, actor, room, name, capacity):
    clash = db.session.query(Room.id).filter(Room.forum_id == forum.id, Room.name == name, Room.id != (room.id or 0)).first()
    if clash:
        raise FrameError(_("There is already a room called %(name)s.", name=name))
    room.forum, room.name, room.capacity = forum, name, capacity or 0
    db.session.add(room)
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
