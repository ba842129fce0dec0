"""The front page as a rule: what a search finds, and upcoming forums before past ones."""

from dataclasses import dataclass
from datetime import date

import pytest

from workshop.forums.listing import Timing, arrange_front_page, matches, timing_of


@dataclass(frozen=True)
class Forum:
    title: str
    city: str
    start_date: date
    end_date: date


BOGOTA = Forum("Learning from South-South Cooperation", "Bogotá", date(2011, 9, 26), date(2011, 9, 28))
BUSAN = Forum("Aid Effectiveness", "Busan", date(2011, 11, 29), date(2011, 12, 1))
ADDIS = Forum("Financing for Development", "Addis Ababa", date(2031, 7, 13), date(2031, 7, 16))
NAIROBI = Forum("Effective Development Co-operation", "Nairobi", date(2031, 3, 1), date(2031, 3, 2))
NEW_YEAR = Forum("Year's turn", "Quito", date(2030, 12, 30), date(2031, 1, 2))
TODAY = date(2026, 11, 30)


def today(forum):
    return TODAY


def titles(listed):
    return [entry.forum.title for entry in listed]


@pytest.mark.parametrize(
    ("today_", "expected"),
    [
        (date(2031, 7, 12), Timing.UPCOMING),
        (date(2031, 7, 13), Timing.UNDER_WAY),
        (date(2031, 7, 16), Timing.UNDER_WAY),
        (date(2031, 7, 17), Timing.PAST),
    ],
)
def test_a_forum_is_upcoming_until_its_first_day_and_past_after_its_last(today_, expected):
    assert timing_of(ADDIS.start_date, ADDIS.end_date, today_) is expected


def test_upcoming_forums_come_soonest_first_then_past_ones_latest_first():
    page = arrange_front_page([BOGOTA, ADDIS, BUSAN, NAIROBI], today)

    assert titles(page.upcoming) == ["Effective Development Co-operation", "Financing for Development"]
    assert titles(page.past) == ["Aid Effectiveness", "Learning from South-South Cooperation"]
    assert {entry.timing for entry in page.upcoming} == {Timing.UPCOMING}
    assert {entry.timing for entry in page.past} == {Timing.PAST}


def test_a_forum_under_way_is_listed_with_the_upcoming_ones_first_of_all():
    page = arrange_front_page([ADDIS, NAIROBI], lambda forum: date(2031, 3, 2))

    assert [(entry.forum.title, entry.timing) for entry in page.upcoming] == [
        ("Effective Development Co-operation", Timing.UNDER_WAY),
        ("Financing for Development", Timing.UPCOMING),
    ]
    assert page.past == ()


def test_each_forum_is_timed_on_its_own_today():
    page = arrange_front_page([BOGOTA, ADDIS], lambda forum: date(2011, 9, 29) if forum is BOGOTA else date(2031, 1, 1))

    assert (titles(page.upcoming), titles(page.past)) == (
        ["Financing for Development"],
        ["Learning from South-South Cooperation"],
    )


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("", True),
        ("bogota", True),
        ("BOGOTÁ", True),
        ("south cooperation", True),
        ("south nairobi", False),
        ("2011", True),
        ("2012", False),
        ("2011 bogotá", True),
        ("2010 bogotá", False),
        ("201", False),
        ("learning", True),
        ("teaching", False),
    ],
)
def test_a_search_finds_a_forum_by_every_word_in_its_title_city_or_year(query, found):
    assert matches(BOGOTA, query) is found


def test_a_forum_across_new_year_is_found_under_both_years_and_not_the_next():
    assert (matches(NEW_YEAR, "2030"), matches(NEW_YEAR, "2031"), matches(NEW_YEAR, "2032")) == (True, True, False)


def test_a_number_that_is_not_a_year_is_searched_in_the_title():
    forum = Forum("G20 Development Working Group", "Paris", date(2011, 10, 1), date(2011, 10, 1))

    assert (matches(forum, "g20"), matches(forum, "20"), matches(forum, "21")) == (True, True, False)


def test_the_search_keeps_only_what_it_finds_in_both_lists():
    page = arrange_front_page([BOGOTA, BUSAN, ADDIS], today, "2011")

    assert (titles(page.upcoming), titles(page.past)) == (
        [],
        ["Aid Effectiveness", "Learning from South-South Cooperation"],
    )


def test_past_forums_ending_the_same_day_come_in_title_order():
    twin = Forum("A twin forum", "Lima", date(2011, 9, 27), date(2011, 9, 28))

    assert titles(arrange_front_page([BOGOTA, twin], today).past) == [
        "A twin forum",
        "Learning from South-South Cooperation",
    ]
