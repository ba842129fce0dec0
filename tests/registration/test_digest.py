"""After publishing, each person gets one digest of the changes to their own sessions, in their language, unless they opt out."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from tests.registration.conftest import choose
from workshop.accounts.models import ForumRoleName
from workshop.extensions import db
from workshop.programme.models import AppointmentRole
from workshop.publishing.models import AgendaRelease
from workshop.registration.digest import send_change_digests


@pytest.fixture
def secretariat(app, create_user, login, programme):
    """Return a client signed in as the forum's secretariat, which publishes from its screen."""
    client = app.test_client()
    login(client, create_user(email="secretariat@example.org", roles={programme.forum: [ForumRoleName.SECRETARIAT]}))
    return client


def publish(client, forum):
    response = client.post(f"/manage/{forum.slug}/releases", data={"status": "preliminary", "note": ""})
    assert response.status_code == 302


DIGEST_SUBJECTS = ("What changed in your sessions", "Cambios en sus sesiones")


def digests(smtp_sink, address):
    return [
        message
        for message in smtp_sink.messages
        if message["To"] == address and message["Subject"].startswith(DIGEST_SUBJECTS)
    ]


def test_each_person_gets_one_digest_of_their_own_changes_only(
    programme, participant, secretariat, create_user, appoint, smtp_sink
):
    ana_client, ana = participant(programme.forum, "ana")
    choose(ana_client, programme.parallel_a)
    bo_client, bo = participant(programme.forum, "bo")
    choose(bo_client, programme.parallel_b)
    facilitator = create_user(email="fac@example.org", name="Felipe Arango")
    appoint(programme.later, facilitator)
    publish(secretariat, programme.forum)
    assert digests(smtp_sink, "ana@example.org") == [], "nothing changed for anyone yet"

    programme.parallel_a.starts_at += timedelta(minutes=30)
    programme.parallel_a.ends_at += timedelta(minutes=30)
    programme.later.title = "Knowledge sharing for development"
    programme.plenary.outputs = "Main messages"
    db.session.commit()
    publish(secretariat, programme.forum)

    [ana_digest] = digests(smtp_sink, "ana@example.org")
    text = " ".join(ana_digest.get_body(("plain",)).get_content().split())
    assert "Moved: Session 3. Regional platforms" in text and "9:30" in text and "America/Bogota" in text
    assert "Renamed" not in text
    appointed, facilitator_digest = digests(smtp_sink, "fac@example.org")
    assert "New people in Session 5. Knowledge sharing: Facilitator now Felipe Arango" in " ".join(
        appointed.get_body(("plain",)).get_content().split()
    ), "being appointed after the first release is a change to one's sessions"
    assert "Renamed: Session 5. Knowledge sharing is now Session 5. Knowledge sharing for development" in " ".join(
        facilitator_digest.get_body(("plain",)).get_content().split()
    )
    assert digests(smtp_sink, "bo@example.org") == [], "bo's session did not change"


def test_a_cancelled_session_is_told_to_those_who_chose_it_and_their_feed_marks_it_cancelled(
    programme, participant, secretariat, smtp_sink
):
    client, ana = participant(programme.forum, "ana")
    choose(client, programme.parallel_a)
    publish(secretariat, programme.forum)

    db.session.delete(programme.parallel_a)
    db.session.commit()
    publish(secretariat, programme.forum)

    [digest] = digests(smtp_sink, "ana@example.org")
    assert "Cancelled: Session 3. Regional platforms" in " ".join(digest.get_body(("plain",)).get_content().split())
    feed = client.get(f"/feeds/{ana.feed_token}.ics").get_data(as_text=True)
    assert "STATUS:CANCELLED" in feed and "Regional platforms" in feed


def test_restaffing_is_told_to_the_people_who_joined_and_left(programme, create_user, appoint, secretariat, smtp_sink):
    leaving, joining = create_user(email="leaving@example.org"), create_user(email="joining@example.org")
    appointment = appoint(programme.later, leaving, AppointmentRole.MODERATOR)
    publish(secretariat, programme.forum)

    db.session.delete(appointment)
    appoint(programme.later, joining, AppointmentRole.MODERATOR)
    publish(secretariat, programme.forum)

    [_appointed, left] = digests(smtp_sink, "leaving@example.org")
    [joined] = digests(smtp_sink, "joining@example.org")
    for digest in (left, joined):
        text = " ".join(digest.get_body(("plain",)).get_content().split())
        assert "New people in Session 5. Knowledge sharing: Moderator now" in text and "Moderator no longer" in text


def test_people_who_opted_out_get_no_digest(programme, participant, secretariat, smtp_sink):
    client, ana = participant(programme.forum, "ana")
    choose(client, programme.parallel_a)
    client.post("/account/change-digests", data={})
    assert db.session.get(type(ana), ana.id).wants_change_digests is False
    publish(secretariat, programme.forum)
    programme.parallel_a.title = "Regional platforms and position papers"
    db.session.commit()

    publish(secretariat, programme.forum)

    assert digests(smtp_sink, "ana@example.org") == []


def test_the_digest_is_written_in_the_persons_language(programme, participant, secretariat, smtp_sink):
    client, ana = participant(programme.forum, "ana")
    ana.preferred_language = "es"
    db.session.commit()
    choose(client, programme.parallel_a)
    publish(secretariat, programme.forum)
    programme.parallel_a.title = "Plataformas regionales"
    db.session.commit()

    publish(secretariat, programme.forum)

    [digest] = digests(smtp_sink, "ana@example.org")
    assert digest["Subject"] == f"Cambios en sus sesiones de {programme.forum.title}"
    assert "Sesión 3. Plataformas regionales" in " ".join(digest.get_body(("plain",)).get_content().split())


def test_the_first_release_sends_no_digest(programme):
    [first] = db.session.scalars(select(AgendaRelease).where(AgendaRelease.forum_id == programme.forum.id)).all()
    assert send_change_digests(first.id) == 0
