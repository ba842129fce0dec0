"""Lay a published agenda out as a grid for readers, free of Flask: per day, rooms side by side, a row per time block.

Reads the days that `layout.agenda_days` makes of a snapshot; says what runs now and what comes next.
"""

from dataclasses import dataclass, field
from datetime import datetime

from workshop.publishing.layout import AgendaDay, AgendaEntry
from workshop.publishing.release_view import LooseItem

# The column of sessions that have no room yet.
NO_ROOM = ""


@dataclass
class GridRow:
    """One row of a day's grid: a loose item across every room, or a block's sessions under their rooms."""

    starts_at: datetime
    ends_at: datetime
    label: str = ""
    loose_item: LooseItem | None = None
    cells: list[list[AgendaEntry]] = field(default_factory=list)


@dataclass
class GridDay:
    day: AgendaDay
    rooms: list[str]
    rows: list[GridRow]


def grid_day(day: AgendaDay, room_order: list[str]) -> GridDay:
    """Return the day as a grid: the rooms its sessions use (in the forum's order, no room last), then its rows."""
    used = {entry.data.room for block in day.blocks for entry in block.entries if entry.is_session}
    rooms = [room for room in room_order if room in used] + [room for room in sorted(used - set(room_order))]
    rows = [row for block in day.blocks for row in _block_rows(block, rooms)]
    return GridDay(day, rooms, rows)


def _block_rows(block, rooms):
    """Return a block's rows in time order: its loose items, and one row of its sessions where the first starts."""
    timed = [
        (entry.starts_at, 0, GridRow(entry.starts_at, entry.ends_at, loose_item=entry.data))
        for entry in block.entries
        if not entry.is_session
    ]
    sessions = [entry for entry in block.entries if entry.is_session]
    if sessions:
        cells = [[entry for entry in sessions if entry.data.room == room] for room in rooms]
        first = min(entry.starts_at for entry in sessions)
        timed.append((first, 1, GridRow(block.starts_at, block.ends_at, block.label, cells=cells)))
    # A loose item that starts with the sessions comes first (opening remarks), as in the list view.
    return [row for _start, _order, row in sorted(timed, key=lambda timed_row: timed_row[:2])]


def now_and_next(days: list[AgendaDay], now: datetime) -> tuple[list[AgendaEntry], list[AgendaEntry]]:
    """Return the sessions running at `now`, and those that start next (all that share the next start time)."""
    sessions = [entry for day in days for block in day.blocks for entry in block.entries if entry.is_session]
    running = [entry for entry in sessions if entry.starts_at <= now < entry.ends_at]
    later = [entry for entry in sessions if entry.starts_at > now]
    first = min((entry.starts_at for entry in later), default=None)
    return running, [entry for entry in later if entry.starts_at == first]
