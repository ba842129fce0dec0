"""The reader's own clock: which zones they may pick, and which day a forum's moment falls on for them."""

from datetime import UTC, datetime
from zoneinfo import ZoneInfo, available_timezones

import pytest

from workshop.core.reader_zone import (
    AREAS,
    BothClocks,
    clocks_differ,
    is_offered_zone,
    offered_zones,
    on_both_clocks,
    span_on_both_clocks,
    zone_to_apply,
)

KNOWN = frozenset(available_timezones())
SEOUL, BOGOTA, PARIS, MADRID = "Asia/Seoul", "America/Bogota", "Europe/Paris", "Europe/Madrid"


def utc(*parts):
    return datetime(*parts, tzinfo=UTC)


def seoul(*parts):
    return datetime(*parts, tzinfo=ZoneInfo(SEOUL))


def test_a_seoul_mornings_session_falls_on_the_previous_evening_in_bogota():
    both = span_on_both_clocks(seoul(2011, 11, 29, 8), seoul(2011, 11, 29, 9, 30), SEOUL, BOGOTA)

    assert (both.starts.at_forum.date().day, both.starts.at_forum.hour) == (29, 8)
    assert (both.starts.at_reader.date().day, both.starts.at_reader.hour) == (28, 18)
    assert (both.ends.at_reader.hour, both.ends.at_reader.minute) == (19, 30)
    assert both.day_shift == -1
    assert both.starts.day_shift == -1


def test_a_bogota_afternoon_falls_on_the_next_day_in_seoul():
    bogota_afternoon = datetime(2011, 11, 29, 14, tzinfo=ZoneInfo(BOGOTA))

    assert on_both_clocks(bogota_afternoon, BOGOTA, SEOUL).day_shift == 1


def test_the_day_shift_turns_exactly_at_the_readers_midnight():
    # Seoul 14:00 is 00:00 in Bogotá the same day; a minute earlier is 23:59 the day before.
    assert on_both_clocks(seoul(2011, 11, 29, 14), SEOUL, BOGOTA).day_shift == 0
    assert on_both_clocks(seoul(2011, 11, 29, 13, 59), SEOUL, BOGOTA).day_shift == -1


def test_the_same_clock_shows_the_same_day_and_time():
    clocks = on_both_clocks(utc(2026, 3, 29, 0, 30), PARIS, PARIS)

    assert clocks.at_forum == clocks.at_reader
    assert clocks.at_reader.utcoffset() == clocks.at_forum.utcoffset()
    assert clocks.day_shift == 0


def test_a_span_names_the_day_of_its_start_not_of_its_end():
    # 21:00–00:30 in Seoul is 07:00–10:30 in Bogotá: the start keeps its day, the end falls on the day before.
    both = span_on_both_clocks(seoul(2011, 11, 29, 21), seoul(2011, 11, 30, 0, 30), SEOUL, BOGOTA)

    assert both.day_shift == 0
    assert both.ends.day_shift == -1


@pytest.mark.parametrize(
    ("moment", "reader_hour", "offset_hours"),
    [
        # Paris moves to summer time at 01:00 UTC on 29 March 2026: 01:59 winter, then 03:00 summer.
        (utc(2026, 3, 29, 0, 59), 1, 1),
        (utc(2026, 3, 29, 1, 0), 3, 2),
        # And back at 01:00 UTC on 25 October 2026: 02:59 summer, then 02:00 winter again.
        (utc(2026, 10, 25, 0, 59), 2, 2),
        (utc(2026, 10, 25, 1, 0), 2, 1),
    ],
)
def test_the_readers_clock_follows_their_summer_time_change(moment, reader_hour, offset_hours):
    clocks = on_both_clocks(moment, BOGOTA, PARIS)

    assert clocks.at_reader.hour == reader_hour
    assert clocks.at_reader.utcoffset().total_seconds() == offset_hours * 3600
    assert clocks.at_forum.utcoffset().total_seconds() == -5 * 3600


def test_a_summer_time_change_in_the_forums_zone_moves_the_readers_day_over_midnight():
    # New York at 19:30 is 00:30 in London in winter (next day), but 23:30 once New York is on summer time
    # (8 March 2026) and London not yet (29 March 2026).
    new_york, london = "America/New_York", "Europe/London"
    winter = datetime(2026, 3, 6, 19, 30, tzinfo=ZoneInfo(new_york))
    between_the_changes = datetime(2026, 3, 9, 19, 30, tzinfo=ZoneInfo(new_york))

    assert on_both_clocks(winter, new_york, london).day_shift == 1
    assert on_both_clocks(between_the_changes, new_york, london).day_shift == 0


def test_clocks_differ_when_any_moment_shows_another_offset():
    winter, summer = utc(2026, 1, 15, 12), utc(2026, 7, 15, 12)

    assert not clocks_differ([winter, summer], PARIS, MADRID)
    assert clocks_differ([winter], SEOUL, BOGOTA)
    # London and Lisbon share winter and summer time; London and Paris differ in both.
    assert not clocks_differ([winter, summer], "Europe/London", "Europe/Lisbon")
    # Only the summer moment differs: Bogotá keeps UTC−5 all year, New York is on it only in winter.
    assert not clocks_differ([winter], BOGOTA, "America/New_York")
    assert clocks_differ([winter, summer], BOGOTA, "America/New_York")
    assert not clocks_differ([], SEOUL, BOGOTA)


@pytest.mark.parametrize(
    ("name", "offered"),
    [
        ("America/Bogota", True),
        ("America/Argentina/Salta", True),
        ("Asia/Calcutta", True),
        ("UTC", True),
        ("US/Eastern", False),
        ("EST5EDT", False),
        ("Etc/GMT+5", False),
        ("Factory", False),
        ("America", False),
        ("America/Nowhere", False),
        ("", False),
    ],
)
def test_a_reader_may_pick_utc_or_a_known_zone_named_after_a_place(name, offered):
    assert is_offered_zone(name, KNOWN) is offered


def test_a_zone_the_machine_does_not_know_is_not_offered_even_in_an_area():
    assert not is_offered_zone("Europe/Paris", frozenset({"Europe/London"}))
    assert is_offered_zone("Europe/London", frozenset({"Europe/London"}))


def test_offered_zones_come_grouped_by_area_in_order_each_sorted_utc_first():
    groups = offered_zones(frozenset({"Europe/Paris", "America/Lima", "UTC", "US/Eastern", "America/Bogota"}))

    assert groups == [("UTC", ["UTC"]), ("America", ["America/Bogota", "America/Lima"]), ("Europe", ["Europe/Paris"])]


def test_offered_zones_leave_out_empty_areas_and_utc_when_unknown():
    assert offered_zones(frozenset({"Asia/Seoul"})) == [("Asia", ["Asia/Seoul"])]
    assert offered_zones(frozenset()) == []


def test_every_offered_zone_of_this_machine_is_in_an_area_and_none_twice():
    groups = offered_zones(KNOWN)
    names = [name for _area, names in groups for name in names]

    assert [area for area, _names in groups] == ["UTC", *AREAS]
    assert len(names) == len(set(names))
    assert {"America/Bogota", "Asia/Seoul", "Europe/Paris"} <= set(names)
    assert all(is_offered_zone(name, KNOWN) for name in names)


@pytest.mark.parametrize(
    ("chosen", "applied"),
    [
        (None, None),
        ("", None),
        (SEOUL, None),
        ("US/Eastern", None),
        ("Mars/Olympus_Mons", None),
        (BOGOTA, BOGOTA),
        ("UTC", "UTC"),
    ],
)
def test_the_readers_zone_applies_only_when_chosen_known_and_not_the_forums(chosen, applied):
    assert zone_to_apply(chosen, SEOUL, KNOWN) == applied


def test_both_clocks_compares_dates_not_times():
    late, early = datetime(2026, 5, 1, 23, 59, tzinfo=UTC), datetime(2026, 5, 2, 0, 1, tzinfo=UTC)

    assert BothClocks(late, early).day_shift == 1
    assert BothClocks(early, late).day_shift == -1
    assert BothClocks(late, late.replace(hour=0)).day_shift == 0
