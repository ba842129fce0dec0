"""Where things sit on the schedule board, free of Flask: one day as a grid of rooms by five-minute rows.

Times are forum-local minutes since midnight of the board's day. Row 1 of the grid holds the room
names and column 1 the clock, so a card of the first room that starts when the board starts sits
at row 2, column 2. The content security policy allows no inline style, so places are classes
(`at-14 rows-18 room-3`), and the stylesheet that defines them is written by `grid_stylesheet`.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

STEP_MINUTES = 5
MINUTES_PER_DAY = 24 * 60
MAX_ROWS = MINUTES_PER_DAY // STEP_MINUTES
# Grid columns for rooms that the stylesheet defines; more rooms share the last column. Column 1 is the clock.
MAX_ROOMS = 24
# Cards of one room that overlap (a conflict) are shifted aside, up to this many lanes.
MAX_LANES = 4
# Shown when a day holds nothing yet: a working day.
EMPTY_DAY = (9 * 60, 18 * 60)
FIRST_ROW, FIRST_COLUMN = 2, 2


@dataclass(frozen=True)
class Span:
    """A stretch of the board's day, in local minutes since midnight; the end is excluded."""

    start: int
    end: int

    @property
    def minutes(self):
        return self.end - self.start


@dataclass(frozen=True)
class Place:
    """Where a thing sits on the grid: its first row, how many rows it spans, its column (None: every room)."""

    row: int
    rows: int
    column: int | None
    lane: int = 0

    @property
    def classes(self):
        """Return the stylesheet classes that put it there."""
        column = f"room-{self.column}" if self.column is not None else "all-rooms"
        lane = f" lane-{self.lane}" if self.lane else ""
        return f"at-{self.row} rows-{self.rows} {column}{lane}"


def board_span(spans: Iterable[Span]) -> Span:
    """Return the hours the board shows: whole hours, from the start of the first thing to the end of the last."""
    spans = list(spans)
    if not spans:
        return Span(*EMPTY_DAY)
    first = min(span.start for span in spans)
    last = max(span.end for span in spans)
    return Span(max(0, first - first % 60), min(MINUTES_PER_DAY, last + (-last) % 60))


def row_count(board: Span) -> int:
    return board.minutes // STEP_MINUTES


def place(span: Span, board: Span, column: int | None, lane: int = 0) -> Place:
    """Place a span on the board's rows, cut to the board, at least one row high."""
    start = min(max(span.start, board.start), board.end - STEP_MINUTES)
    end = min(max(span.end, start + STEP_MINUTES), board.end)
    rows = -(-(end - start) // STEP_MINUTES)
    return Place(FIRST_ROW + (start - board.start) // STEP_MINUTES, rows, column, lane)


def room_column(room_ids: Sequence[int], room_id: int) -> int:
    """Return the grid column of a room, the rooms being in board order."""
    return FIRST_COLUMN + min(room_ids.index(room_id), MAX_ROOMS - 1)


def lanes(spans: Sequence[Span]) -> list[int]:
    """Return a lane for each span of one room: 0 unless it overlaps an earlier one still running."""
    order = sorted(range(len(spans)), key=lambda index: (spans[index].start, spans[index].end, index))
    taken: list[tuple[int, int]] = []
    result = [0] * len(spans)
    for index in order:
        span = spans[index]
        taken = [(end, lane) for end, lane in taken if end > span.start]
        busy = {lane for _end, lane in taken}
        lane = next(number for number in range(len(spans) + 1) if number not in busy)
        result[index] = min(lane, MAX_LANES - 1)
        taken.append((span.end, lane))
    return result


def hour_marks(board: Span) -> list[int]:
    """Return the minutes at which the clock column shows a time: every hour and half hour on the board."""
    first = board.start + (-board.start) % 30
    return list(range(first, board.end, 30))


def grid_stylesheet() -> str:
    """Write the stylesheet of every place a card can take: rows, row spans, room columns, lanes, column counts."""
    lines = ["/* Written by workshop.programme.board_layout.grid_stylesheet(); tests check that it is current. */"]
    lines += [f".at-{row} {{ grid-row-start: {row}; }}" for row in range(FIRST_ROW, FIRST_ROW + MAX_ROWS)]
    lines += [f".rows-{rows} {{ grid-row-end: span {rows}; }}" for rows in range(1, MAX_ROWS + 1)]
    lines += [f".room-{column} {{ grid-column: {column}; }}" for column in range(1, FIRST_COLUMN + MAX_ROOMS)]
    lines += [
        f".rooms-{count} {{ grid-template-columns: 4.5rem repeat({count}, minmax(9rem, 1fr)); }}"
        for count in range(1, MAX_ROOMS + 1)
    ]
    lines += [f".lane-{lane} {{ margin-left: {lane * 18}%; z-index: {lane + 2}; }}" for lane in range(1, MAX_LANES)]
    lines.append(".all-rooms { grid-column: 2 / -1; }")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    print(grid_stylesheet(), end="")
