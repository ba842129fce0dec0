"""A forum's times on a remote reader's clock: which zones a reader may pick, and the day each moment falls on.

Pure rules, free of Flask: the agenda pages, the session page and the readers' grid read them, and the
accounts service checks a chosen zone with them. Times stay stored in UTC; the forum's zone stays the
default; a reader's zone only changes what is shown.
"""

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

# The IANA areas whose zones are named after a place a reader lives in. The rest of the database
# (US/Eastern, EST5EDT, Etc/GMT+5, Factory, localtime) are old aliases or technical names.
AREAS = ("Africa", "America", "Antarctica", "Arctic", "Asia", "Atlantic", "Australia", "Europe", "Indian", "Pacific")
UNIVERSAL = "UTC"


def area_of(zone_name):
    """Return the area a zone name starts with ("America" for "America/Argentina/Salta")."""
    return zone_name.split("/", 1)[0]


def is_offered_zone(zone_name, known_zones):
    """Tell whether a reader may pick this zone: UTC, or a known zone named after a place in one of the areas."""
    if zone_name not in known_zones:
        return False
    return zone_name == UNIVERSAL or ("/" in zone_name and area_of(zone_name) in AREAS)


def offered_zones(known_zones):
    """Return the zones a reader may pick, grouped by area in the order of AREAS, each group sorted; UTC first."""
    groups = [(UNIVERSAL, [UNIVERSAL])] if UNIVERSAL in known_zones else []
    for area in AREAS:
        names = sorted(name for name in known_zones if area_of(name) == area and is_offered_zone(name, known_zones))
        if names:
            groups.append((area, names))
    return groups


def zone_to_apply(chosen, forum_zone, known_zones):
    """Return the reader's zone to show times in, or None to show the forum's own (nothing chosen, unknown, the same)."""
    if not chosen or chosen == forum_zone or not is_offered_zone(chosen, known_zones):
        return None
    return chosen


@dataclass(frozen=True)
class BothClocks:
    """One moment as the forum's clock and the reader's show it."""

    at_forum: datetime
    at_reader: datetime

    @property
    def day_shift(self):
        """Return how many days the reader's date is after the forum's (-1: the reader's previous day)."""
        return (self.at_reader.date() - self.at_forum.date()).days


def on_both_clocks(moment, forum_zone, reader_zone):
    """Express an aware moment in the forum's zone and in the reader's."""
    return BothClocks(moment.astimezone(ZoneInfo(forum_zone)), moment.astimezone(ZoneInfo(reader_zone)))


@dataclass(frozen=True)
class BothSpans:
    """A session's or block's start and end on both clocks."""

    starts: BothClocks
    ends: BothClocks

    @property
    def day_shift(self):
        """Return the days between the reader's and the forum's date of the start, which labels the span."""
        return self.starts.day_shift

    @property
    def ends_on_the_readers_next_day(self):
        """Tell whether the span runs past the reader's midnight, so that its end needs its own day."""
        return self.ends.at_reader.date() > self.starts.at_reader.date()


def span_on_both_clocks(starts_at, ends_at, forum_zone, reader_zone):
    """Express a start and an end in the forum's zone and in the reader's."""
    return BothSpans(
        on_both_clocks(starts_at, forum_zone, reader_zone), on_both_clocks(ends_at, forum_zone, reader_zone)
    )


def clocks_differ(moments, forum_zone, reader_zone):
    """Tell whether the reader's clock shows any of these moments at another wall-clock time than the forum's."""
    return any(
        clocks.at_forum.utcoffset() != clocks.at_reader.utcoffset()
        for clocks in (on_both_clocks(moment, forum_zone, reader_zone) for moment in moments)
    )
