"""Write use-cases for the programme: sessions, items, appointments, loose items; each checks the rules."""

from dataclasses import dataclass
from datetime import date, time

from flask_babel import format_time, ngettext
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from workshop.accounts.models import ForumRoleName
from workshop.accounts.services import find_or_invite, grant_role, revoke_role
from workshop.core import audit
from workshop.core.audit_wording import session_facts
from workshop.core.labels import label
from workshop.core.refusals import Refused
from workshop.core.timezones import local_date, local_time, local_to_utc, utc_to_local
from workshop.core.versions import count_save
from workshop.extensions import db
from workshop.forums.models import Forum, Room
from workshop.forums.services import lock_programme, withdraw_from_forum
from workshop.programme.models import (
    Appointment,
    AppointmentRole,
    ForumDay,
    ForumSession,
    ItemKind,
    SessionItem,
    TimeBlock,
)
from workshop.programme.rules import item_minutes
from workshop.programme.scheduling import ForumDates, Slot, Window, check_slot, find_all_conflicts
from workshop.programme.wording import describe_conflict

# Appointing someone to a session gives them the matching role in the forum.
FORUM_ROLE_FOR_APPOINTMENT = {
    AppointmentRole.FACILITATOR: ForumRoleName.FACILITATOR,
    AppointmentRole.RAPPORTEUR: ForumRoleName.RAPPORTEUR,
}


@dataclass(frozen=True)
class ForumPart:
    """What one person does in one forum: their roles, and the sessions they lead or report on."""

    forum: Forum
    roles: frozenset
    manages: bool
    led_sessions: tuple
    reported_sessions: tuple


def forum_parts_of(user):
    """Return the person's part in every forum where they hold a role (an administrator's: every forum)."""
    forums = db.session.scalars(select(Forum).order_by(Forum.start_date.desc(), Forum.id)).all()
    appointments = db.session.scalars(
        select(Appointment)
        .where(Appointment.user_id == user.id)
        .options(selectinload(Appointment.session))
        .order_by(Appointment.id)
    ).all()
    parts = []
    for forum in forums:
        roles = frozenset(user.roles_in(forum))
        if not roles and not user.is_admin:
            continue
        mine = [appointment for appointment in appointments if appointment.session.forum_id == forum.id]
        parts.append(
            ForumPart(
                forum=forum,
                roles=roles,
                manages=user.is_admin or ForumRoleName.SECRETARIAT in roles,
                led_sessions=_sessions_in(mine, AppointmentRole.FACILITATOR),
                reported_sessions=_sessions_in(mine, AppointmentRole.RAPPORTEUR),
            )
        )
    return parts


def _sessions_in(appointments, role):
    return tuple(sorted({a.session for a in appointments if a.role == role}, key=lambda session: session.starts_at))


class SchedulingConflict(Refused):
    """Raised when a change would break a scheduling rule; carries the conflicts found, and says them."""

    status = 409

    def __init__(self, conflicts):
        super().__init__(*(describe_conflict(conflict) for conflict in conflicts))
        self.conflicts = conflicts


def forum_dates(forum):
    return ForumDates(forum.start_date, forum.end_date, forum.timezone)


def block_window(block, zone_name):
    """Describe a time block for the rules, labelled with its local times."""
    start, end = utc_to_local(block.starts_at, zone_name), utc_to_local(block.ends_at, zone_name)
    label = f"{format_time(start.time(), 'short')} – {format_time(end.time(), 'short')}"
    return Window(block.starts_at, block.ends_at, label)


def slot_for(session, block_windows=None):
    """Describe a session for the scheduling rules; `block_windows` by block id, to label each block once."""
    if session.block is None:
        window = None
    elif block_windows is not None:
        window = block_windows[session.block_id]
    else:
        window = block_window(session.block, session.forum.timezone)
    return Slot(
        key=f"session-{session.id}",
        label=str(session),
        starts_at=session.starts_at,
        ends_at=session.ends_at,
        room_id=session.room_id,
        room_name=session.room.name if session.room else "",
        people={appointment.user_id: appointment.user.name for appointment in session.appointments},
        block=window,
        item_minutes=tuple(item.duration_minutes or 0 for item in session.items),
    )


def _sessions_query(forum):
    return (
        select(ForumSession)
        .where(ForumSession.forum_id == forum.id)
        .options(
            selectinload(ForumSession.appointments).selectinload(Appointment.user),
            selectinload(ForumSession.items),
            selectinload(ForumSession.room),
            selectinload(ForumSession.block),
        )
    )


def conflicts_of(session):
    """Return the rules `session` breaks against the rest of its forum as it stands in the database."""
    db.session.flush()
    overlapping = db.session.scalars(
        _sessions_query(session.forum).where(
            ForumSession.id != session.id,
            ForumSession.starts_at < session.ends_at,
            ForumSession.ends_at > session.starts_at,
        )
    ).all()
    return check_slot(slot_for(session), forum_dates(session.forum), [slot_for(other) for other in overlapping])


def programme_conflicts(forum, sessions=None):
    """Return every conflict in the forum's programme (after an import, say).

    A caller that has loaded the `sessions` already, with their rooms, blocks, items and appointments,
    passes them: publishing reads them for the snapshot too, and loading 400 sessions twice showed.
    """
    if sessions is None:
        sessions = db.session.scalars(_sessions_query(forum)).all()
    blocks = {session.block for session in sessions if session.block is not None}
    windows = {block.id: block_window(block, forum.timezone) for block in blocks}
    return find_all_conflicts([slot_for(session, windows) for session in sessions], forum_dates(forum))


def ensure_no_conflicts(session):
    """Raise SchedulingConflict if `session` breaks a rule; the caller rolls back."""
    conflicts = conflicts_of(session)
    if conflicts:
        raise SchedulingConflict(conflicts)


def save_session(actor, session, forum, block, on, starts, ends, **fields):
    """Check and record a new or changed session from forum-local times, one writer of the forum's programme at a time.

    `block` is the time block that holds it (None: outside any block, on the date `on`).
    """
    action = "session.changed" if session.id else "session.created"
    session.forum, session.block = forum, block
    for name, value in fields.items():
        setattr(session, name, value)
    session.starts_at = local_to_utc(on, starts, forum.timezone)
    session.ends_at = local_to_utc(on, ends, forum.timezone)
    lock_programme(forum)
    db.session.add(session)
    changed = count_save(session)
    ensure_no_conflicts(session)
    if changed:
        audit.record(actor, action, session.title, session.forum, **session_facts(session))
    return session


@dataclass(frozen=True)
class SessionMove:
    """Where a session goes on the board: a forum-local day and start time, and a room (None: none yet)."""

    on: date
    starts: time
    room_id: int | None


def move_session(actor, session, move):
    """Move a session to another start and room through the session form's own checks; return where it was.

    It keeps its length and its items; the time block is the one of that day that holds the new start.
    """
    forum = session.forum
    zone = forum.timezone
    before = SessionMove(local_date(session.starts_at, zone), local_time(session.starts_at, zone), session.room_id)
    room = db.session.get(Room, move.room_id) if move.room_id is not None else None
    if move.room_id is not None and (room is None or room.forum_id != forum.id):
        raise Refused(_("That room is not one of this forum's rooms."), field="room_id")
    starts_at = local_to_utc(move.on, move.starts, zone)
    ends = local_time(starts_at + (session.ends_at - session.starts_at), zone)
    block = _block_holding(forum, move.on, starts_at)
    if block is None and forum.start_date <= move.on <= forum.end_date:
        raise Refused(
            _(
                "No time block holds %(time)s on that day: place the session inside a block.",
                time=format_time(move.starts, "short"),
            ),
            field="starts",
        )
    save_session(actor, session, forum, block, move.on, move.starts, ends, room=room)
    return before


def _block_holding(forum, on, moment):
    """Return the time block of the forum's day `on` that is running at `moment`, if any."""
    return db.session.scalar(
        select(TimeBlock)
        .join(TimeBlock.day)
        .where(
            ForumDay.forum_id == forum.id,
            ForumDay.date == on,
            TimeBlock.starts_at <= moment,
            TimeBlock.ends_at > moment,
        )
        .order_by(TimeBlock.starts_at)
        .limit(1)
    )


def what_goes_with_session(session):
    """Say what deleting a session takes with it: its items, appointments, conclusions and tabled drafts."""
    consequences = []
    if session.items:
        consequences.append(
            ngettext(
                "Its %(num)d item in the running order.", "Its %(num)d items in the running order.", len(session.items)
            )
        )
    consequences += [
        _(
            "The appointment of %(name)s as %(role)s.",
            name=appointment.user.name,
            role=label(appointment.role, "appointment_role"),
        )
        for appointment in session.appointments
    ]
    if session.document_links:
        consequences.append(
            ngettext(
                "The tabling of %(num)d draft document (the document and its files stay in the archive).",
                "The tabling of %(num)d draft documents (the documents and their files stay in the archive).",
                len(session.document_links),
            )
        )
    consequences.append(_("Its conclusions, if any were written, and its place in the next release of the agenda."))
    return consequences


def delete_session(actor, session):
    audit.record(actor, "session.deleted", session.title, session.forum, **session_facts(session))
    db.session.delete(session)


def add_item(actor, session, kind, title, speaker_email="", speaker_name="", duration_minutes=None):
    """Append an item to a session; keynotes take the default slot length when none is given."""
    lock_programme(session.forum)
    kind = ItemKind(kind)
    duration_minutes = item_minutes(kind, duration_minutes)
    # A speaker without an e-mail address gets no account, but keeps their name on the agenda.
    speaker = find_or_invite(actor, speaker_email, speaker_name, session.forum) if speaker_email else None
    position = max((item.position for item in session.items), default=-1) + 1
    item = SessionItem(
        kind=kind,
        title=title,
        speaker=speaker,
        speaker_name="" if speaker else speaker_name.strip(),
        duration_minutes=duration_minutes,
        position=position,
    )
    session.items.append(item)
    ensure_no_conflicts(session)
    audit.record(actor, "session.item_added", session.title, session.forum, **session_facts(session), item=title)
    return item


def update_item(actor, item, kind, title, duration_minutes):
    lock_programme(item.session.forum)
    kind = ItemKind(kind)
    item.kind, item.title, item.duration_minutes = kind, title, item_minutes(kind, duration_minutes)
    if not audit.is_changed(item):
        return
    ensure_no_conflicts(item.session)
    audit.record(
        actor, "session.item_changed", item.session.title, item.session.forum, **session_facts(item.session), item=title
    )


def remove_item(actor, item):
    session = item.session
    session.items.remove(item)
    _renumber(session.items)
    audit.record(actor, "session.item_removed", session.title, session.forum, **session_facts(session), item=item.title)


def move_item(actor, item, offset):
    """Move an item up (-1) or down (+1) in its session's order."""
    items = list(item.session.items)
    index = items.index(item)
    target = index + offset
    if 0 <= target < len(items):
        items[index], items[target] = items[target], items[index]
        _renumber(items)
        audit.record(
            actor, "session.items_reordered", item.session.title, item.session.forum, **session_facts(item.session)
        )


def _renumber(items):
    for position, item in enumerate(items):
        item.position = position


def appoint(actor, session, role, email, name=""):
    """Appoint a person (invited if new) to a session in `role`, refusing a double booking."""
    lock_programme(session.forum)
    role = AppointmentRole(role)
    user = find_or_invite(actor, email, name, session.forum)
    if any(a.user_id == user.id and a.role == role for a in session.appointments):
        return None
    appointment = Appointment(user=user, role=role)
    session.appointments.append(appointment)
    ensure_no_conflicts(session)
    if role in FORUM_ROLE_FOR_APPOINTMENT:
        grant_role(user, session.forum, FORUM_ROLE_FOR_APPOINTMENT[role])
    audit.record(
        actor,
        "session.appointed",
        session.title,
        session.forum,
        **session_facts(session),
        person=user.email,
        role=role.value,
    )
    return appointment


def withdraw(actor, appointment):
    """Withdraw an appointment; the forum role it gave goes too once nothing else justifies it."""
    session, user, role = appointment.session, appointment.user, appointment.role
    audit.record(
        actor,
        "session.withdrawn",
        session.title,
        session.forum,
        **session_facts(session),
        person=user.email,
        role=role.value,
    )
    session.appointments.remove(appointment)
    db.session.flush()
    still_appointed = db.session.scalar(
        select(Appointment.id)
        .join(ForumSession)
        .where(ForumSession.forum_id == session.forum_id, Appointment.user_id == user.id, Appointment.role == role)
        .limit(1)
    )
    if role in FORUM_ROLE_FOR_APPOINTMENT and still_appointed is None:
        revoke_role(user, session.forum, FORUM_ROLE_FOR_APPOINTMENT[role])


def appointments_standing_for(forum_role):
    """Return the person's appointments in the forum that the forum role stands for (a facilitator's sessions)."""
    appointment_roles = [
        role for role, forum_role_name in FORUM_ROLE_FOR_APPOINTMENT.items() if forum_role_name == forum_role.role
    ]
    if not appointment_roles:
        return []
    return db.session.scalars(
        select(Appointment)
        .join(ForumSession)
        .where(
            ForumSession.forum_id == forum_role.forum_id,
            Appointment.user_id == forum_role.user_id,
            Appointment.role.in_(appointment_roles),
        )
        .order_by(ForumSession.starts_at)
    ).all()


def what_goes_with_forum_role(forum_role):
    """Say what taking a role away takes with it: the appointments it stands for, and the work they open."""
    return [
        _(
            "%(role)s of %(session)s, with its workspace and uploads.",
            role=label(appointment.role, "appointment_role"),
            session=appointment.session,
        )
        for appointment in appointments_standing_for(forum_role)
    ]


def withdraw_forum_role(actor, forum_role, forum):
    """Take a role away with the appointments it stands for, so a former facilitator keeps no session to work on."""
    for appointment in appointments_standing_for(forum_role):
        audit.record(
            actor,
            "session.withdrawn",
            appointment.session.title,
            forum,
            **session_facts(appointment.session),
            person=appointment.user.email,
            role=appointment.role.value,
        )
        appointment.session.appointments.remove(appointment)
    withdraw_from_forum(actor, forum_role, forum)


def what_goes_with_appointment(appointment):
    """Say what withdrawing an appointment takes with it: the forum role it gave, if nothing else justifies it."""
    role = FORUM_ROLE_FOR_APPOINTMENT.get(appointment.role)
    if role is None:
        return []
    others = db.session.scalar(
        select(Appointment.id)
        .join(ForumSession)
        .where(
            ForumSession.forum_id == appointment.session.forum_id,
            Appointment.user_id == appointment.user_id,
            Appointment.role == appointment.role,
            Appointment.id != appointment.id,
        )
        .limit(1)
    )
    if others is not None:
        return []
    return [
        _("%(name)s is no longer %(role)s in this forum.", name=appointment.user.name, role=label(role, "forum_role"))
    ]


def save_loose_item(actor, item, block, kind, title, starts_at, ends_at):
    """Create or change a loose item of a block from forum-local times; it must fit in the block."""
    forum = block.day.forum
    lock_programme(forum)
    item.block, item.kind, item.title = block, ItemKind(kind), title
    item.starts_at = local_to_utc(block.day.date, starts_at, forum.timezone)
    item.ends_at = local_to_utc(block.day.date, ends_at, forum.timezone)
    if item.starts_at < block.starts_at or item.ends_at > block.ends_at:
        raise Refused(_("The item must fit inside its time block."))
    db.session.add(item)
    if audit.is_changed(item):
        audit.record(actor, "block.item_saved", title, forum)
    return item


def delete_loose_item(actor, item):
    audit.record(actor, "block.item_deleted", item.title, item.block.day.forum)
    db.session.delete(item)
