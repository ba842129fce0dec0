"""The board's layout rules, without an app: the hours shown, rows and columns, lanes of overlapping cards."""

from pathlib import Path

import pytest

from workshop.programme.board_layout import (
    EMPTY_DAY,
    MAX_LANES,
    MAX_ROOMS,
    MAX_ROWS,
    Place,
    Span,
    board_span,
    grid_stylesheet,
    hour_marks,
    lanes,
    place,
    room_column,
    row_count,
)

STYLESHEET = Path(__file__).resolve().parents[2] / "static" / "css" / "board-grid.css"


def test_an_empty_day_shows_a_working_day():
    assert board_span([]) == Span(*EMPTY_DAY)


@pytest.mark.parametrize(
    ("spans", "shown"),
    [
        ([Span(540, 720)], Span(540, 720)),
        ([Span(541, 719)], Span(540, 720)),
        ([Span(599, 601)], Span(540, 660)),
        ([Span(600, 660), Span(510, 540), Span(840, 1081)], Span(480, 1140)),
        ([Span(5, 1439)], Span(0, 1440)),
        ([Span(1400, 1500)], Span(1380, 1440)),
    ],
)
def test_the_board_runs_in_whole_hours_from_the_first_thing_to_the_last(spans, shown):
    assert board_span(spans) == shown


def test_rows_are_five_minutes():
    assert row_count(Span(540, 720)) == 36
    assert row_count(Span(0, 1440)) == MAX_ROWS == 288


@pytest.mark.parametrize(
    ("span", "expected"),
    [
        (Span(540, 630), Place(2, 18, 3)),
        (Span(545, 550), Place(3, 1, 3)),
        (Span(547, 552), Place(3, 1, 3)),
        (Span(545, 551), Place(3, 2, 3)),
        (Span(600, 600), Place(14, 1, 3)),
        (Span(500, 560), Place(2, 4, 3)),
        (Span(700, 800), Place(34, 4, 3)),
        (Span(720, 780), Place(37, 1, 3)),
    ],
)
def test_a_span_takes_the_rows_it_covers_cut_to_the_board(span, expected):
    assert place(span, Span(540, 720), 3) == expected


def test_a_place_names_its_classes():
    assert Place(4, 6, 3).classes == "at-4 rows-6 room-3"
    assert Place(4, 6, None).classes == "at-4 rows-6 all-rooms"
    assert Place(4, 6, 2, lane=1).classes == "at-4 rows-6 room-2 lane-1"


def test_rooms_take_columns_after_the_clock_and_extra_rooms_share_the_last():
    rooms = list(range(100, 100 + MAX_ROOMS + 2))
    assert room_column(rooms, 100) == 2
    assert room_column(rooms, 101) == 3
    assert room_column(rooms, rooms[MAX_ROOMS - 1]) == MAX_ROOMS + 1
    assert room_column(rooms, rooms[MAX_ROOMS]) == MAX_ROOMS + 1


def test_cards_of_one_room_get_a_lane_only_while_they_overlap():
    spans = [Span(600, 660), Span(540, 600), Span(570, 630), Span(660, 720), Span(580, 590)]
    assert lanes(spans) == [0, 0, 1, 0, 2]


def test_touching_cards_share_the_first_lane():
    assert lanes([Span(540, 600), Span(600, 660)]) == [0, 0]


def test_lanes_stop_at_the_last_one_the_stylesheet_has():
    assert lanes([Span(540, 600)] * (MAX_LANES + 2)) == [0, 1, 2, 3, 3, 3]


def test_the_clock_marks_every_half_hour_on_the_board():
    assert hour_marks(Span(540, 660)) == [540, 570, 600, 630]
    assert hour_marks(Span(545, 600)) == [570]


def test_the_stylesheet_defines_every_place_and_is_the_one_served():
    sheet = grid_stylesheet()
    assert ".at-2 { grid-row-start: 2; }" in sheet
    assert f".at-{MAX_ROWS + 1} {{" in sheet and f".at-{MAX_ROWS + 2} {{" not in sheet
    assert f".rows-{MAX_ROWS} {{ grid-row-end: span {MAX_ROWS}; }}" in sheet
    assert ".room-1 { grid-column: 1; }" in sheet and f".room-{MAX_ROOMS + 1} {{" in sheet
    assert f".room-{MAX_ROOMS + 2} {{" not in sheet
    assert ".rooms-8 { grid-template-columns: 4.5rem repeat(8, minmax(9rem, 1fr)); }" in sheet
    assert f".lane-{MAX_LANES - 1} {{" in sheet and f".lane-{MAX_LANES} {{" not in sheet
    assert STYLESHEET.read_text(encoding="utf-8") == sheet, (
        "static/css/board-grid.css is out of date: .venv/bin/python -m workshop.programme.board_layout > static/css/board-grid.css"
    )
