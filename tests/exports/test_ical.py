"""The iCal feeds, read back by three independent readers: icalendar, vobject and the khal calendar client."""

import copy
from dataclasses import replace
from datetime import timedelta

import icalendar
import pytest
import vobject
from flask_babel import force_locale

from tests.calendar_clients import khal_listing, needs_khal
from workshop.exports import wording
from workshop.exports.ical import (
    EventCache,
    calendar_bytes,
    person_agenda,
    room_agenda,
    single_session,
    track_agenda,
    whole_agenda,
)
from workshop.registration.rules import Selection

from .agenda_samples import KOUASSI, MUNOZ, NOBODY_ID, PUBLISHED_AT, typed

HOSTILE_TITLE = "Horizontal partnerships\r\nBEGIN:VEVENT\r\nUID:evil@example.org\r\nEND:VEVENT"


def events_by_uid(data):
    calendar = icalendar.Calendar.from_ical(data)
    return {str(event["UID"]): event for event in calendar.walk("VEVENT")}


def assert_well_formed(data):
    """Check the file with icalendar (no broken values, no unknown TZID) and with vobject's validator."""
    calendar = icalendar.Calendar.from_ical(data)
    for component in calendar.walk():
        assert component.errors == [], (component.name, component.errors)
    assert calendar.get_missing_tzids() == set()
    vobject.readOne(data.decode("utf-8"), validate=True)


def test_whole_agenda_is_well_formed_with_a_vtimezone(bogota_snapshot, links):
    data = calendar_bytes("Bogotá 2011", [whole_agenda(typed(bogota_snapshot))], links)

    assert_well_formed(data)
    calendar = icalendar.Calendar.from_ical(data)
    assert [str(zone["TZID"]) for zone in calendar.walk("VTIMEZONE")] == ["America/Bogota"]
    assert calendar["X-WR-CALNAME"] == "Bogotá 2011"
    assert b"DTSTART;TZID=America/Bogota:20110926T091500" in data


def test_a_utc_forum_writes_utc_times_without_a_vtimezone(bogota_snapshot, links):
    in_bogota = icalendar.Calendar.from_ical(calendar_bytes("Agenda", [whole_agenda(typed(bogota_snapshot))], links))
    bogota_snapshot["forum"]["timezone"] = "UTC"

    data = calendar_bytes("Agenda", [whole_agenda(typed(bogota_snapshot))], links)

    assert_well_formed(data)
    calendar = icalendar.Calendar.from_ical(data)
    assert calendar.walk("VTIMEZONE") == []
    assert b"DTSTART:20110926T141500Z" in data
    starts = {str(event["UID"]): event.decoded("DTSTART") for event in calendar.walk("VEVENT")}
    assert starts == {str(event["UID"]): event.decoded("DTSTART") for event in in_bogota.walk("VEVENT")}
    assert calendar["X-WR-TIMEZONE"] == "UTC"


def test_every_session_and_loose_item_has_a_stable_uid(bogota_snapshot, links):
    data = calendar_bytes("Agenda", [whole_agenda(typed(bogota_snapshot))], links)

    assert sorted(events_by_uid(data)) == sorted(
        [f"workshop-session-{key}@workshop.example.org" for key in ("11", "12", "13", "14", "15")]
        + [f"workshop-item-{key}@workshop.example.org" for key in (301, 302, 303)]
    )
    assert data == calendar_bytes("Agenda", [whole_agenda(typed(bogota_snapshot))], links)


def test_session_event_says_where_who_what_to_read_and_links_back(bogota_snapshot, links):
    event = events_by_uid(calendar_bytes("Agenda", [whole_agenda(typed(bogota_snapshot))], links))[
        "workshop-session-11@workshop.example.org"
    ]

    assert str(event["LOCATION"]) == "Salón Bogotá, Hotel Tequendama, Bogotá"
    assert str(event["URL"]) == "https://workshop.example.org/f/bogota-2011/sessions/11"
    description = str(event["DESCRIPTION"])
    assert "Facilitator: Ana Muñoz" in description
    assert "Keynote. Horizontal Partnerships in São Paulo — João Silva (ABC) (5 min)" in description
    assert "https://workshop.example.org/f/bogota-2011/documents/201" in description
    assert event["SEQUENCE"] == 0
    assert event.decoded("LAST-MODIFIED") == PUBLISHED_AT
    assert event["STATUS"] == "CONFIRMED"


def test_line_breaks_in_a_title_cannot_inject_an_event(bogota_snapshot, links):
    bogota_snapshot["sessions"]["11"]["title"] = HOSTILE_TITLE
    bogota_snapshot["sessions"]["11"]["items"][0]["title"] = HOSTILE_TITLE
    data = calendar_bytes("Agenda\r\nBEGIN:VEVENT", [whole_agenda(typed(bogota_snapshot))], links)

    assert_well_formed(data)
    assert data.split(b"\r\n").count(b"BEGIN:VEVENT") == 8
    assert "evil@example.org" not in events_by_uid(data)
    summary = str(events_by_uid(data)["workshop-session-11@workshop.example.org"]["SUMMARY"])
    assert summary == "Session 1. Horizontal partnerships BEGIN:VEVENT UID:evil@example.org END:VEVENT"


def test_moving_one_session_changes_only_its_sequence(bogota_snapshot, republish, links):
    def move_session_two(snapshot):
        session = snapshot["sessions"]["12"]
        session["starts_at"] = "2011-09-26T21:00:00+00:00"
        session["ends_at"] = "2011-09-26T23:00:00+00:00"

    later = PUBLISHED_AT + timedelta(days=2)
    second = republish(bogota_snapshot, move_session_two, later)
    before = events_by_uid(calendar_bytes("A", [whole_agenda(typed(bogota_snapshot))], links))
    after = events_by_uid(calendar_bytes("A", [whole_agenda(typed(second))], links))

    changed = {uid for uid in after if after[uid].get("SEQUENCE") != before[uid].get("SEQUENCE")}
    assert changed == {"workshop-session-12@workshop.example.org"}
    assert after["workshop-session-12@workshop.example.org"]["SEQUENCE"] == 1
    assert after["workshop-session-12@workshop.example.org"].decoded("LAST-MODIFIED") == later
    assert after["workshop-session-11@workshop.example.org"].decoded("LAST-MODIFIED") == PUBLISHED_AT


def test_a_removed_session_stays_in_the_feed_as_cancelled(bogota_snapshot, republish, links):
    later = PUBLISHED_AT + timedelta(days=1)
    second = republish(bogota_snapshot, lambda snapshot: snapshot["sessions"].pop("14"), later)

    data = calendar_bytes("A", [whole_agenda(typed(second))], links)

    assert_well_formed(data)
    event = events_by_uid(data)["workshop-session-14@workshop.example.org"]
    assert event["STATUS"] == "CANCELLED"
    assert event["SEQUENCE"] == 1


def test_track_room_and_session_feeds_hold_only_their_events(bogota_snapshot, links):
    def session_uids(part):
        return sorted(uid.split("@")[0] for uid in events_by_uid(calendar_bytes("A", [part], links)))

    assert session_uids(track_agenda(typed(bogota_snapshot), 1)) == [
        "workshop-session-11",
        "workshop-session-15",
    ]
    assert session_uids(room_agenda(typed(bogota_snapshot), 2)) == ["workshop-session-13"]
    assert "workshop-item-301" in session_uids(room_agenda(typed(bogota_snapshot), 1))
    assert session_uids(single_session(typed(bogota_snapshot), 14)) == ["workshop-session-14"]


def test_personal_feed_spans_forums_and_every_role(bogota_snapshot, links):
    paris = {**bogota_snapshot, "forum": {**bogota_snapshot["forum"], "slug": "paris-2011", "timezone": "Europe/Paris"}}
    paris["sessions"] = {"21": {**bogota_snapshot["sessions"]["14"], "id": 21}}
    paris["sessions"]["21"]["people"] = {**paris["sessions"]["21"]["people"], "rapporteur": [KOUASSI]}

    data = calendar_bytes(
        "Mine",
        [
            person_agenda(typed(bogota_snapshot), KOUASSI["id"]),
            person_agenda(typed(paris), KOUASSI["id"]),
        ],
        links,
    )

    assert_well_formed(data)
    # 11-13 and 21 are hers; 14 is the plenary, in everyone's agenda.
    assert sorted(uid.split("@")[0] for uid in events_by_uid(data)) == [
        "workshop-session-11",
        "workshop-session-12",
        "workshop-session-13",
        "workshop-session-14",
        "workshop-session-21",
    ]
    zones = {str(zone["TZID"]) for zone in icalendar.Calendar.from_ical(data).walk("VTIMEZONE")}
    assert zones == {"America/Bogota", "Europe/Paris"}
    assert b"X-WR-TIMEZONE" not in data


def test_personal_feed_holds_items_a_person_speaks_in(bogota_snapshot, links):
    uids = events_by_uid(calendar_bytes("Mine", [person_agenda(typed(bogota_snapshot), MUNOZ["id"])], links))
    assert "workshop-item-303@workshop.example.org" in uids
    nobodys = events_by_uid(calendar_bytes("Mine", [person_agenda(typed(bogota_snapshot), NOBODY_ID)], links))
    assert [uid.split("@")[0] for uid in nobodys] == ["workshop-session-14"], "only the plenary"


def personal_uids(snapshot, person_id, selection, links):
    data = calendar_bytes("Mine", [person_agenda(typed(snapshot), person_id, selection)], links)
    return sorted(uid.split("@")[0] for uid in events_by_uid(data))


def test_personal_feed_holds_the_chosen_sessions_and_a_restricted_one_only_for_members(bogota_snapshot, links):
    bogota_snapshot["sessions"]["15"]["restricted_to"] = {"id": 7, "stakeholder": None, "name": "Building block"}
    bogota_snapshot["sessions"]["14"]["restricted_to"] = {"id": 8, "stakeholder": "civil_society", "name": None}

    outsider = Selection(chosen=frozenset({13, 15}), groups=frozenset({3}))
    member = Selection(chosen=frozenset({13, 15}), groups=frozenset({7, 8}))

    assert personal_uids(bogota_snapshot, NOBODY_ID, outsider, links) == ["workshop-session-13"]
    assert personal_uids(bogota_snapshot, NOBODY_ID, member, links) == [
        "workshop-session-13",
        "workshop-session-14",
        "workshop-session-15",
    ]


@needs_khal
@pytest.mark.parametrize(
    ("zone", "expected"),
    [
        ("America/Bogota", "2011-09-26 09:15 2011-09-26 12:00 Session 1."),
        ("Europe/Paris", "2011-09-26 16:15 2011-09-26 19:00 Session 1."),
        ("Asia/Tokyo", "2011-09-26 23:15 2011-09-27 02:00 Session 1."),
    ],
)
def test_khal_imports_the_feed_at_the_right_local_times(bogota_snapshot, links, tmp_path, zone, expected):
    feed = calendar_bytes("Agenda", [whole_agenda(typed(bogota_snapshot))], links)

    listing = khal_listing(feed, tmp_path, zone, "2011-09-25", "4d")

    assert expected in listing
    assert listing.count("Session ") >= 5


def test_a_removed_loose_item_stays_in_the_feed_as_cancelled(bogota_snapshot, republish, links):
    def drop_first_loose_item(snapshot):
        block = next(block for day in snapshot["days"] for block in day["blocks"] if block["loose_items"])
        return block["loose_items"].pop(0)

    removed_id = next(
        item["id"] for day in bogota_snapshot["days"] for block in day["blocks"] for item in block["loose_items"]
    )
    later = PUBLISHED_AT + timedelta(days=1)
    second = republish(bogota_snapshot, drop_first_loose_item, later)

    data = calendar_bytes("A", [whole_agenda(typed(second))], links)

    assert_well_formed(data)
    event = events_by_uid(data)[f"workshop-item-{removed_id}@workshop.example.org"]
    assert event["STATUS"] == "CANCELLED"
    assert event["SEQUENCE"] == 1


def event_texts(data):
    """Split a feed into the text of each VEVENT, as written."""
    texts, lines = [], None
    for line in data.decode().split("\r\n"):
        if line == "BEGIN:VEVENT":
            lines = []
        if lines is not None:
            lines.append(line)
        if line == "END:VEVENT":
            texts.append("\r\n".join(lines) + "\r\n")
            lines = None
    return texts


def test_events_are_written_as_icalendar_writes_them(bogota_snapshot, links):
    # Escapes and multi-byte characters straddling the 75-octet folds, and a hostile title.
    bogota_snapshot["sessions"]["11"]["title"] = HOSTILE_TITLE + " é" * 40 + "\\;," * 30
    bogota_snapshot["sessions"]["12"]["title"] = "x" * 62 + "\\n" + "ü" * 50 + "^" * 80
    bogota_snapshot["forum"]["venue"] = "Hotel; Tequendama, \\ salón Ñ"
    data = calendar_bytes("Agenda", [whole_agenda(typed(bogota_snapshot))], links)

    written = event_texts(data)
    rewritten = [event.to_ical().decode() for event in icalendar.Calendar.from_ical(data).walk("VEVENT")]
    assert len(written) == 8
    assert written == rewritten
    assert max(len(line) for line in data.split(b"\r\n")) <= 75


def test_a_utc_forum_writes_events_as_icalendar_does(bogota_snapshot, links):
    bogota_snapshot["forum"]["timezone"] = "Etc/UTC"
    data = calendar_bytes("Agenda", [whole_agenda(typed(bogota_snapshot))], links)

    assert_well_formed(data)
    assert b"BEGIN:VTIMEZONE" not in data
    assert event_texts(data) == [
        event.to_ical().decode() for event in icalendar.Calendar.from_ical(data).walk("VEVENT")
    ]


def test_dtstamp_is_each_events_own_last_change(bogota_snapshot, republish, links):
    def rename_session_two(snapshot):
        snapshot["sessions"]["12"]["title"] = "Renamed"

    later = PUBLISHED_AT + timedelta(days=2)
    after = events_by_uid(
        calendar_bytes("A", [whole_agenda(typed(republish(bogota_snapshot, rename_session_two, later)))], links)
    )

    assert after["workshop-session-12@workshop.example.org"].decoded("DTSTAMP") == later
    assert after["workshop-session-11@workshop.example.org"].decoded("DTSTAMP") == PUBLISHED_AT
    assert after["workshop-item-301@workshop.example.org"].decoded("DTSTAMP") == PUBLISHED_AT


def test_a_cached_event_is_the_fresh_one_until_its_session_changes(bogota_snapshot, republish, links):
    cache = EventCache()
    fresh = calendar_bytes("A", [whole_agenda(typed(bogota_snapshot))], links)
    assert calendar_bytes("A", [whole_agenda(typed(bogota_snapshot))], links, cache) == fresh
    assert len(cache) == 8
    assert calendar_bytes("A", [whole_agenda(typed(bogota_snapshot))], links, cache) == fresh, (
        "read back from the cache"
    )

    later = PUBLISHED_AT + timedelta(days=2)
    second = republish(bogota_snapshot, lambda snapshot: snapshot["sessions"]["12"].update(title="Renamed"), later)
    rebuilt = calendar_bytes("A", [whole_agenda(typed(second))], links, cache)

    assert rebuilt == calendar_bytes("A", [whole_agenda(typed(second))], links)
    assert len(cache) == 9, "only the renamed session was written again"
    changed = [text for text in event_texts(rebuilt) if text not in event_texts(fresh)]
    assert [text.split("SUMMARY:")[1].split("\r\n")[0] for text in changed] == ["Session 2. Renamed"]


@pytest.mark.parametrize(
    "change",
    [
        ({"title": "Another forum"}, {}),
        ({"venue": "Another hotel"}, {}),
        ({"city": "Cartagena"}, {}),
        ({"timezone": "Europe/Paris"}, {}),
        ({"slug": "bogota-2012"}, {}),
        ({}, {"uid_host": "other.example.org"}),
        ({}, {"address": "https://other.example.org/"}),
    ],
)
def test_the_cache_keeps_apart_what_an_event_is_written_from(bogota_snapshot, links, change):
    cache = EventCache()
    calendar_bytes("A", [whole_agenda(typed(bogota_snapshot))], links, cache)
    changed_snapshot = copy.deepcopy(bogota_snapshot)
    changed_snapshot["forum"].update(change[0])
    changed_links = replace(links, **change[1])

    calendar_bytes("A", [whole_agenda(typed(changed_snapshot))], changed_links, cache)

    assert len(cache) == 16


def test_the_cache_keeps_each_language_apart(app, bogota_snapshot, links):
    cache = EventCache()
    feeds = {}
    for language in ("en", "es", "fr"):
        with force_locale(language):
            feeds[language] = calendar_bytes("A", [whole_agenda(typed(bogota_snapshot))], links, cache)
            assert feeds[language] == calendar_bytes("A", [whole_agenda(typed(bogota_snapshot))], links)

    assert len(cache) == 24
    assert b"Programa" in feeds["es"]
    assert len(set(feeds.values())) == 3


def test_the_cache_drops_the_least_recently_used_event_first():
    cache = EventCache(max_events=2)
    cache.text("a", lambda: "A")
    cache.text("b", lambda: "B")
    cache.text("a", lambda: "not written again")
    cache.text("c", lambda: "C")

    assert cache.text("a", lambda: "written again") == "A"
    assert cache.text("b", lambda: "B again") == "B again"
    assert len(cache) == 2


def test_a_feed_looks_each_translation_up_once(bogota_snapshot, links, monkeypatch):
    looked_up = []
    real = wording._
    monkeypatch.setattr(wording, "_", lambda message: looked_up.append(message) or real(message))
    many = copy.deepcopy(bogota_snapshot)
    for number in range(100, 140):
        many["sessions"][str(number)] = {**bogota_snapshot["sessions"]["11"], "id": number}

    calendar_bytes("A", [whole_agenda(typed(many))], links)

    assert sorted(looked_up) == sorted(set(looked_up))
    assert "Programme" in looked_up
