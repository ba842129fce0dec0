"""Secretariat members and facilitators who act at the same moment: nothing lost, every request answered."""

import io

from sqlalchemy import func, select

from tests.browser_forms import read_form
from tests.concurrency.conftest import all_at_once
from workshop.accounts.models import ForumRoleName
from workshop.demo.sample_files import make_docx
from workshop.documents import services as document_services
from workshop.documents.models import DocumentVersion
from workshop.extensions import db
from workshop.forums.models import Forum
from workshop.programme.models import ForumSession
from workshop.publishing.models import AgendaRelease

TIMEOUT = 120


def secretariat_of(forum, create_user, count):
    return [create_user(roles={forum: [ForumRoleName.SECRETARIAT]}) for _ in range(count)]


def post_form(client, page_url, **changes):
    """Return a request that posts the form of `page_url`, opened now, with `changes` typed in."""
    form = read_form(client.get(page_url, timeout=TIMEOUT).text)
    return lambda: client.post(page_url, data=form.data(**changes), allow_redirects=False, timeout=TIMEOUT)


def test_two_people_saving_one_session_at_once_both_keep_their_work(
    live_url,
    signed_in,
    create_user,
    create_forum,
    create_day,
    create_block,
    create_session,
):
    forum = create_forum()
    session = create_session(forum, create_block(create_day(forum)), title="Opening")
    first, second = (signed_in(user) for user in secretariat_of(forum, create_user, 2))
    url = f"{live_url}/manage/{forum.slug}/sessions/{session.id}/edit"

    responses = all_at_once([post_form(first, url, title="Opening plenary"), post_form(second, url, title="Welcome")])

    assert sorted(response.status_code for response in responses) == [302, 409]
    winner, loser = sorted(responses, key=lambda response: response.status_code)
    db.session.expire_all()
    saved = db.session.get(ForumSession, session.id).title
    assert saved in ("Opening plenary", "Welcome")
    told = read_form(loser.text)
    assert "Someone else saved this after you opened it" in loser.text
    assert dict(told.fields)["title"] != saved, "the second person's typing is not in the form any more"


def test_two_people_saving_the_forum_settings_at_once_both_keep_their_work(
    live_url,
    signed_in,
    create_user,
    create_forum,
):
    forum = create_forum(title="Forum")
    first, second = (signed_in(user) for user in secretariat_of(forum, create_user, 2))
    url = f"{live_url}/manage/{forum.slug}/edit"

    responses = all_at_once([post_form(first, url, venue="Hall A"), post_form(second, url, city="Lima")])

    assert sorted(response.status_code for response in responses) == [302, 409]
    loser = max(responses, key=lambda response: response.status_code)
    db.session.expire_all()
    saved = db.session.get(Forum, forum.id)
    assert (saved.venue, saved.city) in (("Hall A", ""), ("", "Lima"))
    assert dict(read_form(loser.text).fields)["venue" if saved.city else "city"] in ("Hall A", "Lima")


def test_simultaneous_publishes_get_contiguous_numbers_and_each_an_answer(
    live_url,
    signed_in,
    create_user,
    create_forum,
    create_day,
    create_block,
    create_session,
):
    forum = create_forum()
    create_session(forum, create_block(create_day(forum)))
    clients = [signed_in(user) for user in secretariat_of(forum, create_user, 2)]
    url = f"{live_url}/manage/{forum.slug}/releases"
    publishes = [
        (
            lambda client=clients[index % 2]: client.post(
                url, data={"status": "preliminary", "note": ""}, allow_redirects=False, timeout=TIMEOUT
            )
        )
        for index in range(12)
    ]

    responses = all_at_once(publishes)

    assert [response.status_code for response in responses] == [302] * 12
    numbers = db.session.scalars(select(AgendaRelease.number).where(AgendaRelease.forum_id == forum.id)).all()
    assert sorted(numbers) == list(range(1, 13))


def test_simultaneous_version_uploads_get_contiguous_numbers_and_each_an_answer(
    live_url,
    signed_in,
    create_user,
    create_forum,
    create_day,
    create_block,
    create_session,
):
    forum = create_forum()
    secretariat = secretariat_of(forum, create_user, 1)[0]
    session = create_session(forum, create_block(create_day(forum)))
    document_id = document_services.table_new_document(
        secretariat,
        session,
        "Draft",
        "paper",
        "en",
        io.BytesIO(make_docx("Draft", ["First."])),
        "draft.docx",
        "preliminary",
    ).document_id
    db.session.commit()
    client = signed_in(secretariat)
    url = f"{live_url}/f/{forum.slug}/sessions/{session.id}/documents/{document_id}/versions"

    def upload(number):
        body = make_docx("Draft", [f"Revision {number}."])
        return lambda: client.post(
            url,
            data={f"version-{document_id}-status": "revised"},
            files={f"version-{document_id}-file": (f"draft-{number}.docx", body)},
            allow_redirects=False,
            timeout=TIMEOUT,
        )

    responses = all_at_once([upload(number) for number in range(8)])

    assert [response.status_code for response in responses] == [302] * 8
    numbers = db.session.scalars(select(DocumentVersion.number).where(DocumentVersion.document_id == document_id)).all()
    assert sorted(numbers) == list(range(1, 10))


def test_simultaneous_bookings_of_one_room_leave_one_session_in_it(
    live_url,
    signed_in,
    create_user,
    create_forum,
    create_day,
    create_block,
    create_room,
):
    forum = create_forum()
    block = create_block(create_day(forum), "09:00", "12:00")
    room = create_room(forum, "Salón Bolívar")
    clients = [signed_in(user) for user in secretariat_of(forum, create_user, 2)]
    url = f"{live_url}/manage/{forum.slug}/sessions/new"

    def book(number):
        data = {
            "number": str(number),
            "title": f"Session {number}",
            "outputs": "",
            "format": "panel",
            "block_id": block.id,
            "starts_at": "10:00",
            "ends_at": "11:00",
            "room_id": room.id,
            "track_id": 0,
            "capacity": "",
            "version": "",
        }
        return lambda: clients[number % 2].post(url, data=data, allow_redirects=False, timeout=TIMEOUT)

    responses = all_at_once([book(number) for number in range(8)])

    assert sorted(response.status_code for response in responses) == [302] + [409] * 7
    assert all("is already taken by" in response.text for response in responses if response.status_code == 409)
    booked = db.session.scalar(select(func.count(ForumSession.id)).where(ForumSession.room_id == room.id))
    assert booked == 1
