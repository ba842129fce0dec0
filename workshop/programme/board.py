"""The secretariat's schedule board of one day: what it shows, read in a few queries and placed by `board_layout`."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import cache

from babel.dates import format_time
from flask_babel import get_locale
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from workshop.core.timezones import local_to_utc, utc_to_local
from workshop.extensions import db
from workshop.forums.models import Forum, Room
from workshop.programme import board_layout
from workshop.programme.board_layout import Place, Span
from workshop.programme.models import Appointment, BlockItem, ForumDay, ForumSession, TimeBlock
from workshop.programme.scheduling import check_slot, find_all_conflicts
from workshop.programme.services import forum_dates, slot_for
from workshop.programme.wording import describe_conflict

# Track colours cycle through this many classes of the stylesheet (track-0 … track-7).
TRACK_COLOURS = 8


@dataclass(frozen=True)
class Card:
    """A session on the board (or in the tray, with no place), with the conflicts it is part of, worded."""

    session: ForumSession
    place: Place | None
    starts: str
    ends: str
    track_colour: int | None
    conflicts: tuple[str, ...]

    @property
    def clock(self):
        return f"{self.starts}–{self.ends}"

    @property
    def spoken(self):
        """Say the card as a screen reader should: "Session 12. Title, 09:00 to 10:30, Sala Cartagena, Track 2"."""
        parts = [_("%(session)s, %(starts)s to %(ends)s", session=self.session, starts=self.starts, ends=self.ends)]
        parts += [part.name for part in (self.session.room, self.session.track) if part is not None]
        return ", ".join(parts)


@dataclass(frozen=True)
class Entry:
    """A thing of the board that does not move: a loose item, a time block's shading, a clock mark."""

    title: str
    place: Place
    starts: str
    ends: str

    @property
    def clock(self):
        return f"{self.starts}–{self.ends}"


@dataclass(frozen=True)
class Board:
    forum: Forum
    day: ForumDay
    days: list[ForumDay]
    rooms: list[Room]
    span: Span
    rows: int
    cards: list[Card]
    tray: list[Card]
    loose_items: list[Entry]
    blocks: list[Entry]
    marks: list[Entry]
    conflicts: list[str]

    @property
    def first_minute(self):
        return self.span.start


def pick_day(forum, wanted):
    """Return the forum's day on `wanted` (an ISO date), else its first day; None when it has no days."""
    days = list(forum.days)
    try:
        on = date.fromisoformat(wanted or "")
    except ValueError:
        on = None
    return next((day for day in days if day.date == on), days[0] if days else None)


def load_board(forum, day):
    """Read and place everything the board shows of one day."""
    zone = forum.timezone
    say_clock = _clock_words(zone)
    sessions = _sessions_on(forum, day.date)
    blocks = db.session.scalars(
        select(TimeBlock)
        .where(TimeBlock.day_id == day.id)
        .order_by(TimeBlock.starts_at)
        .options(selectinload(TimeBlock.loose_items).selectinload(BlockItem.room))
    ).all()
    rooms = list(forum.rooms)
    room_ids = [room.id for room in rooms]
    placed = [session for session in sessions if session.room_id is not None]

    def local_span(moment_from, moment_to):
        return Span(_minute_of(moment_from, day.date, zone), _minute_of(moment_to, day.date, zone))

    loose = [item for block in blocks for item in block.loose_items]
    span = board_layout.board_span([local_span(part.starts_at, part.ends_at) for part in [*blocks, *loose, *placed]])
    slots = {session.id: slot_for(session) for session in sessions}
    dates = forum_dates(forum)
    worded = {
        session.id: tuple(
            describe_conflict(conflict) for conflict in check_slot(slots[session.id], dates, slots.values())
        )
        for session in sessions
    }
    tracks = {track.id: index % TRACK_COLOURS for index, track in enumerate(forum.tracks)}
    cards = []
    for room_id in room_ids:
        in_room = [session for session in placed if session.room_id == room_id]
        spans = [local_span(session.starts_at, session.ends_at) for session in in_room]
        column = board_layout.room_column(room_ids, room_id)
        for session, session_span, lane in zip(in_room, spans, board_layout.lanes(spans), strict=True):
            where = board_layout.place(session_span, span, column, lane)
            cards.append(_card(session, where, say_clock, tracks, worded[session.id]))
    tray = [
        _card(session, None, say_clock, tracks, worded[session.id]) for session in sessions if session.room_id is None
    ]
    return Board(
        forum=forum,
        day=day,
        days=list(forum.days),
        rooms=rooms,
        span=span,
        rows=board_layout.row_count(span),
        cards=cards,
        tray=tray,
        loose_items=[
            _entry(item.title, item, span, local_span, say_clock, _column_of(item.room_id, room_ids)) for item in loose
        ],
        blocks=[_entry(block.label, block, span, local_span, say_clock, None) for block in blocks],
        marks=[_mark(minute, span, say_clock) for minute in board_layout.hour_marks(span)],
        conflicts=[describe_conflict(conflict) for conflict in find_all_conflicts(slots.values(), dates)],
    )


def _sessions_on(forum, on):
    """Return the forum's sessions that start on the local day `on`, with what their cards and rules read."""
    day_starts = local_to_utc(on, time(0, 0), forum.timezone)
    day_ends = local_to_utc(on + timedelta(days=1), time(0, 0), forum.timezone)
    return db.session.scalars(
        select(ForumSession)
        .where(
            ForumSession.forum_id == forum.id,
            ForumSession.starts_at >= day_starts,
            ForumSession.starts_at < day_ends,
        )
        .order_by(ForumSession.starts_at, ForumSession.number, ForumSession.id)
        .options(
            selectinload(ForumSession.appointments).selectinload(Appointment.user),
            selectinload(ForumSession.items),
            selectinload(ForumSession.room),
            selectinload(ForumSession.track),
            selectinload(ForumSession.block),
        )
    ).all()


def _minute_of(moment: datetime, on: date, zone):
    """Return the local minute of `moment` counted from midnight of the board's day (past midnight: over 1440)."""
    local = utc_to_local(moment, zone)
    return (local.date() - on).days * board_layout.MINUTES_PER_DAY + local.hour * 60 + local.minute


def _column_of(room_id, room_ids):
    return board_layout.room_column(room_ids, room_id) if room_id in room_ids else None


def _clock_words(zone):
    """Return a function that says a UTC moment's local time in the reader's language, working out each time once.

    A day of the board names a few dozen distinct times hundreds of times; Flask-Babel's formatter is slow.
    """
    locale = get_locale()

    @cache
    def say(clock):
        return format_time(clock, "short", locale=locale)

    return lambda moment: say(moment if isinstance(moment, time) else _clock(moment, zone))


def _card(session, where, say_clock, tracks, conflicts):
    return Card(
        session=session,
        place=where,
        starts=say_clock(session.starts_at),
        ends=say_clock(session.ends_at),
        track_colour=tracks.get(session.track_id),
        conflicts=conflicts,
    )


def _entry(title, part, span, local_span, say_clock, column):
    where = board_layout.place(local_span(part.starts_at, part.ends_at), span, column)
    return Entry(title, where, say_clock(part.starts_at), say_clock(part.ends_at))


def _mark(minute, span, say_clock):
    clock = say_clock(time(minute // 60 % 24, minute % 60))
    return Entry(clock, board_layout.place(Span(minute, minute + 30), span, 1), clock, clock)


def _clock(moment, zone):
    return utc_to_local(moment, zone).time().replace(tzinfo=None)
