"""A forum the secretariat has just created shows its next steps, ticked as the work is done, until the first release."""

import io
import re

import pytest

from workshop.core import checklist
from workshop.core.checklist import StepDefinition
from workshop.demo.sample_files import make_pdf
from workshop.documents import services as documents
from workshop.extensions import db
from workshop.forums.services import find_forum
from workshop.registration.models import RegistrationSettings
from workshop.registration.rules import RegistrationMode

NEW_FORUM = {
    "title": "Financing for Development",
    "slug": "financing-2031",
    "city": "Addis Ababa",
    "country_code": "ET",
    "start_date": "2031-07-13",
    "end_date": "2031-07-16",
    "timezone": "Africa/Addis_Ababa",
    "is_public": "y",
}
STEP_LABELS = [
    "Dates and time zone",
    "Days and time blocks",
    "Rooms and tracks",
    "Sessions",
    "People appointed to sessions",
    "Drafts tabled",
    "Registration opened",
    "First release published",
]
STEP_LINK = re.compile(
    r'<li class="(done|to-do)( next)?">\s*<span class="tick"[^>]*>[^<]*</span>\s*<a href="([^"]+)"[^>]*>([^<]+)</a>'
)


def checklist_on(client, forum_slug):
    """Return the checklist the programme page shows: (label, state, link), state "done", "next" or "to do"."""
    html = client.get(f"/manage/{forum_slug}/").get_data(as_text=True)
    return [
        (label, "done" if state == "done" else "next" if following else "to do", link)
        for state, following, link, label in STEP_LINK.findall(html)
    ]


def states(client, forum_slug):
    return [(label, state) for label, state, _link in checklist_on(client, forum_slug)]


@pytest.fixture
def organiser(create_user):
    return create_user(email="organiser@example.test", is_admin=True)


@pytest.fixture
def new_forum(client, login, organiser):
    """Create a forum through the secretariat's form, as they would, and return it."""
    login(client, organiser)
    response = client.post("/manage/new", data=NEW_FORUM)
    assert response.status_code == 302, response.get_data(as_text=True)
    return find_forum(NEW_FORUM["slug"])


def test_a_new_forum_lists_its_steps_with_the_dates_done_and_blocks_next(client, new_forum):
    steps = checklist_on(client, new_forum.slug)

    assert [label for label, _state, _link in steps] == STEP_LABELS
    assert [state for _label, state, _link in steps] == ["done", "next"] + ["to do"] * 6
    assert dict((label, link) for label, _state, link in steps) == {
        "Dates and time zone": f"/manage/{new_forum.slug}/edit",
        "Days and time blocks": f"/manage/{new_forum.slug}/frame",
        "Rooms and tracks": f"/manage/{new_forum.slug}/frame",
        "Sessions": f"/manage/{new_forum.slug}/sessions/new",
        "People appointed to sessions": f"/manage/{new_forum.slug}/",
        "Drafts tabled": f"/manage/{new_forum.slug}/documents",
        "Registration opened": f"/manage/{new_forum.slug}/registration",
        "First release published": f"/manage/{new_forum.slug}/releases",
    }


def test_the_steps_tick_themselves_as_the_work_is_done_and_the_list_goes_with_the_first_release(
    client, new_forum, organiser, create_block, create_room, create_session, create_user, appoint
):
    create_block(new_forum.days[0], "09:00", "12:00")
    assert states(client, new_forum.slug)[:3] == [
        ("Dates and time zone", "done"),
        ("Days and time blocks", "done"),
        ("Rooms and tracks", "next"),
    ]

    room = create_room(new_forum, "Plenary hall")
    session = create_session(new_forum, new_forum.days[0].blocks[0], "Domestic resources", "09:00", "10:30", room=room)
    assert states(client, new_forum.slug)[2:5] == [
        ("Rooms and tracks", "done"),
        ("Sessions", "done"),
        ("People appointed to sessions", "next"),
    ]

    appoint(session, create_user(email="facilitator@example.test"))
    document = documents.create_document(organiser, new_forum, "Issues paper", "paper", "en", session=session)
    documents.upload_version(
        organiser, document, io.BytesIO(make_pdf("Issues paper", ["Text."])), "paper.pdf", "revised"
    )
    db.session.commit()
    assert [state for _label, state in states(client, new_forum.slug)] == ["done"] * 6 + ["next", "to do"]

    db.session.add(RegistrationSettings(forum_id=new_forum.id, mode=RegistrationMode.OPEN))
    db.session.commit()
    assert [state for _label, state in states(client, new_forum.slug)] == ["done"] * 7 + ["next"]

    published = client.post(f"/manage/{new_forum.slug}/releases", data={"status": "preliminary", "note": ""})

    assert published.status_code == 302
    page = client.get(f"/manage/{new_forum.slug}/").get_data(as_text=True)
    assert "Next steps for this forum" not in page
    assert checklist_on(client, new_forum.slug) == []


def test_a_feature_adds_its_step_in_its_place(client, new_forum):
    """A step a feature registers takes its place by position; registering the same key again replaces it."""
    interpretation = StepDefinition("interpretation", 65, "Interpreters booked", "programme.overview", lambda forum: 0)
    checklist.register_steps([interpretation])
    try:
        labels = [label for label, _state, _link in checklist_on(client, new_forum.slug)]
    finally:
        del checklist._registered["interpretation"]

    assert labels == [*STEP_LABELS[:6], "Interpreters booked", *STEP_LABELS[6:]]


def test_the_checklist_speaks_spanish_and_french(client, new_forum):
    spanish = client.get(f"/manage/{new_forum.slug}/?lang=es").get_data(as_text=True)
    french = client.get(f"/manage/{new_forum.slug}/?lang=fr").get_data(as_text=True)

    assert "Próximos pasos para este foro" in spanish and "Fechas y zona horaria" in spanish
    assert "Prochaines étapes pour ce forum" in french and "Dates et fuseau horaire" in french
