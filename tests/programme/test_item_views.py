"""The running order of a session and the loose items of a block, through the secretariat's screens."""

from datetime import time

import pytest
from sqlalchemy import select

from workshop.accounts.models import ForumRoleName
from workshop.core.timezones import utc_to_local
from workshop.extensions import db
from workshop.programme.models import BlockItem, ItemKind


@pytest.fixture
def running_order(create_forum, create_day, create_block, create_session, create_item, create_user):
    """Return a forum whose 90-minute session runs a keynote, a presentation and a debate, and its secretary."""
    forum = create_forum(slug="order-forum")
    block = create_block(create_day(forum), "09:00", "12:00")
    session = create_session(forum, block, "Building good practices", "09:00", "10:30", number="1")
    for kind, title, minutes in (
        (ItemKind.KEYNOTE, "Keynote", 5),
        (ItemKind.PRESENTATION, "Presentation", 20),
        (ItemKind.DEBATE, "Debate", 30),
    ):
        create_item(session, kind, title, minutes)
    secretary = create_user(roles={forum: [ForumRoleName.SECRETARIAT]})
    return forum, block, session, secretary


def order_of(session):
    db.session.refresh(session)
    return [(item.position, item.title) for item in session.items]


def item_url(forum, session, item, action):
    return f"/manage/{forum.slug}/sessions/{session.id}/items/{item.id}/{action}"


def test_an_item_is_edited_in_place(client, sign_in, running_order):
    forum, _, session, secretary = running_order
    presentation = session.items[1]
    sign_in(client, secretary)

    client.post(
        item_url(forum, session, presentation, "edit"),
        data={"kind": "questions", "title": " Questions to participants ", "duration_minutes": "25"},
    )

    db.session.refresh(presentation)
    assert (presentation.kind, presentation.title, presentation.duration_minutes, presentation.position) == (
        ItemKind.QUESTIONS,
        "Questions to participants",
        25,
        1,
    )


def test_a_keynote_edited_without_minutes_gets_five(client, sign_in, running_order):
    forum, _, session, secretary = running_order
    debate = session.items[2]
    sign_in(client, secretary)

    client.post(
        item_url(forum, session, debate, "edit"),
        data={"kind": "keynote", "title": "Second keynote", "duration_minutes": ""},
    )

    db.session.refresh(debate)
    assert (debate.kind, debate.duration_minutes) == (ItemKind.KEYNOTE, 5)


def test_an_edit_that_overruns_the_session_is_refused_and_undone(client, sign_in, running_order):
    forum, _, session, secretary = running_order
    debate = session.items[2]
    sign_in(client, secretary)

    response = client.post(
        item_url(forum, session, debate, "edit"),
        data={"kind": "debate", "title": "Long debate", "duration_minutes": "80"},
        follow_redirects=True,
    )

    assert "need 105 minutes but the session lasts 90" in response.get_data(as_text=True)
    db.session.refresh(debate)
    assert (debate.title, debate.duration_minutes) == ("Debate", 30)


def test_items_move_up_and_down_and_stop_at_the_ends(client, sign_in, running_order):
    forum, _, session, secretary = running_order
    keynote, presentation, debate = session.items
    sign_in(client, secretary)

    client.post(item_url(forum, session, debate, "move/up"))
    assert order_of(session) == [(0, "Keynote"), (1, "Debate"), (2, "Presentation")]

    client.post(item_url(forum, session, keynote, "move/down"))
    assert order_of(session) == [(0, "Debate"), (1, "Keynote"), (2, "Presentation")]

    client.post(item_url(forum, session, presentation, "move/down"))
    client.post(item_url(forum, session, debate, "move/up"))
    assert order_of(session) == [(0, "Debate"), (1, "Keynote"), (2, "Presentation")]


def test_deleting_an_item_closes_the_gap_in_the_order(client, sign_in, running_order):
    forum, _, session, secretary = running_order
    sign_in(client, secretary)

    client.post(item_url(forum, session, session.items[0], "delete"), data={"confirmed": "yes"})

    assert order_of(session) == [(0, "Presentation"), (1, "Debate")]


def loose_item_form(start, end, title="Opening remarks", kind="opening_remarks"):
    return {"kind": kind, "title": title, "starts_at": start, "ends_at": end}


def test_a_loose_item_is_saved_in_the_forums_wall_clock_and_edited(client, sign_in, running_order):
    forum, block, _, secretary = running_order
    sign_in(client, secretary)

    created = client.post(f"/manage/{forum.slug}/blocks/{block.id}/items/new", data=loose_item_form("09:00", "09:15"))
    item = db.session.scalar(select(BlockItem))
    client.post(
        f"/manage/{forum.slug}/blocks/{block.id}/items/{item.id}/edit",
        data=loose_item_form("11:45", "12:00", "Closing remarks", "closing_remarks"),
    )

    assert created.headers["Location"] == f"/manage/{forum.slug}/"
    db.session.refresh(item)
    local = [utc_to_local(moment, forum.timezone).time() for moment in (item.starts_at, item.ends_at)]
    assert (item.kind, item.title, local) == (ItemKind.CLOSING_REMARKS, "Closing remarks", [time(11, 45), time(12)])


@pytest.mark.parametrize(("start", "end"), [("08:45", "09:15"), ("11:50", "12:10")])
def test_a_loose_item_must_fit_in_its_block(client, sign_in, running_order, start, end):
    forum, block, _, secretary = running_order
    sign_in(client, secretary)

    response = client.post(f"/manage/{forum.slug}/blocks/{block.id}/items/new", data=loose_item_form(start, end))

    assert "The item must fit inside its time block." in response.get_data(as_text=True)
    assert db.session.scalar(select(BlockItem)) is None


def test_a_loose_item_filling_its_whole_block_fits(client, sign_in, running_order):
    forum, block, _, secretary = running_order
    sign_in(client, secretary)

    client.post(
        f"/manage/{forum.slug}/blocks/{block.id}/items/new",
        data=loose_item_form("09:00", "12:00", "Plenary debate", "debate"),
    )

    assert [item.title for item in db.session.scalars(select(BlockItem))] == ["Plenary debate"]


def test_a_loose_item_is_deleted(client, sign_in, running_order, create_loose_item):
    forum, block, _, secretary = running_order
    item = create_loose_item(block, "09:00", "09:15")
    sign_in(client, secretary)

    client.post(f"/manage/{forum.slug}/blocks/{block.id}/items/{item.id}/delete", data={"confirmed": "yes"})

    assert db.session.scalar(select(BlockItem)) is None
