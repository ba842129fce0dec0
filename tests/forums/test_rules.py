"""A forum's own rules, without an app: its web address name, its days and how long it may last."""

from datetime import date, timedelta
from itertools import pairwise

import pytest

from workshop.forums.rules import MAX_FORUM_DAYS, days_between, is_slug, is_too_long

FIRST = date(2011, 9, 26)


# --- The web address name ---------------------------------------------------------------------


@pytest.mark.parametrize("text", ["bogota-2011", "a", "7", "2011", "south-south-cooperation", "a--b", "bogota-"])
def test_lower_case_letters_digits_and_hyphens_make_a_slug(text):
    assert is_slug(text) is True


@pytest.mark.parametrize(
    "text",
    [
        "",
        "-bogota",
        "-",
        "Bogota-2011",
        "bogotA",
        "bogotá",
        "forum_2011",
        "bogota 2011",
        " bogota",
        "bogota/2011",
        "١٢",
        "ｂｏｇｏｔａ",
        "bogota\n",
        "bogota\nother",
    ],
)
def test_anything_else_is_not_a_slug(text):
    assert is_slug(text) is False


# --- The forum's days -------------------------------------------------------------------------


def test_a_forum_of_one_day_has_that_day():
    assert days_between(FIRST, FIRST) == [FIRST]


def test_a_forum_of_two_days_has_both_in_order():
    assert days_between(FIRST, date(2011, 9, 27)) == [FIRST, date(2011, 9, 27)]


def test_the_days_run_across_the_end_of_a_month_and_a_year():
    assert days_between(date(2011, 12, 30), date(2012, 1, 2)) == [
        date(2011, 12, 30),
        date(2011, 12, 31),
        date(2012, 1, 1),
        date(2012, 1, 2),
    ]


def test_a_last_day_before_the_first_gives_no_days():
    assert days_between(FIRST, FIRST - timedelta(days=1)) == []


def test_the_longest_forum_has_every_one_of_its_days():
    last = FIRST + timedelta(days=MAX_FORUM_DAYS - 1)

    days = days_between(FIRST, last)

    assert (len(days), days[0], days[-1]) == (MAX_FORUM_DAYS, FIRST, last)
    assert all(later - earlier == timedelta(days=1) for earlier, later in pairwise(days))


# --- How long a forum may last ----------------------------------------------------------------


def test_a_forum_lasts_at_most_a_month():
    assert MAX_FORUM_DAYS == 31


@pytest.mark.parametrize(
    ("days", "too_long"),
    [(1, False), (2, False), (MAX_FORUM_DAYS - 1, False), (MAX_FORUM_DAYS, False), (MAX_FORUM_DAYS + 1, True)],
)
def test_a_forum_of_so_many_days_counting_both_ends_may_or_may_not_be(days, too_long):
    assert is_too_long(FIRST, FIRST + timedelta(days=days - 1)) is too_long


def test_a_typo_in_the_year_is_far_too_long():
    assert is_too_long(date(2011, 9, 26), date(2111, 9, 28)) is True


def test_a_last_day_before_the_first_is_not_too_long():
    # The forms and the services refuse it for what it is: a last day before the first.
    assert is_too_long(FIRST, FIRST - timedelta(days=40)) is False
