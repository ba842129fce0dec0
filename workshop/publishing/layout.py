"""Lay a snapshot out as the concept note's agenda: days, time blocks, and what happens in each.

Pure functions over snapshot data; the agenda page, the PDF agenda and other outputs share them.
"""
from dataclasses import dataclass, field
from datetime import date, datetime
from zoneinfo import ZoneInfo


@dataclass
class AgendaEntry:
    """A loose item or a session inside a block, with its times in the forum's zone."""

    kind: str
    starts_at: datetime
    ends_at: datetime
    data: dict

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


PLENARY = "plenary"


def people_with_a_part_in(session):
    """Return the ids of the people appointed to a session in any role or speaking in one of its items."""
    appointed = {person["id"] for people in session["people"].values() for person in people}
    return appointed | {item["speaker"]["id"] for item in session["items"] if item["speaker"]}


def has_part_in(session, person_id):
    """Tell whether a person is appointed to a session in any role or speaks in one of its items."""
    return person_id in people_with_a_part_in(session)


def restricted_group_id(session):
    """Return the id of the group a session is restricted to, or None for a session open to everyone."""
    return (session.get("restricted_to") or {}).get("id")


def local(iso_text, zone):
    """Parse a snapshot's UTC ISO time and express it in the forum's zone."""
    return datetime.fromisoformat(iso_text).astimezone(zone)


def agenda_days(snapshot, session_filter=None):
    """Return the agenda as days of blocks of entries, in order, optionally keeping some sessions only.

    `session_filter` takes a session's data and says whether to keep it; blocks left with nothing
    are dropped, days are always kept so that a reader sees the whole forum's frame.
    """
    zone = ZoneInfo(snapshot["forum"]["timezone"])
    sessions = snapshot["sessions"]
    days = []
    for number, day in enumerate(snapshot["days"], start=1):
        agenda_day = AgendaDay(number, date.fromisoformat(day["date"]), day["title"], day["to_be_announced"], day["note"])
        for block in day["blocks"]:
            kept = [sessions[str(key)] for key in block["session_ids"] if str(key) in sessions]
            if session_filter is not None:
                kept = [session for session in kept if session_filter(session)]
                if not kept:
                    continue
            agenda_day.blocks.append(_block(block, kept, zone))
        days.append(agenda_day)
    return days


def _block(block, sessions, zone):
    entries = [
        AgendaEntry("item", local(item["starts_at"], zone), local(item["ends_at"], zone), item)
        for item in block["loose_items"]
    ] + [
        AgendaEntry("session", local(session["starts_at"], zone), local(session["ends_at"], zone), session)
        for session in sessions
    ]
    # Loose items sort before a session that starts at the same time (opening remarks come first).
    entries.sort(key=lambda entry: (entry.starts_at, entry.is_session, entry.data.get("number", "")))
    return AgendaBlock(
        id=block["id"],
        label=block["label"],
        starts_at=local(block["starts_at"], zone),
        ends_at=local(block["ends_at"], zone),
        entries=entries,
        documents=_block_documents(sessions),
    )


def _block_documents(sessions):
    """Return the block's draft documents once each, in the order their sessions table them."""
    seen, documents = set(), []
    for session in sessions:
        for document in session["documents"]:
            if document["id"] not in seen:
                seen.add(document["id"])
                documents.append(document)
    return documents

