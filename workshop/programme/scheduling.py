"""Scheduling rules, free of Flask and the database, so that they can be reasoned about and tested alone.

A session is described by a `Slot`; the rules compare one slot with the forum's dates, its time
block and the other slots of the forum, and return `Conflict`s. Callers decide what to do with
them (the secretariat's screens refuse the change and say why).
"""

import enum
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo


class ConflictKind(enum.Enum):
    ENDS_BEFORE_START = "ends_before_start"
    OUTSIDE_FORUM_DATES = "outside_forum_dates"
    OUTSIDE_BLOCK = "outside_block"
    ROOM_DOUBLE_BOOKED = "room_double_booked"
    PERSON_DOUBLE_BOOKED = "person_double_booked"
    ITEMS_OVERRUN = "items_overrun"


@dataclass(frozen=True)
class Window:
    """A stretch of time with a name to quote in messages (a block such as "9:00 – 12:00")."""

    starts_at: datetime
    ends_at: datetime
    label: str = ""


@dataclass(frozen=True)
class ForumDates:
    first_day: date
    last_day: date
    timezone: str


@dataclass(frozen=True)
class Slot:
    """What the rules need to know of one session."""

    key: str
    label: str
    starts_at: datetime
    ends_at: datetime
    room_id: int | None = None
    room_name: str = ""
    people: Mapping[int, str] = field(default_factory=dict)
    block: Window | None = None
    item_minutes: tuple = ()


@dataclass(frozen=True)
class Conflict:
    kind: ConflictKind
    subject: str
    other: str = ""
    detail: Mapping[str, object] = field(default_factory=dict)


def overlaps(first_start, first_end, second_start, second_end):
    """Tell whether two half-open intervals share any moment (touching ends do not)."""
    return first_start < second_end and second_start < first_end


def check_slot(slot: Slot, dates: ForumDates, others: Iterable[Slot]) -> list[Conflict]:
    """Return every rule `slot` breaks, on its own and against the other sessions of the forum."""
    if slot.ends_at <= slot.starts_at:
        return [Conflict(ConflictKind.ENDS_BEFORE_START, slot.label)]
    conflicts = check_timing(slot, dates)
    for other in others:
        if other.key != slot.key and overlaps(slot.starts_at, slot.ends_at, other.starts_at, other.ends_at):
            conflicts.extend(check_pair(slot, other))
    return conflicts


def check_timing(slot: Slot, dates: ForumDates) -> list[Conflict]:
    """Return the conflicts of a slot with the forum's dates, its block and its own items."""
    conflicts = []
    zone = ZoneInfo(dates.timezone)
    first, last = (
        slot.starts_at.astimezone(zone).date(),
        (slot.ends_at - timedelta(microseconds=1)).astimezone(zone).date(),
    )
    if first < dates.first_day or last > dates.last_day:
        conflicts.append(
            Conflict(
                ConflictKind.OUTSIDE_FORUM_DATES,
                slot.label,
                detail={"first_day": dates.first_day, "last_day": dates.last_day},
            )
        )
    if slot.block and (slot.starts_at < slot.block.starts_at or slot.ends_at > slot.block.ends_at):
        conflicts.append(Conflict(ConflictKind.OUTSIDE_BLOCK, slot.label, slot.block.label))
    planned = sum(minutes for minutes in slot.item_minutes if minutes)
    available = int((slot.ends_at - slot.starts_at).total_seconds() // 60)
    if planned > available:
        conflicts.append(
            Conflict(
                ConflictKind.ITEMS_OVERRUN,
                slot.label,
                detail={"planned_minutes": planned, "available_minutes": available},
            )
        )
    return conflicts


def check_pair(slot: Slot, other: Slot) -> list[Conflict]:
    """Return the conflicts between two sessions that run at the same time."""
    conflicts = []
    if slot.room_id is not None and slot.room_id == other.room_id:
        conflicts.append(Conflict(ConflictKind.ROOM_DOUBLE_BOOKED, slot.label, other.label, {"room": slot.room_name}))
    for person_id in sorted(set(slot.people) & set(other.people)):
        conflicts.append(
            Conflict(ConflictKind.PERSON_DOUBLE_BOOKED, slot.label, other.label, {"person": slot.people[person_id]})
        )
    return conflicts


def find_all_conflicts(slots: Iterable[Slot], dates: ForumDates) -> list[Conflict]:
    """Return every conflict in a whole programme, each clashing pair once.

    Slots are swept in order of start time, so only sessions that can overlap are compared.
    """
    ordered = sorted(slots, key=lambda slot: (slot.starts_at, slot.key))
    conflicts = []
    running: list[Slot] = []
    for slot in ordered:
        if slot.ends_at <= slot.starts_at:
            conflicts.append(Conflict(ConflictKind.ENDS_BEFORE_START, slot.label))
            continue
        conflicts.extend(check_timing(slot, dates))
        running = [earlier for earlier in running if earlier.ends_at > slot.starts_at]
        for earlier in running:
            conflicts.extend(check_pair(slot, earlier))
        running.append(slot)
    return conflicts
