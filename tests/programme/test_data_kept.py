"""Defects a new secretariat officer found in the browser: what a form or an output silently lost."""

import io

import pdfplumber
from sqlalchemy import select

from tests.browser_forms import read_form
from workshop.accounts.models import ForumRoleName
from workshop.extensions import db
from workshop.programme.models import ForumSession, SessionFormat, SessionItem
from workshop.publishing.services import publish_release


def pdf_text(body):
    with pdfplumber.open(io.BytesIO(body)) as pdf:
        return " ".join(" ".join((page.extract_text() or "").split()) for page in pdf.pages)


def test_moving_a_panel_to_another_room_keeps_it_a_panel(
    client,
    login,
    create_user,
    create_forum,
    create_day,
    create_block,
    create_room,
    create_session,
):
    forum = create_forum()
    secretariat = create_user(roles={forum: [ForumRoleName.SECRETARIAT]})
    block = create_block(create_day(forum))
    room_a, room_b = create_room(forum, "Room A"), create_room(forum, "Room B")
    panel = create_session(forum, block, title="Panel on finance", room=room_a, format=SessionFormat.PANEL)
    login(client, secretariat)
    url = f"/manage/{forum.slug}/sessions/{panel.id}/edit"

    form = read_form(client.get(url).get_data(as_text=True))
    response = client.post(url, data=form.data(room_id=str(room_b.id)))

    assert response.status_code == 302
    saved = db.session.get(ForumSession, panel.id)
    assert (saved.room_id, saved.format) == (room_b.id, SessionFormat.PANEL)


def test_a_keynote_speaker_named_without_an_email_is_kept_and_shown_everywhere(
    client,
    login,
    create_user,
    create_forum,
    create_day,
    create_block,
    create_session,
):
    forum = create_forum()
    secretariat = create_user(roles={forum: [ForumRoleName.SECRETARIAT]})
    session = create_session(forum, create_block(create_day(forum)), title="Opening")
    login(client, secretariat)

    client.post(
        f"/manage/{forum.slug}/sessions/{session.id}/items",
        data={
            "kind": "keynote",
            "title": "Why it matters",
            "speaker_email": "",
            "speaker_name": "Amina Yusuf",
        },
    )

    item = db.session.scalar(select(SessionItem).where(SessionItem.session_id == session.id))
    assert item.speaker_name == "Amina Yusuf"
    assert "Amina Yusuf" in client.get(f"/manage/{forum.slug}/sessions/{session.id}").get_data(as_text=True)
    publish_release(secretariat, forum, "preliminary")
    db.session.commit()
    assert "Amina Yusuf" in client.get(f"/f/{forum.slug}/agenda").get_data(as_text=True)
    assert "Amina Yusuf" in pdf_text(client.get(f"/f/{forum.slug}/agenda.pdf").data)
    assert "Amina Yusuf" in client.get(f"/f/{forum.slug}/agenda.ics").get_data(as_text=True).replace("\r\n ", "")
    items = client.get(f"/api/v1/forums/{forum.slug}/agenda").get_json()["sessions"][0]["items"]
    assert (items[0]["speaker_id"], items[0]["speaker_name"]) == (None, "Amina Yusuf")


def test_a_session_outside_any_time_block_is_in_the_agenda_page_the_pdf_and_the_overview(
    client,
    login,
    create_user,
    create_forum,
    create_day,
    create_block,
    create_session,
):
    forum = create_forum()
    secretariat = create_user(roles={forum: [ForumRoleName.SECRETARIAT]})
    day = create_day(forum)
    create_session(forum, create_block(day, "09:00", "12:00"), title="Inside a block")
    create_session(forum, None, title="Evening reception", start="19:00", end="21:00")
    publish_release(secretariat, forum, "preliminary")
    db.session.commit()
    login(client, secretariat)

    assert "Evening reception" in client.get(f"/f/{forum.slug}/agenda").get_data(as_text=True)
    assert "Evening reception" in pdf_text(client.get(f"/f/{forum.slug}/agenda.pdf").data)
    assert "Evening reception" in client.get(f"/manage/{forum.slug}/").get_data(as_text=True)
    days = client.get(f"/api/v1/forums/{forum.slug}/agenda").get_json()["days"]
    placed = [
        entry["session_id"]
        for day in days
        for block in day["blocks"]
        for entry in block["entries"]
        if entry["type"] == "session"
    ]
    assert len(placed) == 2


def test_saving_a_session_outside_any_block_unchanged_leaves_it_there(
    client,
    login,
    create_user,
    create_forum,
    create_day,
    create_block,
    create_session,
):
    forum = create_forum()
    secretariat = create_user(roles={forum: [ForumRoleName.SECRETARIAT]})
    create_block(create_day(forum))
    reception = create_session(forum, None, title="Evening reception", start="19:00", end="21:00")
    before = (reception.starts_at, reception.ends_at)
    login(client, secretariat)
    url = f"/manage/{forum.slug}/sessions/{reception.id}/edit"

    response = client.post(url, data=read_form(client.get(url).get_data(as_text=True)).data())

    assert response.status_code == 302
    saved = db.session.get(ForumSession, reception.id)
    assert (saved.block_id, saved.starts_at, saved.ends_at) == (None, *before)


def test_a_change_of_format_is_listed_in_what_changed(
    client,
    create_user,
    create_forum,
    create_day,
    create_block,
    create_session,
):
    forum = create_forum()
    secretariat = create_user(roles={forum: [ForumRoleName.SECRETARIAT]})
    panel = create_session(forum, create_block(create_day(forum)), title="Finance", format=SessionFormat.PANEL)
    publish_release(secretariat, forum, "preliminary")
    panel.format = SessionFormat.ENGAGEMENT_WORKSHOP
    publish_release(secretariat, forum, "preliminary")
    db.session.commit()

    page = client.get(f"/f/{forum.slug}/agenda/changes").get_data(as_text=True)

    assert "Format of Finance: now Engagement workshop, was Panel." in page
