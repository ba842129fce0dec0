"""The iCal feeds, read back by three independent readers: icalendar, vobject and the khal calendar client."""

from datetime import timedelta

import icalendar
import pytest
import vobject

from tests.calendar_clients import khal_listing, needs_khal
from workshop.exports.ical import (
    calendar_bytes,
    person_agenda,
    room_agenda,
    single_session,
    track_agenda,
    whole_agenda,
)
from workshop.registration.rules import Selection

from .agenda_samples import KOUASSI, MUNOZ, NOBODY_ID, PUBLISHED_AT

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
    data = calendar_bytes("Bogotá 2011", [whole_agenda(bogota_snapshot, PUBLISHED_AT)], links)

    assert_well_formed(data)
    calendar = icalendar.Calendar.from_ical(data)
    assert [str(zone["TZID"]) for zone in calendar.walk("VTIMEZONE")] == ["America/Bogota"]
    assert calendar["X-WR-CALNAME"] == "Bogotá 2011"
    assert b"DTSTART;TZID=America/Bogota:20110926T091500" in data


def test_a_utc_forum_writes_utc_times_without_a_vtimezone(bogota_snapshot, links):
    in_bogota = icalendar.Calendar.from_ical(
        calendar_bytes("Agenda", [whole_agenda(bogota_snapshot, PUBLISHED_AT)], links)
    )
    bogota_snapshot["forum"]["timezone"] = "UTC"

    data = calendar_bytes("Agenda", [whole_agenda(bogota_snapshot, PUBLISHED_AT)], links)

    assert_well_formed(data)
    calendar = icalendar.Calendar.from_ical(data)
    assert calendar.walk("VTIMEZONE") == []
    assert b"DTSTART:20110926T141500Z" in data
    starts = {str(event["UID"]): event.decoded("DTSTART") for event in calendar.walk("VEVENT")}
    assert starts == {str(event["UID"]): event.decoded("DTSTART") for event in in_bogota.walk("VEVENT")}
    assert calendar["X-WR-TIMEZONE"] == "UTC"


def test_every_session_and_loose_item_has_a_stable_uid(bogota_snapshot, links):
    data = calendar_bytes("Agenda", [whole_agenda(bogota_snapshot, PUBLISHED_AT)], links)

    assert sorted(events_by_uid(data)) == sorted(
        [f"workshop-session-{key}@workshop.example.org" for key in ("11", "12", "13", "14", "15")]
        + [f"workshop-item-{key}@workshop.example.org" for key in (301, 302, 303)]
    )
    assert data == calendar_bytes("Agenda", [whole_agenda(bogota_snapshot, PUBLISHED_AT)], links)


def test_session_event_says_where_who_what_to_read_and_links_back(bogota_snapshot, links):
    event = events_by_uid(calendar_bytes("Agenda", [whole_agenda(bogota_snapshot, PUBLISHED_AT)], links))[
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
    data = calendar_bytes("Agenda\r\nBEGIN:VEVENT", [whole_agenda(bogota_snapshot, PUBLISHED_AT)], links)

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
    before = events_by_uid(calendar_bytes("A", [whole_agenda(bogota_snapshot, PUBLISHED_AT)], links))
    after = events_by_uid(calendar_bytes("A", [whole_agenda(second, later)], links))

    changed = {uid for uid in after if after[uid].get("SEQUENCE") != before[uid].get("SEQUENCE")}
    assert changed == {"workshop-session-12@workshop.example.org"}
    assert after["workshop-session-12@workshop.example.org"]["SEQUENCE"] == 1
    assert after["workshop-session-12@workshop.example.org"].decoded("LAST-MODIFIED") == later
    assert after["workshop-session-11@workshop.example.org"].decoded("LAST-MODIFIED") == PUBLISHED_AT


def test_a_removed_session_stays_in_the_feed_as_cancelled(bogota_snapshot, republish, links):
    later = PUBLISHED_AT + timedelta(days=1)
    second = republish(bogota_snapshot, lambda snapshot: snapshot["sessions"].pop("14"), later)

    data = calendar_bytes("A", [whole_agenda(second, later)], links)

    assert_well_formed(data)
    event = events_by_uid(data)["workshop-session-14@workshop.example.org"]
    assert event["STATUS"] == "CANCELLED"
    assert event["SEQUENCE"] == 1


def test_track_room_and_session_feeds_hold_only_their_events(bogota_snapshot, links):
    def session_uids(part):
        return sorted(uid.split("@")[0] for uid in events_by_uid(calendar_bytes("A", [part], links)))

    assert session_uids(track_agenda(bogota_snapshot, PUBLISHED_AT, 1)) == [
        "workshop-session-11",
        "workshop-session-15",
    ]
    assert session_uids(room_agenda(bogota_snapshot, PUBLISHED_AT, 2)) == ["workshop-session-13"]
    assert "workshop-item-301" in session_uids(room_agenda(bogota_snapshot, PUBLISHED_AT, 1))
    assert session_uids(single_session(bogota_snapshot, PUBLISHED_AT, 14)) == ["workshop-session-14"]


def test_personal_feed_spans_forums_and_every_role(bogota_snapshot, links):
    paris = {**bogota_snapshot, "forum": {**bogota_snapshot["forum"], "slug": "paris-2011", "timezone": "Europe/Paris"}}
    paris["sessions"] = {"21": {**bogota_snapshot["sessions"]["14"], "id": 21}}
    paris["sessions"]["21"]["people"] = {**paris["sessions"]["21"]["people"], "rapporteur": [KOUASSI]}

    data = calendar_bytes(
        "Mine",
        [
            person_agenda(bogota_snapshot, PUBLISHED_AT, KOUASSI["id"]),
            person_agenda(paris, PUBLISHED_AT, KOUASSI["id"]),
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
    uids = events_by_uid(calendar_bytes("Mine", [person_agenda(bogota_snapshot, PUBLISHED_AT, MUNOZ["id"])], links))
    assert "workshop-item-303@workshop.example.org" in uids
    nobodys = events_by_uid(calendar_bytes("Mine", [person_agenda(bogota_snapshot, PUBLISHED_AT, NOBODY_ID)], links))
    assert [uid.split("@")[0] for uid in nobodys] == ["workshop-session-14"], "only the plenary"


def personal_uids(snapshot, person_id, selection, links):
    data = calendar_bytes("Mine", [person_agenda(snapshot, PUBLISHED_AT, person_id, selection)], links)
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
    feed = calendar_bytes("Agenda", [whole_agenda(bogota_snapshot, PUBLISHED_AT)], links)

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

    data = calendar_bytes("A", [whole_agenda(second, later)], links)

    assert_well_formed(data)
    event = events_by_uid(data)[f"workshop-item-{removed_id}@workshop.example.org"]
    assert event["STATUS"] == "CANCELLED"
    assert event["SEQUENCE"] == 1
