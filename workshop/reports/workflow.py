"""The life of a session report, free of Flask: its states, who may do what in each, its deadline and its counts.

A report is written by the session's rapporteur, submitted to the secretariat, returned with
comments or approved. An approved report is locked: a correction reopens it as a draft that needs
approval again. The session's facilitators read and comment. The services, the views, the board
and the reminders all ask this module; none of them restates a rule.
"""

import enum
from dataclasses import dataclass
from datetime import date, timedelta

from workshop.desk.rules import public_count

# The Internet Governance Forum's rule: reports are due two weeks after the forum's last day.
DEFAULT_DAYS_AFTER_FORUM = 14
# A reminder leaves this many days before the deadline (and on any later day until the report is in).
REMINDER_DAYS_BEFORE = 3
# Reminders stop this many days after the deadline: by then the secretariat chases in person.
REMINDERS_STOP_AFTER_DAYS = 28


class ReportStatus(enum.Enum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    RETURNED = "returned"
    APPROVED = "approved"


class Action(enum.Enum):
    READ = "read"
    EDIT = "edit"
    SUBMIT = "submit"
    RETURN = "return"
    APPROVE = "approve"
    REOPEN = "reopen"
    COMMENT = "comment"
    PUBLISH = "publish"


class Part(enum.Enum):
    """The part a person plays in a session's report."""

    RAPPORTEUR = "rapporteur"
    SECRETARIAT = "secretariat"
    FACILITATOR = "facilitator"


_WRITABLE = frozenset({ReportStatus.DRAFT, ReportStatus.RETURNED})
_EVERY_STATUS = frozenset(ReportStatus)

# For each part: the statuses in which it may take each action. A status absent from a row means no.
_ALLOWED = {
    Part.RAPPORTEUR: {
        Action.READ: _EVERY_STATUS,
        Action.COMMENT: _EVERY_STATUS,
        Action.EDIT: _WRITABLE,
        Action.SUBMIT: _WRITABLE,
        Action.REOPEN: frozenset({ReportStatus.APPROVED}),
    },
    Part.SECRETARIAT: {
        Action.READ: _EVERY_STATUS,
        Action.COMMENT: _EVERY_STATUS,
        Action.EDIT: _WRITABLE | {ReportStatus.SUBMITTED},
        Action.SUBMIT: _WRITABLE,
        Action.RETURN: frozenset({ReportStatus.SUBMITTED}),
        Action.APPROVE: frozenset({ReportStatus.SUBMITTED}),
        Action.REOPEN: frozenset({ReportStatus.APPROVED}),
        # Showing an approved report on the public session page, or taking it off.
        Action.PUBLISH: frozenset({ReportStatus.APPROVED}),
    },
    Part.FACILITATOR: {
        Action.READ: _EVERY_STATUS,
        Action.COMMENT: _EVERY_STATUS,
    },
}

# Where each action takes the report; actions missing here leave the status as it is.
_NEXT_STATUS = {
    Action.SUBMIT: ReportStatus.SUBMITTED,
    Action.RETURN: ReportStatus.RETURNED,
    Action.APPROVE: ReportStatus.APPROVED,
    Action.REOPEN: ReportStatus.DRAFT,
}


def may(parts, action, status):
    """Tell whether someone playing `parts` may take `action` on a report in `status` (DRAFT before one exists)."""
    return any(status in _ALLOWED[part].get(action, ()) for part in parts)


def may_ever(parts, action):
    """Tell whether someone playing `parts` may take `action` on a report in some status: the page is theirs to use."""
    return any(may(parts, action, status) for status in ReportStatus)


def allowed_actions(parts, status):
    """Return the actions someone playing `parts` may take on a report in `status`, in the order of `Action`."""
    return [action for action in Action if may(parts, action, status)]


def next_status(action, status):
    """Return the status a report takes after `action`."""
    return _NEXT_STATUS.get(action, status)


def default_deadline(last_day: date) -> date:
    """Return the day reports are due when the secretariat has set none: two weeks after the forum's last day."""
    return last_day + timedelta(days=DEFAULT_DAYS_AFTER_FORUM)


def days_left(deadline: date, today: date) -> int:
    """Return the days until the deadline: 0 on the day itself, negative once it has passed."""
    return (deadline - today).days


def is_outstanding(status: ReportStatus | None) -> bool:
    """Tell whether the secretariat still waits for the rapporteur: no report, a draft, or one returned."""
    return status is None or status in _WRITABLE


def needs_reminder(status: ReportStatus | None, deadline: date, today: date, reminded_on: date | None) -> bool:
    """Tell whether the rapporteur should be reminded today: outstanding, close to (or past) the deadline, not yet today.

    Once the deadline has passed, one goes out a week after the last, until REMINDERS_STOP_AFTER_DAYS.
    """
    left = days_left(deadline, today)
    if not is_outstanding(status) or left > REMINDER_DAYS_BEFORE or left < -REMINDERS_STOP_AFTER_DAYS:
        return False
    if reminded_on is None:
        return True
    if today <= deadline:
        return reminded_on < deadline - timedelta(days=REMINDER_DAYS_BEFORE)
    return (today - reminded_on).days >= 7


@dataclass(frozen=True)
class ParticipantCounts:
    """How many took part in a session, by gender; `other` is None where the form offered no other option."""

    women: int | None
    men: int | None
    other: int | None
    total: int | None


class CountProblem(enum.Enum):
    NEGATIVE = "negative"
    PARTS_EXCEED_TOTAL = "parts_exceed_total"


def count_problems(counts: ParticipantCounts) -> dict[str, CountProblem]:
    """Return, by field name, what is wrong with the counts: a negative number, or parts that add up to more than the total."""
    problems = {
        name: CountProblem.NEGATIVE
        for name in ("women", "men", "other", "total")
        if getattr(counts, name) is not None and getattr(counts, name) < 0
    }
    if not problems and counts.total is not None and parts_sum(counts) > counts.total:
        problems["total"] = CountProblem.PARTS_EXCEED_TOTAL
    return problems


def parts_sum(counts: ParticipantCounts) -> int:
    """Return women + men + other, counting the ones not given as none."""
    return sum(value or 0 for value in (counts.women, counts.men, counts.other))


def completed(counts: ParticipantCounts) -> ParticipantCounts:
    """Return the counts with the total filled in from its parts when it was left empty."""
    if counts.total is not None or all(value is None for value in (counts.women, counts.men, counts.other)):
        return counts
    return ParticipantCounts(counts.women, counts.men, counts.other, parts_sum(counts))


def is_published(status: ReportStatus, chosen_for_this_report: bool, chosen_for_every_report: bool) -> bool:
    """Tell whether a report shows on the public session page: approved, and picked alone or with all of its forum's."""
    return status == ReportStatus.APPROVED and (chosen_for_this_report or chosen_for_every_report)


def hidden_in_public(counts: ParticipantCounts) -> frozenset[str]:
    """Return the counts a public page must not show: each under SMALLEST_PUBLIC_COUNT, and the total if it betrays one.

    With a single part hidden, the total minus the parts shown would give it away, so the total goes too.
    """
    hidden = {
        name
        for name in ("women", "men", "other", "total")
        if getattr(counts, name) is not None and public_count(getattr(counts, name)) is None
    }
    if counts.total is not None and len(hidden - {"total"}) == 1:
        hidden.add("total")
    return frozenset(hidden)
