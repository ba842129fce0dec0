"""The public page of a session: what it offers to whom."""

import pytest

from workshop.accounts.models import ForumRoleName
from workshop.extensions import db
from workshop.programme.models import ItemKind, SessionItem
from workshop.publishing.services import publish_release


@pytest.fixture
def published_session(create_forum, create_day, create_block, create_user, create_session):
    forum = create_forum(slug="page-forum")
    block = create_block(create_day(forum), "09:00", "12:00")
    facilitator = create_user(email="lead@example.test", roles={forum: [ForumRoleName.FACILITATOR]})
    session = create_session(forum, block, "Building good practices", facilitators=[facilitator], number="1")
    publish_release(facilitator, forum, "preliminary")
    db.session.commit()
    return forum, session, facilitator


def test_anyone_can_add_the_session_to_a_calendar_but_only_its_people_get_the_brief(
    client, login, published_session, create_user
):
    forum, session, facilitator = published_session
    url = f"/f/{forum.slug}/sessions/{session.id}"
    calendar_link = f'href="/f/{forum.slug}/sessions/{session.id}.ics"'
    brief_link = f'href="/f/{forum.slug}/sessions/{session.id}/brief.pdf"'

    anonymous = client.get(url).get_data(as_text=True)
    assert calendar_link in anonymous and brief_link not in anonymous

    login(client, create_user(roles={forum: [ForumRoleName.PARTICIPANT]}))
    assert brief_link not in client.get(url).get_data(as_text=True)

    client.post("/account/logout")
    login(client, facilitator)
    assert brief_link in client.get(url).get_data(as_text=True)


def test_a_speaker_of_one_of_its_items_gets_the_brief_as_the_feed_and_the_pdf_agenda_count_them_in(
    client, login, create_forum, create_day, create_block, create_user, create_session
):
    forum = create_forum(slug="speaker-forum")
    secretariat = create_user(roles={forum: [ForumRoleName.SECRETARIAT]})
    speaker = create_user(email="keynote@example.test", roles={forum: [ForumRoleName.PARTICIPANT]})
    session = create_session(forum, create_block(create_day(forum), "09:00", "12:00"), "Horizontal partnerships")
    session.items.append(
        SessionItem(kind=ItemKind.KEYNOTE, title="Opening keynote", speaker=speaker, duration_minutes=5)
    )
    publish_release(secretariat, forum, "preliminary")
    db.session.commit()
    login(client, speaker)

    page = client.get(f"/f/{forum.slug}/sessions/{session.id}").get_data(as_text=True)

    assert f'href="/f/{forum.slug}/sessions/{session.id}/brief.pdf"' in page
