"""iCalendar feeds of published agendas: a whole forum, a track, a room, one session, one person.

Plain functions from snapshot data to bytes. Every event carries a stable UID, the sequence and
last-modified time the release stamped on its session, and times in the forum's own zone with a
VTIMEZONE, so that subscribed calendars follow moves, renames and cancellations.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from flask_babel import gettext as _
from icalendar import Calendar, Event, vDuration, vText

from workshop.core.labels import label
from workshop.exports.links import ExportLinks
from workshop.exports.wording import item_line, item_text, location_line, roles_of, session_heading
from workshop.publishing.layout import PLENARY, has_part_in, restricted_group_id
from workshop.publishing.snapshot import loose_items_by_id
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

    snapshot: dict
    published_at: datetime
    keep_session: Callable[[dict], bool] = keep_all
    keep_item: Callable[[dict], bool] = keep_none


def whole_agenda(snapshot, published_at):
    """Select every session and every loose item of the agenda."""
    return FeedPart(snapshot, published_at, keep_all, keep_all)


def track_agenda(snapshot, published_at, track_id):
    """Select the sessions of one track."""
    return FeedPart(snapshot, published_at, lambda session: session["track_id"] == track_id)


def room_agenda(snapshot, published_at, room_id):
    """Select the sessions held in one room, and the loose items announced for it."""
    names = [room["name"] for room in snapshot["rooms"] if room["id"] == room_id]
    return FeedPart(
        snapshot,
        published_at,
        lambda session: session["room_id"] == room_id,
        lambda item: bool(names) and item["room"] == names[0],
    )


def single_session(snapshot, published_at, session_id):
    """Select one session, for an "Add to calendar" file."""
    return FeedPart(snapshot, published_at, lambda session: session["id"] == session_id)


def person_agenda(snapshot, published_at, person_id, selection=NO_SELECTION):
    """Select one person's agenda: what they have a part in, the plenaries, and the sessions they chose."""
    return FeedPart(
        snapshot,
        published_at,
        lambda session: in_person_agenda(session, person_id, selection),
        lambda item: bool(item["speaker"]) and item["speaker"]["id"] == person_id,
    )


def in_person_agenda(session, person_id, selection):
    """Tell whether a published session belongs in a person's agenda (registration's rule, on snapshot data)."""
    return in_personal_agenda(
        session["id"],
        session["format"] == PLENARY,
        restricted_group_id(session),
        has_part_in(session, person_id),
        selection,
    )


def calendar_bytes(calendar_name, parts, links: ExportLinks):
    """Return an iCalendar file holding the selected events of every part, with their time zones."""
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
    zones = {part.snapshot["forum"]["timezone"] for part in parts}
    if len(zones) == 1:
        calendar.add("x-wr-timezone", zones.pop())
    for part in parts:
        for event in _part_events(part, links):
            calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()


def _part_events(part, links):
    snapshot = part.snapshot
    zone = ZoneInfo(snapshot["forum"]["timezone"])
    for session in snapshot["sessions"].values():
        if part.keep_session(session):
            yield _session_event(session, snapshot["forum"], zone, part.published_at, links, cancelled=False)
    for session in snapshot.get("cancelled", {}).values():
        if part.keep_session(session):
            yield _session_event(session, snapshot["forum"], zone, part.published_at, links, cancelled=True)
    for item in loose_items_by_id(snapshot).values():
        if part.keep_item(item):
            yield _item_event(item, snapshot["forum"], zone, part.published_at, links, cancelled=False)
    for item in snapshot.get("cancelled_items", {}).values():
        if part.keep_item(item):
            yield _item_event(item, snapshot["forum"], zone, part.published_at, links, cancelled=True)


def _session_event(session, forum, zone, published_at, links, cancelled):
    event = _scheduled_event(
        f"workshop-session-{session['id']}@{links.uid_host}", session, zone, published_at, cancelled
    )
    event.add("summary", _one_line(session_heading(session)))
    event.add("location", _one_line(location_line(session["room"], forum)))
    event.add("description", session_description(session, forum, links))
    event.add("url", links.session_url(forum["slug"], session["id"]))
    categories = [str(label(session["format"], "session_format"))] + ([session["track"]] if session["track"] else [])
    event.add("categories", [_one_line(category) for category in categories])
    return event


def _item_event(item, forum, zone, published_at, links, cancelled):
    event = _scheduled_event(f"workshop-item-{item['id']}@{links.uid_host}", item, zone, published_at, cancelled)
    event.add("summary", _one_line(item_text(item)))
    event.add("location", _one_line(location_line(item["room"], forum)))
    event.add("description", forum["title"])
    return event


def _scheduled_event(uid, entry, zone, published_at, cancelled):
    """Start an event for a session or loose item: identity, times and the revision calendars compare."""
    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", published_at)
    event.add("dtstart", datetime.fromisoformat(entry["starts_at"]).astimezone(zone))
    event.add("dtend", datetime.fromisoformat(entry["ends_at"]).astimezone(zone))
    event.add("sequence", entry["sequence"])
    event.add("last-modified", datetime.fromisoformat(entry["last_modified"]))
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    return event


def session_description(session, forum, links):
    """Return the plain-text body of a session's event: what happens, who leads it, what to read."""
    lines = [session_heading(session), forum["title"]]
    details = [str(label(session["format"], "session_format"))]
    if session["track"]:
        details.append(session["track"])
    lines.append(" · ".join(details))
    for role, people in roles_of(session):
        lines.append(_("%(role)s: %(people)s", role=role, people=", ".join(person["name"] for person in people)))
    if session["items"]:
        lines += ["", _("Programme")] + [f"- {item_line(item)}" for item in session["items"]]
    if session["documents"]:
        lines += ["", _("Draft documents for discussion")]
        lines += [
            f"- {document['title']}: {links.document_url(forum['slug'], document['id'])}"
            for document in session["documents"]
        ]
    lines += ["", links.session_url(forum["slug"], session["id"])]
    # One line per entry: stray line breaks inside a title would make the list unreadable.
    return "\n".join(_one_line(line) for line in lines)


def _one_line(text):
    """Fold any line breaks in a user-written text into spaces; escaping is icalendar's job."""
    return " ".join(str(text).split())
