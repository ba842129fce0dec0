"""iCalendar feeds of published agendas: a whole forum, a track, a room, one session, one person.

Plain functions from a typed snapshot (publishing.release_view) to bytes. Every event carries a stable UID, the sequence and
last-modified time the release stamped on its session (its DTSTAMP too, as RFC 5545 allows for a
published calendar), and times in the forum's own zone with a VTIMEZONE, so that subscribed
calendars follow moves, renames and cancellations.

A release changes a few sessions at a time, so each event's text is kept in an `EventCache` keyed
by everything it is written from (the session or item and its change stamp, the forum's words, the
language, the link base) and a feed is mostly joined from cached texts. icalendar writes the
calendar and its time zones; the events are written here with icalendar's escaping and folding
rules (tests/exports/test_ical.py holds them equal to icalendar's own serialisation), because its
object model took half of a 400-session feed's time.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

from flask import current_app
from icalendar import Calendar, Timezone, vDatetime, vDuration, vText

from workshop.core.recent import RecentlyUsed
from workshop.exports.links import ExportLinks
from workshop.exports.wording import (
    Wording,
    item_line,
    item_text,
    language,
    location_line,
    roles_of,
    session_heading,
)
from workshop.publishing.layout import PLENARY, has_part_in, restricted_group_id
from workshop.publishing.release_view import Snapshot
from workshop.registration.rules import NO_SELECTION, in_personal_agenda

PRODUCT_ID = "-//Workshop//Forum agenda//EN"
# Subscribed calendars poll this often; conditional GET keeps the polls cheap.
REFRESH_INTERVAL = timedelta(hours=1)


def keep_all(entry):
    return True


def keep_none(entry):
    return False


@dataclass(frozen=True)
class FeedPart:
    """One forum's published snapshot and which of its sessions and loose items go into a feed."""

    snapshot: Snapshot
    keep_session: Callable[[object], bool] = keep_all
    keep_item: Callable[[object], bool] = keep_none


def whole_agenda(snapshot):
    """Select every session and every loose item of the agenda."""
    return FeedPart(snapshot, keep_all, keep_all)


def track_agenda(snapshot, track_id):
    """Select the sessions of one track."""
    return FeedPart(snapshot, lambda session: session.track_id == track_id)


def room_agenda(snapshot, room_id):
    """Select the sessions held in one room, and the loose items announced for it."""
    names = [room.name for room in snapshot.rooms if room.id == room_id]
    return FeedPart(
        snapshot,
        lambda session: session.room_id == room_id,
        lambda item: bool(names) and item.room == names[0],
    )


def single_session(snapshot, session_id):
    """Select one session, for an "Add to calendar" file."""
    return FeedPart(snapshot, lambda session: session.id == session_id)


def person_agenda(snapshot, person_id, selection=NO_SELECTION):
    """Select one person's agenda: what they have a part in, the plenaries, and the sessions they chose."""
    return FeedPart(
        snapshot,
        lambda session: in_person_agenda(session, person_id, selection),
        lambda item: item.speaker is not None and item.speaker.id == person_id,
    )


def in_person_agenda(session, person_id, selection):
    """Tell whether a published session belongs in a person's agenda (registration's rule, on snapshot data)."""
    return in_personal_agenda(
        session.id,
        session.format == PLENARY,
        restricted_group_id(session),
        has_part_in(session, person_id),
        selection,
    )


class EventCache(RecentlyUsed):
    """The serialised text of recent events, least recently used dropped first; safe across threads."""

    def __init__(self, max_events=4000):
        super().__init__(max_events)

    # text(key, write): the text stored under `key`, written with `write()` and stored the first time.
    text = RecentlyUsed.get_or_make


def app_event_cache():
    """Return this process's event cache, kept on the app: the queue worker's rebuilds and web feeds share it."""
    return current_app.extensions.setdefault("workshop.feed_events", EventCache())


def calendar_bytes(calendar_name, parts, links: ExportLinks, cache=None):
    """Return an iCalendar file holding the selected events of every part, with their time zones.

    Without a `cache` every event is written afresh.
    """
    cache = EventCache() if cache is None else cache
    writer = _EventWriter(links, cache)
    events, zones = [], set()
    for part in parts:
        written = list(writer.part_events(part))
        if written:
            zones.add(part.snapshot.forum.timezone)
        events += written
    calendar = _calendar_head(calendar_name, {part.snapshot.forum.timezone for part in parts})
    timezones = [_timezone_text(zone) for zone in sorted(zones) if not _is_utc(zone)]
    return b"".join([calendar.removesuffix(CALENDAR_END), *timezones, "".join(events).encode(), CALENDAR_END])


CALENDAR_END = b"END:VCALENDAR\r\n"


def _calendar_head(calendar_name, zones):
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    # icalendar does not escape NAME (it takes it for a parameter-like value), so fold it first.
    calendar.add("name", vText(_one_line(calendar_name)))
    calendar.add("x-wr-calname", vText(_one_line(calendar_name)))
    calendar.add("refresh-interval", REFRESH_INTERVAL, parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", vDuration(REFRESH_INTERVAL))
    if len(zones) == 1:
        calendar.add("x-wr-timezone", next(iter(zones)))
    return calendar.to_ical()


@lru_cache(maxsize=64)
def _timezone_text(zone_name):
    """Return a zone's VTIMEZONE as icalendar writes it; it depends on the zone alone, so write it once."""
    return Timezone.from_tzid(zone_name).to_ical()


@lru_cache(maxsize=64)
def _is_utc(zone_name):
    """Tell whether icalendar writes this zone's times in UTC ("Z", no VTIMEZONE), as it does for UTC and Etc/UTC."""
    return "TZID" not in vDatetime(datetime(2000, 1, 1, tzinfo=ZoneInfo(zone_name))).params


class _EventWriter:
    """Write the events of one feed in one language, each through the cache."""

    def __init__(self, links, cache):
        self.links = links
        self.cache = cache
        self.words = Wording()
        self.language = language()

    def part_events(self, part):
        snapshot = part.snapshot
        forum = _ForumWords(snapshot.forum)
        for sessions, cancelled in ((snapshot.sessions, False), (snapshot.cancelled, True)):
            for session in sessions.values():
                if part.keep_session(session):
                    yield self._cached("session", session, forum, cancelled, self.session_event)
        for items, cancelled in ((snapshot.loose_items(), False), (snapshot.cancelled_items, True)):
            for item in items.values():
                if part.keep_item(item):
                    yield self._cached("item", item, forum, cancelled, self.item_event)

    def _cached(self, kind, entry, forum, cancelled, write):
        """Return an event's text; everything it is written from is in the key, its content by its change stamp."""
        key = (
            kind,
            entry.id,
            entry.sequence,
            entry.last_modified,
            cancelled,
            forum.key,
            self.language,
            self.links.address,
            self.links.uid_host,
        )
        return self.cache.text(key, lambda: write(entry, forum, cancelled))

    def session_event(self, session, forum, cancelled):
        categories = [self.words.label(session.format, "session_format")]
        if session.track:
            categories.append(session.track)
        return _event_text(
            summary=session_heading(session, self.words),
            times=_times(session, forum, f"workshop-session-{session.id}@{self.links.uid_host}"),
            categories=",".join(_escaped(_one_line(category)) for category in categories),
            description=session_description(session, forum.data, self.links, self.words),
            location=location_line(session.room, forum.data),
            cancelled=cancelled,
            url=self.links.session_url(forum.data.slug, session.id),
        )

    def item_event(self, item, forum, cancelled):
        return _event_text(
            summary=item_text(item, self.words),
            times=_times(item, forum, f"workshop-item-{item.id}@{self.links.uid_host}"),
            categories=None,
            description=forum.data.title,
            location=location_line(item.room, forum.data),
            cancelled=cancelled,
            url=None,
        )


class _ForumWords:
    """What an event says of its forum, and the part of the cache key that stands for it."""

    def __init__(self, forum):
        self.data = forum
        self.zone = forum.zone
        self.zone_parameter = "" if _is_utc(forum.timezone) else f";TZID={forum.timezone}"
        self.key = (forum.slug, forum.title, forum.venue, forum.city, forum.timezone)


def _times(entry, forum, uid):
    """Return the lines from DTSTART to SEQUENCE, in icalendar's order: times, stamp, identity, revision."""
    stamp = _utc_stamp(entry.last_modified)
    return [
        f"DTSTART{forum.zone_parameter}:{_local_time(entry.starts_at, forum)}",
        f"DTEND{forum.zone_parameter}:{_local_time(entry.ends_at, forum)}",
        f"DTSTAMP:{stamp}",
        f"UID:{_escaped(uid)}",
        f"SEQUENCE:{entry.sequence}",
    ]


def _local_time(moment, forum):
    return moment.astimezone(forum.zone).strftime("%Y%m%dT%H%M%SZ" if not forum.zone_parameter else "%Y%m%dT%H%M%S")


def _utc_stamp(moment):
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def _event_text(summary, times, categories, description, location, cancelled, url):
    """Write a VEVENT with its properties in the order icalendar writes them."""
    stamp = times[2].removeprefix("DTSTAMP:")
    lines = ["BEGIN:VEVENT", f"SUMMARY:{_escaped(_one_line(summary))}", *times]
    if categories is not None:
        lines.append(f"CATEGORIES:{categories}")
    lines += [
        f"DESCRIPTION:{_escaped(description)}",
        f"LAST-MODIFIED:{stamp}",
        f"LOCATION:{_escaped(_one_line(location))}",
        f"STATUS:{'CANCELLED' if cancelled else 'CONFIRMED'}",
    ]
    if url is not None:
        lines.append(f"URL:{url}")
    lines.append("END:VEVENT")
    return "".join(_folded(line) + "\r\n" for line in lines)


def _escaped(text):
    """Escape a TEXT value by RFC 5545's rules, the way icalendar does."""
    return (
        text.replace("\\N", "\n")
        .replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "\\n")
    )


FOLD_OCTETS = 74


def _folded(line):
    """Fold a content line under 75 octets as icalendar does, never inside a character or after a lone escape."""
    if len(line) <= FOLD_OCTETS and line.isascii():
        return line
    data = line.encode()
    pieces, start = [], 0
    while len(data) - start > FOLD_OCTETS:
        cut = start + FOLD_OCTETS
        while data[cut] & 0xC0 == 0x80:  # a UTF-8 continuation byte: the character began before the cut
            cut -= 1
        if cut - start > 1 and data[cut - 1] in b"\\^":
            cut -= 1
        pieces.append(data[start:cut])
        start = cut
    pieces.append(data[start:])
    return b"\r\n ".join(pieces).decode()


def session_description(session, forum, links, words=None):
    """Return the plain-text body of a session's event: what happens, who leads it, what to read."""
    words = words or Wording()
    lines = [session_heading(session, words), forum.title]
    details = [words.label(session.format, "session_format")]
    if session.track:
        details.append(session.track)
    lines.append(" · ".join(details))
    for role, people in roles_of(session, words):
        lines.append(
            words.gettext("%(role)s: %(people)s", role=role, people=", ".join(person.name for person in people))
        )
    if session.items:
        lines += ["", words.gettext("Programme")] + [f"- {item_line(item, words)}" for item in session.items]
    if session.documents:
        lines += ["", words.gettext("Draft documents for discussion")]
        lines += [
            f"- {document.title}: {links.document_url(forum.slug, document.id)}" for document in session.documents
        ]
    lines += ["", links.session_url(forum.slug, session.id)]
    # One line per entry: stray line breaks inside a title would make the list unreadable.
    return "\n".join(_one_line(line) for line in lines)


def _one_line(text):
    """Fold any line breaks in a user-written text into spaces; escaping is this module's job."""
    return " ".join(str(text).split())
