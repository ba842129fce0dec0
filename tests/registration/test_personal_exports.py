"""The personal agenda PDF and feed hold the person's choices, the plenaries and their roles, and follow a changed choice."""

import io

import icalendar
import pypdf

from tests.calendar_clients import khal_listing, needs_khal
from tests.registration.conftest import choose
from workshop.extensions import db
from workshop.forums.models import GroupMember
from workshop.programme.models import AppointmentRole
from workshop.publishing.services import publish_release


def pdf_text(response):
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    return " ".join(" ".join(page.extract_text().split()) for page in pypdf.PdfReader(io.BytesIO(response.data)).pages)


def feed_titles(client, user):
    response = client.get(f"/feeds/{user.feed_token}.ics")
    assert response.status_code == 200
    return sorted(str(event["SUMMARY"]) for event in icalendar.Calendar.from_ical(response.data).walk("VEVENT"))


def test_the_personal_pdf_holds_the_choices_and_the_plenary_and_follows_a_new_choice(programme, participant):
    client, _user = participant(programme.forum)
    choose(client, programme.parallel_a)

    first = client.get(f"/f/{programme.forum.slug}/my-agenda.pdf")
    text = pdf_text(first)
    assert "Regional platforms" in text and "The way ahead" in text
    assert "Side event on knowledge" not in text and "Building block working meeting" not in text
    assert "Knowledge sharing" not in text

    client.post(f"/f/{programme.forum.slug}/registration/sessions/{programme.parallel_a.id}/drop")
    choose(client, programme.parallel_b)
    second = client.get(f"/f/{programme.forum.slug}/my-agenda.pdf", headers={"If-None-Match": first.headers["ETag"]})

    text = pdf_text(second)
    assert "Side event on knowledge" in text and "Regional platforms" not in text


def test_the_personal_feed_holds_choices_plenaries_and_roles_and_a_restricted_session_only_for_members(
    programme, participant, appoint
):
    client, user = participant(programme.forum)
    choose(client, programme.parallel_a)
    choose(client, programme.closed)
    appoint(programme.later, user, AppointmentRole.RAPPORTEUR)
    assert feed_titles(client, user) == ["Session 3. Regional platforms", "Session 4. The way ahead"]

    programme.coalition.members.append(GroupMember(user=user))
    db.session.commit()
    choose(client, programme.closed)
    publish_release(None, programme.forum, "preliminary")
    db.session.commit()

    assert feed_titles(client, user) == [
        "Building block working meeting",
        "Session 3. Regional platforms",
        "Session 4. The way ahead",
        "Session 5. Knowledge sharing",
    ]


def test_a_restricted_session_is_marked_on_the_public_agenda_and_its_page(client, programme):
    agenda = client.get(f"/f/{programme.forum.slug}/agenda").get_data(as_text=True)
    session_page = client.get(f"/f/{programme.forum.slug}/sessions/{programme.closed.id}").get_data(as_text=True)
    assert "Restricted to Building block on SSC" in agenda
    assert "Restricted to Building block on SSC" in session_page


@needs_khal
def test_khal_imports_the_personal_feed_with_the_chosen_session_at_its_local_time(programme, participant, tmp_path):
    client, user = participant(programme.forum)
    choose(client, programme.parallel_b)
    day = programme.parallel_b.block.day.date.isoformat()

    listing = khal_listing(
        client.get(f"/feeds/{user.feed_token}.ics").data, tmp_path, programme.forum.timezone, day, "1d"
    )

    assert f"{day} 09:00 {day} 10:30 Side event on knowledge" in listing
    assert "The way ahead" in listing
    assert "Regional platforms" not in listing
