"""The site's front page as a rule: forums found by title, city and year, upcoming ones first, then past ones.

Pure: forums come in as any objects with `title`, `city`, `start_date` and `end_date`, with each
forum's own today (forums run in their own time zones); no Flask, tested without an app.
"""

import unicodedata
from dataclasses import dataclass
from datetime import date
from enum import Enum


class Timing(Enum):
    UPCOMING = "upcoming"
    UNDER_WAY = "under_way"
    PAST = "past"


@dataclass(frozen=True)
class ListedForum:
    forum: object
    timing: Timing


@dataclass(frozen=True)
class FrontPage:
    upcoming: tuple[ListedForum, ...]
    past: tuple[ListedForum, ...]


def timing_of(start: date, end: date, today: date) -> Timing:
    """Say whether a forum is ahead, under way (its last day included) or over, on its own today."""
    if today < start:
        return Timing.UPCOMING
    if today <= end:
        return Timing.UNDER_WAY
    return Timing.PAST


def fold(text):
    """Lower-case without accents, so that "bogota" finds Bogotá."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    return "".join(character for character in decomposed if not unicodedata.combining(character)).casefold()


def matches(forum, query):
    """Return whether every word of the query names the forum's year, or appears in its title or city."""
    words = fold(query).split()
    haystack = f"{fold(forum.title)} {fold(forum.city)}"
    years = {str(year) for year in range(forum.start_date.year, forum.end_date.year + 1)}
    return all(word in years if word.isdigit() and len(word) == 4 else word in haystack for word in words)


def arrange_front_page(forums, today_of, query="") -> FrontPage:
    """Keep the forums the query finds; upcoming and under way soonest first, then past ones latest first."""
    found = [
        ListedForum(forum, timing_of(forum.start_date, forum.end_date, today_of(forum)))
        for forum in forums
        if matches(forum, query)
    ]
    ahead = sorted(
        (listed for listed in found if listed.timing is not Timing.PAST),
        key=lambda listed: (listed.forum.start_date, listed.forum.title),
    )
    past = sorted(
        (listed for listed in found if listed.timing is Timing.PAST),
        key=lambda listed: (-listed.forum.end_date.toordinal(), listed.forum.title),
    )
    return FrontPage(upcoming=tuple(ahead), past=tuple(past))
