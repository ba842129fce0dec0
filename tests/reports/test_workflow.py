"""The report workflow, its deadline, reminders and counts, pinned without an app."""

from datetime import date

import pytest

from workshop.reports.workflow import (
    Action,
    CountProblem,
    Part,
    ParticipantCounts,
    ReportStatus,
    allowed_actions,
    completed,
    count_problems,
    days_left,
    default_deadline,
    hidden_in_public,
    is_outstanding,
    is_published,
    may,
    may_ever,
    needs_reminder,
    next_status,
    parts_sum,
)

DRAFT, SUBMITTED, RETURNED, APPROVED = ReportStatus
RAPPORTEUR, SECRETARIAT, FACILITATOR = (frozenset({part}) for part in Part)


@pytest.mark.parametrize(
    ("parts", "status", "expected"),
    [
        (RAPPORTEUR, DRAFT, [Action.READ, Action.EDIT, Action.SUBMIT, Action.COMMENT]),
        (RAPPORTEUR, SUBMITTED, [Action.READ, Action.COMMENT]),
        (RAPPORTEUR, RETURNED, [Action.READ, Action.EDIT, Action.SUBMIT, Action.COMMENT]),
        (RAPPORTEUR, APPROVED, [Action.READ, Action.REOPEN, Action.COMMENT]),
        (SECRETARIAT, DRAFT, [Action.READ, Action.EDIT, Action.SUBMIT, Action.COMMENT]),
        (SECRETARIAT, SUBMITTED, [Action.READ, Action.EDIT, Action.RETURN, Action.APPROVE, Action.COMMENT]),
        (SECRETARIAT, RETURNED, [Action.READ, Action.EDIT, Action.SUBMIT, Action.COMMENT]),
        (SECRETARIAT, APPROVED, [Action.READ, Action.REOPEN, Action.COMMENT, Action.PUBLISH]),
        (FACILITATOR, DRAFT, [Action.READ, Action.COMMENT]),
        (FACILITATOR, APPROVED, [Action.READ, Action.COMMENT]),
        (frozenset(), DRAFT, []),
        (frozenset(), APPROVED, []),
    ],
)
def test_each_part_may_do_what_the_status_allows(parts, status, expected):
    assert allowed_actions(parts, status) == expected


def test_parts_add_up():
    assert may(FACILITATOR | RAPPORTEUR, Action.EDIT, DRAFT)
    assert not may(FACILITATOR, Action.EDIT, DRAFT)


def test_may_ever_tells_whether_a_page_is_someones_to_use():
    assert may_ever(RAPPORTEUR, Action.SUBMIT)
    assert not may_ever(RAPPORTEUR, Action.APPROVE)
    assert may_ever(SECRETARIAT, Action.APPROVE)
    assert not may_ever(FACILITATOR, Action.EDIT)
    assert may_ever(FACILITATOR, Action.COMMENT)


@pytest.mark.parametrize(
    ("action", "status", "expected"),
    [
        (Action.SUBMIT, DRAFT, SUBMITTED),
        (Action.SUBMIT, RETURNED, SUBMITTED),
        (Action.RETURN, SUBMITTED, RETURNED),
        (Action.APPROVE, SUBMITTED, APPROVED),
        (Action.REOPEN, APPROVED, DRAFT),
        (Action.EDIT, RETURNED, RETURNED),
        (Action.COMMENT, APPROVED, APPROVED),
    ],
)
def test_each_step_takes_the_report_to_its_next_status(action, status, expected):
    assert next_status(action, status) == expected


def test_reports_are_due_two_weeks_after_the_forum():
    assert default_deadline(date(2011, 9, 28)) == date(2011, 10, 12)


def test_days_left_count_down_to_zero_then_below():
    deadline = date(2011, 10, 12)
    assert days_left(deadline, date(2011, 10, 9)) == 3
    assert days_left(deadline, deadline) == 0
    assert days_left(deadline, date(2011, 10, 13)) == -1


@pytest.mark.parametrize(
    ("status", "outstanding"), [(None, True), (DRAFT, True), (RETURNED, True), (SUBMITTED, False), (APPROVED, False)]
)
def test_a_report_is_outstanding_until_it_is_in(status, outstanding):
    assert is_outstanding(status) is outstanding


DEADLINE = date(2011, 10, 12)


@pytest.mark.parametrize(
    ("status", "today", "reminded_on", "expected"),
    [
        (None, date(2011, 10, 8), None, False),  # four days before: too early
        (None, date(2011, 10, 9), None, True),  # three days before
        (DRAFT, date(2011, 10, 9), None, True),
        (RETURNED, date(2011, 10, 11), None, True),
        (SUBMITTED, date(2011, 10, 9), None, False),
        (APPROVED, date(2011, 10, 20), None, False),
        (None, date(2011, 10, 10), date(2011, 10, 9), False),  # reminded in the window already
        (None, date(2011, 10, 10), date(2011, 10, 8), True),  # reminded before the window opened
        (None, DEADLINE, date(2011, 10, 9), False),
        (None, date(2011, 10, 15), date(2011, 10, 9), False),  # late: six days since the last
        (None, date(2011, 10, 16), date(2011, 10, 9), True),  # late: a week since the last
        (None, date(2011, 10, 13), None, True),  # late, never reminded
        (None, date(2011, 11, 9), None, True),  # four weeks late: the last day reminders go out
        (None, date(2011, 11, 10), None, False),  # past that, the secretariat chases in person
    ],
)
def test_reminders_go_out_shortly_before_the_deadline_then_weekly(status, today, reminded_on, expected):
    assert needs_reminder(status, DEADLINE, today, reminded_on) is expected


@pytest.mark.parametrize(
    ("counts", "problems"),
    [
        (ParticipantCounts(11, 9, None, 20), {}),
        (ParticipantCounts(11, 9, 1, 20), {"total": CountProblem.PARTS_EXCEED_TOTAL}),
        (ParticipantCounts(11, 9, 0, 21), {}),
        (ParticipantCounts(-1, 9, None, 20), {"women": CountProblem.NEGATIVE}),
        (ParticipantCounts(1, -1, -2, -3), {name: CountProblem.NEGATIVE for name in ("men", "other", "total")}),
        (ParticipantCounts(0, 0, None, 0), {}),
        (ParticipantCounts(None, None, None, None), {}),
        (ParticipantCounts(30, None, None, None), {}),
    ],
)
def test_counts_are_never_negative_and_never_exceed_the_total(counts, problems):
    assert count_problems(counts) == problems


def test_the_parts_add_up_with_missing_ones_as_none():
    assert parts_sum(ParticipantCounts(11, None, 2, None)) == 13


def test_an_empty_total_is_filled_from_its_parts_and_a_given_one_is_kept():
    assert completed(ParticipantCounts(11, 9, None, None)) == ParticipantCounts(11, 9, None, 20)
    assert completed(ParticipantCounts(11, 9, None, 25)) == ParticipantCounts(11, 9, None, 25)
    assert completed(ParticipantCounts(None, None, None, None)) == ParticipantCounts(None, None, None, None)
    assert completed(ParticipantCounts(None, None, 0, None)) == ParticipantCounts(None, None, 0, 0)


@pytest.mark.parametrize(
    ("counts", "hidden"),
    [
        # The seed: nothing under five.
        (ParticipantCounts(11, 9, None, 20), set()),
        # Five is shown, four is not, on each part and on the total.
        (ParticipantCounts(5, 5, 5, 15), set()),
        (ParticipantCounts(4, 5, 5, 14), {"women", "total"}),
        (ParticipantCounts(5, 4, 5, 14), {"men", "total"}),
        (ParticipantCounts(5, 5, 4, 14), {"other", "total"}),
        (ParticipantCounts(None, None, None, 4), {"total"}),
        (ParticipantCounts(None, None, None, 5), set()),
        # Two parts hidden: the total no longer betrays either.
        (ParticipantCounts(4, 3, 9, 16), {"women", "men"}),
        (ParticipantCounts(4, 3, 1, 8), {"women", "men", "other"}),
        # None counted: nothing to hide; a zero is a count under five.
        (ParticipantCounts(None, None, None, None), set()),
        (ParticipantCounts(11, 9, 0, 20), {"other", "total"}),
        # One part hidden but no total given: nothing more to hide.
        (ParticipantCounts(4, 9, None, None), {"women"}),
    ],
)
def test_counts_under_five_are_hidden_in_public_with_a_total_that_would_give_one_away(counts, hidden):
    assert hidden_in_public(counts) == hidden


@pytest.mark.parametrize(
    ("status", "this_report", "every_report", "published"),
    [
        (APPROVED, True, False, True),
        (APPROVED, False, True, True),
        (APPROVED, True, True, True),
        (APPROVED, False, False, False),
        *((status, True, True, False) for status in (DRAFT, SUBMITTED, RETURNED)),
    ],
)
def test_only_approved_reports_the_secretariat_picked_are_published(status, this_report, every_report, published):
    assert is_published(status, this_report, every_report) is published
