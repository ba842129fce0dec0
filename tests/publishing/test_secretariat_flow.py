"""The secretariat builds a programme, hits a conflict, fixes it, publishes twice and reads the changes."""

import pytest
from sqlalchemy import select

from workshop.accounts.models import ForumRoleName
from workshop.extensions import db
from workshop.programme.models import ForumSession
from workshop.publishing.models import AgendaRelease


@pytest.fixture
def secretariat_world(create_forum, create_day, create_block, create_room, create_user, create_session):
    forum = create_forum(slug="bogota-test", title="Learning from South-South Cooperation", city="Bogotá")
    day = create_day(forum)
    block = create_block(day, "09:00", "12:00")
    salon = create_room(forum, "Salón Bolívar")
    sala = create_room(forum, "Sala Cartagena")
    secretary = create_user(email="sec@example.test", roles={forum: [ForumRoleName.SECRETARIAT]})
    create_session(forum, block, "Building good practices", "09:00", "10:30", room=salon, number="1")
    return forum, block, salon, sala, secretary


def agenda_days_of(page):
    """Return the part of an agenda page that lays out its days, without the flash messages above it."""
    return page[page.index('<section class="agenda-day"') :]


def session_form(block, room, title, start, end, number="2"):
    return {
        "number": number,
        "title": title,
        "outputs": "",
        "format": "plenary",
        "block_id": block.id,
        "starts_at": start,
        "ends_at": end,
        "room_id": room.id,
        "track_id": 0,
        "capacity": "",
    }


def test_conflict_is_refused_with_a_message_then_fixed_published_and_described(client, login, secretariat_world):
    forum, block, salon, sala, secretary = secretariat_world
    login(client, secretary)

    refused = client.post(
        f"/manage/{forum.slug}/sessions/new",
        data=session_form(block, salon, "Producing policy recommendations", "10:00", "11:00"),
    )
    assert refused.status_code == 409
    assert "Salón Bolívar is already taken by Session 1. Building good practices" in refused.get_data(as_text=True)
    assert (
        db.session.scalar(select(ForumSession).where(ForumSession.title == "Producing policy recommendations")) is None
    )

    created = client.post(
        f"/manage/{forum.slug}/sessions/new",
        data=session_form(block, sala, "Producing policy recommendations", "10:00", "11:00"),
    )
    assert created.status_code == 302
    new_session = db.session.scalar(
        select(ForumSession).where(ForumSession.title == "Producing policy recommendations")
    )

    assert client.post(f"/manage/{forum.slug}/releases", data={"status": "preliminary", "note": ""}).status_code == 302
    agenda = client.get(f"/f/{forum.slug}/agenda").get_data(as_text=True)
    # The session's own entry in its block, not the flash message that announced its creation.
    assert (
        f'<a href="/f/{forum.slug}/sessions/{new_session.id}">Session 2. Producing policy recommendations</a>'
        in agenda_days_of(agenda)
    )
    assert "Preliminary agenda" in agenda

    moved = {
        **session_form(block, sala, "Producing policy recommendations", "11:00", "12:00"),
        "version": new_session.version,
    }
    assert client.post(f"/manage/{forum.slug}/sessions/{new_session.id}/edit", data=moved).status_code == 302
    assert client.post(f"/manage/{forum.slug}/releases", data={"status": "final", "note": "Final"}).status_code == 302

    numbers = db.session.scalars(select(AgendaRelease.number).where(AgendaRelease.forum_id == forum.id)).all()
    assert sorted(numbers) == [1, 2]
    changes = client.get(f"/f/{forum.slug}/agenda/changes").get_data(as_text=True)
    # Bogotá's wall clock, not UTC (which would read 3:00 PM and 4:00 PM).
    assert (
        "Moved: Session 2. Producing policy recommendations, from Tuesday 5 November 2030, 10:00\u202fAM–11:00\u202fAM, "
        "Sala Cartagena to Tuesday 5 November 2030, 11:00\u202fAM–12:00\u202fPM, Sala Cartagena." in changes
    )
    assert "Final agenda" in client.get(f"/f/{forum.slug}/agenda").get_data(as_text=True)


def test_publishing_is_refused_while_conflicts_remain(client, login, secretariat_world, create_session):
    forum, block, salon, _, secretary = secretariat_world
    create_session(forum, block, "Imported clash", "09:30", "10:00", room=salon)
    login(client, secretary)
    response = client.post(f"/manage/{forum.slug}/releases", data={"status": "preliminary"}, follow_redirects=True)
    assert "Resolve the scheduling conflicts before publishing." in response.get_data(as_text=True)
    assert db.session.scalar(select(AgendaRelease).where(AgendaRelease.forum_id == forum.id)) is None


def test_keynote_slots_default_to_five_minutes_and_overruns_are_refused(client, login, secretariat_world):
    forum, block, salon, _, secretary = secretariat_world
    session = db.session.scalar(select(ForumSession).where(ForumSession.forum_id == forum.id))
    login(client, secretary)
    url = f"/manage/{forum.slug}/sessions/{session.id}/items"
    client.post(url, data={"kind": "keynote", "title": "Keynote", "duration_minutes": ""})
    assert [item.duration_minutes for item in session.items] == [5]
    response = client.post(
        url, data={"kind": "debate", "title": "Long debate", "duration_minutes": "120"}, follow_redirects=True
    )
    assert "need 125 minutes but the session lasts 90" in response.get_data(as_text=True)
    db.session.refresh(session)
    assert [item.title for item in session.items] == ["Keynote"]


def test_appointing_a_double_booked_person_is_refused(client, login, secretariat_world, create_session, create_user):
    forum, block, salon, sala, secretary = secretariat_world
    first = db.session.scalar(select(ForumSession).where(ForumSession.forum_id == forum.id))
    parallel = create_session(forum, block, "Parallel", "09:00", "10:00", room=sala)
    login(client, secretary)
    client.post(
        f"/manage/{forum.slug}/sessions/{first.id}/appointments",
        data={"role": "facilitator", "email": "ana@example.test", "name": "Ana Muñoz"},
    )
    response = client.post(
        f"/manage/{forum.slug}/sessions/{parallel.id}/appointments",
        data={"role": "presenter", "email": "ana@example.test", "name": ""},
        follow_redirects=True,
    )
    assert "Ana Muñoz is also appointed to Session 1. Building good practices at that time." in response.get_data(
        as_text=True
    )
    db.session.refresh(parallel)
    assert parallel.appointments == []


def test_other_people_cannot_reach_the_secretariat_screens(client, login, secretariat_world, create_user):
    forum, *_ = secretariat_world
    participant = create_user(roles={forum: [ForumRoleName.PARTICIPANT]})
    assert client.get(f"/manage/{forum.slug}/").status_code == 302
    login(client, participant)
    assert client.get(f"/manage/{forum.slug}/").status_code == 403
    assert client.post(f"/manage/{forum.slug}/releases", data={"status": "final"}).status_code == 403


def test_withdrawing_the_last_appointment_takes_the_forum_role_away(client, login, secretariat_world, create_session):
    forum, block, salon, sala, secretary = secretariat_world
    first = db.session.scalar(select(ForumSession).where(ForumSession.forum_id == forum.id))
    second = create_session(forum, block, "Afternoon", "11:00", "12:00", room=sala)
    login(client, secretary)
    for session in (first, second):
        client.post(
            f"/manage/{forum.slug}/sessions/{session.id}/appointments",
            data={"role": "facilitator", "email": "ana@example.test", "name": "Ana Muñoz"},
        )
    ana = next(appointment.user for appointment in first.appointments)
    assert ForumRoleName.FACILITATOR in ana.roles_in(forum)

    client.post(
        f"/manage/{forum.slug}/sessions/{first.id}/appointments/{first.appointments[0].id}/delete",
        data={"confirmed": "yes"},
    )
    db.session.refresh(ana)
    assert ForumRoleName.FACILITATOR in ana.roles_in(forum), "still leads the afternoon session"

    client.post(
        f"/manage/{forum.slug}/sessions/{second.id}/appointments/{second.appointments[0].id}/delete",
        data={"confirmed": "yes"},
    )
    db.session.refresh(ana)
    assert ForumRoleName.FACILITATOR not in ana.roles_in(forum)


def test_an_invitation_leaves_only_with_the_change_that_caused_it(client, login, secretariat_world, smtp_sink):
    forum, *_, secretary = secretariat_world
    session = db.session.scalar(select(ForumSession).where(ForumSession.forum_id == forum.id))
    login(client, secretary)
    url = f"/manage/{forum.slug}/sessions/{session.id}/items"

    client.post(
        url,
        data={
            "kind": "debate",
            "title": "Too long",
            "duration_minutes": "600",
            "speaker_email": "rolled.back@example.test",
            "speaker_name": "Rolled Back",
        },
    )
    assert smtp_sink.messages == []

    client.post(
        url,
        data={
            "kind": "keynote",
            "title": "Keynote",
            "speaker_email": "kept@example.test",
            "speaker_name": "Kept Speaker",
        },
    )
    assert [message["To"] for message in smtp_sink.messages] == ["kept@example.test"]


def test_a_day_put_back_to_be_announced_is_announced_as_postponed(client, login, secretariat_world):
    forum, block, *_, secretary = secretariat_world
    day = block.day
    login(client, secretary)
    client.post(f"/manage/{forum.slug}/releases", data={"status": "preliminary", "note": ""})

    client.post(
        f"/manage/{forum.slug}/days/{day.id}/edit",
        data={"date": day.date.isoformat(), "title": "", "to_be_announced": "y", "note": "Details follow"},
    )
    client.post(f"/manage/{forum.slug}/releases", data={"status": "preliminary", "note": ""})

    changes = client.get(f"/f/{forum.slug}/agenda/changes").get_data(as_text=True)
    assert "The programme of Tuesday, November 5, 2030 is to be announced again." in changes
    days = agenda_days_of(client.get(f"/f/{forum.slug}/agenda").get_data(as_text=True))
    assert "Programme to be announced." in days and "Details follow" in days
    # What is planned so far stays under the notice, as in the feed and the JSON (every output shows everything).
    assert days.index("Programme to be announced.") < days.index("Building good practices")
