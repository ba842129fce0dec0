"""What a forum's dates may be, free of Flask: a forum lasts days, not years.

A typo in a year (2111 for 2011) once made a forum of 36,527 days that no page could show and no
request could shrink again in time; the bound keeps a typo a clear error at the field.
"""

from datetime import date, timedelta

MAX_FORUM_DAYS = 31


def days_between(first: date, last: date) -> list[date]:
    """Return every date from `first` to `last`, both included."""
    return [first + timedelta(days=offset) for offset in range((last - first).days + 1)]


def is_too_long(first: date, last: date) -> bool:
    """Tell whether a forum from `first` to `last` would last longer than a forum can."""
    return (last - first).days + 1 > MAX_FORUM_DAYS
