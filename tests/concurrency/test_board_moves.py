"""Two secretariat members moving cards on the schedule board at the same moment: neither overwrites the other."""

from sqlalchemy import select

from tests.concurrency.conftest import all_at_once
from workshop.accounts.models import ForumRoleName
from workshop.core.timezones import local_time
from workshop.extensions import db
from workshop.programme.models import ForumSession

TIMEOUT = 120
JSON = {"Accept": "application/json"}


def drop(client, live_url, forum, session, starts, room):
    """Return a request that drops `session` at `starts` in `room`, with the version the board showed."""
    url = f"{live_url}/manage/{forum.slug}/board/sessions/{session.id}/move"
    data = {"day": forum.start_date.isoformat(), "starts": starts, "room_id": room.id, "version": session.version}
    return lambda: client.post(url, data=data, headers=JSON, timeout=TIMEOUT)


def test_two_people_moving_one_card_at_once_the_second_is_told_and_nothing_is_overwritten(
    live_url, signed_in, create_user, create_forum, create_day, create_block, create_room, create_session
):
    forum = create_forum()
    block = create_block(create_day(forum), "09:00", "12:00")
    first_room, second_room = create_room(forum, "Sala Cartagena"), create_room(forum, "Salón Bolívar")
    session = create_session(forum, block, "Post-Busan", "09:00", "10:00", first_room, number="6")
    first, second = (signed_in(create_user(roles={forum: [ForumRoleName.SECRETARIAT]})) for _ in range(2))
    version_shown = session.version

    responses = all_at_once(
        [
            drop(first, live_url, forum, session, "10:00", first_room),
            drop(second, live_url, forum, session, "11:00", second_room),
        ]
    )

    assert sorted(response.status_code for response in responses) == [200, 409]
    winner, loser = sorted(responses, key=lambda response: response.status_code)
    assert loser.json()["refresh"] is True
    assert "after your board was loaded; nothing was moved" in loser.json()["messages"][0]
    db.session.expire_all()
    saved = db.session.get(ForumSession, session.id)
    won = (local_time(saved.starts_at, forum.timezone).strftime("%H:%M"), saved.room.name)
    assert won in (("10:00", "Sala Cartagena"), ("11:00", "Salón Bolívar"))
    assert winner.json()["messages"][0].endswith(f"{won[1]}.")
    assert saved.version == version_shown + 1


def test_two_cards_dropped_on_one_room_and_time_at_once_leave_one_there(
    live_url, signed_in, create_user, create_forum, create_day, create_block, create_room, create_session
):
    forum = create_forum()
    block = create_block(create_day(forum), "09:00", "12:00")
    room, other_room = create_room(forum, "Sala Cartagena"), create_room(forum, "Salón Bolívar")
    sessions = [
        create_session(forum, block, f"Session {number}", "09:00", "10:00", other_room if number else None)
        for number in range(2)
    ]
    clients = [signed_in(create_user(roles={forum: [ForumRoleName.SECRETARIAT]})) for _ in range(2)]

    responses = all_at_once(
        [
            drop(client, live_url, forum, session, "11:00", room)
            for client, session in zip(clients, sessions, strict=True)
        ]
    )

    assert sorted(response.status_code for response in responses) == [200, 409]
    refused = next(response for response in responses if response.status_code == 409)
    assert "Sala Cartagena is already taken by" in refused.json()["messages"][0]
    db.session.expire_all()
    in_room = db.session.scalars(select(ForumSession.id).where(ForumSession.room_id == room.id)).all()
    assert len(in_room) == 1
