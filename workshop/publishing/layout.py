"""Lay a snapshot out as the concept note's agenda: days, time blocks, and what happens in each.

Pure functions over a typed snapshot (release_view.Snapshot); the agenda page, the PDF agenda and
other outputs share them.
"""

from dataclasses import dataclass, field
from datetime import date, datetime

from workshop.programme.rules import SessionFormat
from workshop.publishing.release_view import LooseItem, Session


@dataclass
class AgendaEntry:
    """A loose item or a session inside a block, with its times in the forum's zone."""

    kind: str
    starts_at: datetime
    ends_at: datetime
    data: Session | LooseItem

    @property
    def is_session(self):
        return self.kind == "session"


@dataclass
class AgendaBlock:
    id: int
    label: str
    starts_at: datetime
    ends_at: datetime
    entries: list = field(default_factory=list)
    documents: list = field(default_factory=list)


@dataclass
class AgendaDay:
    number: int
    date: date
    title: str
    to_be_announced: bool
    note: str
    blocks: list = field(default_factory=list)


# The format value the published snapshot carries for a plenary, which belongs in every personal agenda.
PLENARY = SessionFormat.PLENARY.value


def people_with_a_part_in(session):
    """Return the ids of the people appointed to a session in any role or speaking in one of its items."""
    appointed = {person.id for people in session.people.values() for person in people}
    return appointed | {item.speaker.id for item in session.items if item.speaker}


def has_part_in(session, person_id):
    """Tell whether a person is appointed to a session in any role or speaks in one of its items."""
    return person_id in people_with_a_part_in(session)


def restricted_group_id(session):
    """Return the id of the group a session is restricted to, or None for a session open to everyone."""
    return session.restricted_to.id if session.restricted_to else None


def agenda_days(snapshot, session_filter=None):
    """Return the agenda as days of blocks of entries, in order, optionally keeping some sessions only.

    `session_filter` takes a session and says whether to keep it; blocks left with nothing
    are dropped, days are always kept so that a reader sees the whole forum's frame. Every kept
    session appears once: one outside any time block gets a block of its own on its day.
    """
    zone = snapshot.forum.zone
    sessions = snapshot.sessions
    keep = session_filter or (lambda session: True)
    placed, days = set(), []
    for number, day in enumerate(snapshot.days, start=1):
        agenda_day = AgendaDay(number, day.date, day.title, day.to_be_announced, day.note)
        for block in day.blocks:
            listed = [sessions[key] for key in block.session_ids if key in sessions]
            placed.update(session.id for session in listed)
            kept = [session for session in listed if keep(session)]
            if session_filter is not None and not kept:
                continue
            agenda_day.blocks.append(_block(block, kept, zone))
        days.append(agenda_day)
    unplaced = [session for session in sessions.values() if session.id not in placed and keep(session)]
    return _with_sessions_outside_blocks(days, unplaced, zone)


def _with_sessions_outside_blocks(days, sessions, zone):
    """Give sessions that no time block holds blocks of their own, on their day (added if the forum lacks it)."""
    if not sessions:
        return days
    by_date = {day.date: day for day in days}
    for session in sorted(sessions, key=lambda session: (session.starts_at, session.ends_at)):
        on = session.starts_at.astimezone(zone).date()
        day = by_date.setdefault(on, AgendaDay(0, on, "", False, ""))
        day.blocks.append(_block_of_one(session, zone))
    ordered = sorted(by_date.values(), key=lambda day: day.date)
    for number, day in enumerate(ordered, start=1):
        day.number = number
        day.blocks = _merge_overlapping(sorted(day.blocks, key=lambda block: (block.starts_at, block.ends_at)))
    return ordered


def _block_of_one(session, zone):
    starts_at, ends_at = session.starts_at.astimezone(zone), session.ends_at.astimezone(zone)
    entry = AgendaEntry("session", starts_at, ends_at, session)
    return AgendaBlock(
        id=None, label="", starts_at=starts_at, ends_at=ends_at, entries=[entry], documents=_block_documents([session])
    )


def _merge_overlapping(blocks):
    """Fold blocks made for sessions outside any time block into one while they overlap; real blocks stay as they are."""
    merged = []
    for block in blocks:
        previous = merged[-1] if merged else None
        if block.id is None and previous is not None and previous.id is None and block.starts_at < previous.ends_at:
            previous.ends_at = max(previous.ends_at, block.ends_at)
            previous.entries.extend(block.entries)
            previous.documents = _block_documents([entry.data for entry in previous.entries])
        else:
            merged.append(block)
    return merged


def _block(block, sessions, zone):
    entries = [
        AgendaEntry("item", item.starts_at.astimezone(zone), item.ends_at.astimezone(zone), item)
        for item in block.loose_items
    ] + [
        AgendaEntry("session", session.starts_at.astimezone(zone), session.ends_at.astimezone(zone), session)
        for session in sessions
    ]
    # Loose items sort before a session that starts at the same time (opening remarks come first).
    entries.sort(key=lambda entry: (entry.starts_at, entry.is_session, entry.data.number if entry.is_session else ""))
    return AgendaBlock(
        id=block.id,
        label=block.label,
        starts_at=block.starts_at.astimezone(zone),
        ends_at=block.ends_at.astimezone(zone),
        entries=entries,
        documents=_block_documents(sessions),
    )


def _block_documents(sessions):
    """Return the block's draft documents once each, in the order their sessions table them."""
    seen, documents = set(), []
    for session in sessions:
        for document in session.documents:
            if document.id not in seen:
                seen.add(document.id)
                documents.append(document)
    return documents
