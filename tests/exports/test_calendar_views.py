"""The calendar URLs: who gets which feed, conditional GET, and a feed that follows a republished agenda."""

from datetime import time, timedelta

import icalendar
import pytest

from workshop.core.timezones import local_to_utc
from workshop.extensions import db
from workshop.programme.models import AppointmentRole


def events_by_uid(response):
    assert response.status_code == 200, response.status_code
    assert response.mimetype == "text/calendar"
    calendar = icalendar.Calendar.from_ical(response.data)
    return {str(event["UID"]).split("@")[0]: event for event in calendar.walk("VEVENT")}


def test_forum_feed_holds_the_published_sessions_and_loose_items(client, bogota_forum):
    events = events_by_uid(client.get("/f/bogota-2011/agenda.ics"))

    first = bogota_forum.sessions[0]
    assert {f"workshop-session-{session.id}" for session in bogota_forum.sessions} <= set(events)
    assert any(uid.startswith("workshop-item-") for uid in events)
    event = events[f"workshop-session-{first.id}"]
    assert str(event["URL"]) == f"http://localhost/f/bogota-2011/sessions/{first.id}"
    assert f"http://localhost/f/bogota-2011/documents/{bogota_forum.paper.id}" in str(event["DESCRIPTION"])
    assert str(event["LOCATION"]) == "Salón Bogotá, Hotel Tequendama, Bogotá"
    assert b"DTSTART;TZID=America/Bogota:20110926T091500" in client.get("/f/bogota-2011/agenda.ics").data


def test_uid_host_can_be_configured(make_app, bogota_forum):
    app = make_app(CALENDAR_UID_HOST="agenda.example.org")
    response = app.test_client().get("/f/bogota-2011/agenda.ics")
    assert f"workshop-session-{bogota_forum.sessions[0].id}@agenda.example.org".encode() in response.data


def test_track_room_and_session_feeds(client, bogota_forum):
    first, second, third = bogota_forum.sessions
    salon, sala = bogota_forum.rooms

    assert set(events_by_uid(client.get(f"/f/bogota-2011/tracks/{bogota_forum.track.id}.ics"))) == {
        f"workshop-session-{first.id}",
        f"workshop-session-{third.id}",
    }
    assert set(events_by_uid(client.get(f"/f/bogota-2011/rooms/{sala.id}.ics"))) == {f"workshop-session-{second.id}"}
    assert set(events_by_uid(client.get(f"/f/bogota-2011/sessions/{second.id}.ics"))) == {
        f"workshop-session-{second.id}"
    }
    assert client.get("/f/bogota-2011/tracks/999999.ics").status_code == 404
    assert client.get("/f/bogota-2011/rooms/999999.ics").status_code == 404
    assert client.get("/f/bogota-2011/sessions/999999.ics").status_code == 404
    assert client.get("/f/no-such-forum/agenda.ics").status_code == 404


def test_no_feed_before_the_first_release(client, create_forum):
    forum = create_forum(slug="unpublished")
    assert client.get(f"/f/{forum.slug}/agenda.ics").status_code == 404


def test_non_public_forum_feeds_are_hidden_from_people_without_a_role(client, login, bogota_forum):
    bogota_forum.forum.is_public = False
    db.session.commit()

    assert client.get("/f/bogota-2011/agenda.ics").status_code == 404
    login(client, bogota_forum.outsider)
    assert client.get("/f/bogota-2011/agenda.ics").status_code == 404
    login(client, bogota_forum.kouassi)
    response = client.get("/f/bogota-2011/agenda.ics")
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "private, no-cache"


@pytest.mark.parametrize("if_none_match", ['"{etag}"', 'W/"{etag}"', '"other", W/"{etag}", "more"', "*"])
def test_a_current_copy_gets_304_without_rebuilding(client, bogota_forum, monkeypatch, if_none_match):
    first = client.get("/f/bogota-2011/agenda.ics")
    etag = first.headers["ETag"].strip('"')
    assert first.headers["Last-Modified"]

    def refuse_to_build(*arguments, **keywords):
        raise AssertionError("the feed was rebuilt for a client whose copy is current")

    monkeypatch.setattr("workshop.exports.ical.calendar_bytes", refuse_to_build)
    response = client.get("/f/bogota-2011/agenda.ics", headers={"If-None-Match": if_none_match.format(etag=etag)})

    assert response.status_code == 304
    assert response.data == b""
    assert response.headers["ETag"] == first.headers["ETag"]


def test_if_modified_since_gets_304_and_a_stale_etag_gets_the_feed(client, bogota_forum):
    first = client.get("/f/bogota-2011/agenda.ics")

    assert (
        client.get(
            "/f/bogota-2011/agenda.ics", headers={"If-Modified-Since": first.headers["Last-Modified"]}
        ).status_code
        == 304
    )
    assert client.get("/f/bogota-2011/agenda.ics", headers={"If-None-Match": '"stale"'}).status_code == 200
    older = "Mon, 01 Jan 2001 00:00:00 GMT"
    assert client.get("/f/bogota-2011/agenda.ics", headers={"If-Modified-Since": older}).status_code == 200


def test_etag_differs_by_feed_and_language(client, bogota_forum):
    agenda = client.get("/f/bogota-2011/agenda.ics").headers["ETag"]
    spanish = client.get("/f/bogota-2011/agenda.ics", headers={"Accept-Language": "es"}).headers["ETag"]
    track = client.get(f"/f/bogota-2011/tracks/{bogota_forum.track.id}.ics").headers["ETag"]
    assert len({agenda, spanish, track}) == 3


def test_moving_a_session_and_publishing_again_changes_only_its_sequence(client, bogota_forum, publish):
    before = events_by_uid(client.get("/f/bogota-2011/agenda.ics"))
    moved = bogota_forum.sessions[1]
    moved.starts_at = local_to_utc(moved.block.day.date, time(15, 0), "America/Bogota")
    moved.ends_at = moved.starts_at + timedelta(hours=2)
    db.session.commit()
    publish(bogota_forum.forum, bogota_forum.secretary)

    after = events_by_uid(client.get("/f/bogota-2011/agenda.ics"))

    changed = {uid for uid in after if after[uid].get("SEQUENCE") != before[uid].get("SEQUENCE")}
    assert changed == {f"workshop-session-{moved.id}"}
    assert after[f"workshop-session-{moved.id}"]["SEQUENCE"] == 1


def test_a_deleted_session_is_published_as_cancelled(client, bogota_forum, publish):
    removed = bogota_forum.sessions[2]
    db.session.delete(removed)
    db.session.commit()
    publish(bogota_forum.forum, bogota_forum.secretary)

    event = events_by_uid(client.get("/f/bogota-2011/agenda.ics"))[f"workshop-session-{removed.id}"]
    assert event["STATUS"] == "CANCELLED"
    assert set(events_by_uid(client.get(f"/f/bogota-2011/sessions/{removed.id}.ics"))) == {
        f"workshop-session-{removed.id}"
    }


def test_personal_feed_spans_every_forum_the_person_has_a_part_in(
    client, bogota_forum, create_forum, create_day, create_block, create_session, appoint, publish
):
    other = create_forum(slug="paris-2012", title="Paris working meeting", timezone="Europe/Paris")
    block = create_block(create_day(other), "14:00", "16:00")
    elsewhere = create_session(other, block, "Knowledge sharing for the G20", "14:00", "15:00")
    appoint(elsewhere, bogota_forum.munoz, AppointmentRole.KEYNOTE_SPEAKER)
    publish(other)

    response = client.get(f"/feeds/{bogota_forum.munoz.feed_token}.ics")

    first, _, third = bogota_forum.sessions
    assert set(events_by_uid(response)) == {
        f"workshop-session-{first.id}",
        f"workshop-session-{third.id}",
        f"workshop-session-{elsewhere.id}",
    }
    assert response.headers["Cache-Control"] == "private, no-cache"
    zones = {str(zone["TZID"]) for zone in icalendar.Calendar.from_ical(response.data).walk("VTIMEZONE")}
    assert zones == {"America/Bogota", "Europe/Paris"}
    assert "Ana Muñoz" in str(icalendar.Calendar.from_ical(response.data)["X-WR-CALNAME"])


def test_rapporteur_and_speaker_feed(client, bogota_forum):
    events = events_by_uid(client.get(f"/feeds/{bogota_forum.kouassi.feed_token}.ics"))
    assert set(events) == {f"workshop-session-{bogota_forum.sessions[0].id}"}


def test_a_revoked_or_unknown_token_finds_nothing(client, bogota_forum):
    old_token = bogota_forum.munoz.feed_token
    bogota_forum.munoz.revoke_feed_token()
    db.session.commit()

    assert client.get(f"/feeds/{old_token}.ics").status_code == 404
    assert client.get("/feeds/not-a-token.ics").status_code == 404
    assert client.get(f"/feeds/{bogota_forum.munoz.feed_token}.ics").status_code == 200


def test_agenda_links_offer_pdf_webcal_ics_and_json(client, bogota_forum):
    page = client.get("/f/bogota-2011/agenda").get_data(as_text=True)
    assert 'href="/f/bogota-2011/agenda.pdf"' in page
    assert 'href="webcal://localhost/f/bogota-2011/agenda.ics"' in page
    assert 'href="/f/bogota-2011/agenda.ics"' in page
    assert 'href="/api/v1/forums/bogota-2011/agenda"' in page


def test_the_agenda_page_lists_a_feed_for_every_track_and_room(client, bogota_forum):
    page = client.get("/f/bogota-2011/agenda").get_data(as_text=True)
    feeds = [f"/f/bogota-2011/tracks/{bogota_forum.track.id}.ics"] + [
        f"/f/bogota-2011/rooms/{room.id}.ics" for room in bogota_forum.rooms
    ]

    assert '<ul class="export-links">' in page, "a run of links is a list (pa11y, WCAG 1.3.1)"
    for feed in feeds:
        assert f'<li><a href="webcal://localhost{feed}">' in page
        assert events_by_uid(client.get(feed))
