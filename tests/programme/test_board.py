"""The secretariat's schedule board: what it shows of a day, and moves through the endpoint its script posts to."""

import re
from datetime import date, time

import pytest

from workshop.accounts.models import ForumRoleName
from workshop.core.timezones import local_date, local_time
from workshop.extensions import db
from workshop.programme.models import ForumSession

JSON = {"Accept": "application/json"}


@pytest.fixture
def board_forum(create_forum, create_day, create_block, create_session, create_room, create_track, create_user):
    """Return a forum on two days: two rooms, a morning block with two parallel sessions, and its secretary."""
    forum = create_forum(slug="board-forum")
    first_day, second_day = create_day(forum), create_day(forum)
    morning = create_block(first_day, "09:00", "12:00", label="Morning")
    afternoon = create_block(first_day, "14:00", "16:00", label="Afternoon")
    create_block(second_day, "09:00", "12:00")
    cartagena, bolivar = create_room(forum, "Sala Cartagena"), create_room(forum, "Salón Bolívar")
    track = create_track(forum, "Road to Busan")
    facilitator = create_user(name="Ana Facilitadora", roles={forum: [ForumRoleName.FACILITATOR]})
    third = create_session(
        forum, morning, "Discussing SSC", "09:00", "10:45", cartagena, [facilitator], number="3", track=track
    )
    sixth = create_session(forum, morning, "Post-Busan", "11:00", "12:00", bolivar, number="6")
    unplaced = create_session(forum, afternoon, "Knowledge fair", "14:00", "15:30", number="7")
    secretary = create_user(roles={forum: [ForumRoleName.SECRETARIAT]})
    return {
        "forum": forum,
        "days": (first_day, second_day),
        "rooms": (cartagena, bolivar),
        "sessions": (third, sixth, unplaced),
        "facilitator": facilitator,
        "secretary": secretary,
    }


def board_of(client, world, day=None):
    query = f"?day={day.isoformat()}" if day else ""
    return client.get(f"/manage/{world['forum'].slug}/board{query}")


def move(client, world, session, day, starts, room, version=None, headers=JSON):
    """Post a drop as the board's script does; return the response."""
    return client.post(
        f"/manage/{world['forum'].slug}/board/sessions/{session.id}/move",
        data={
            "day": day.isoformat(),
            "starts": starts,
            "room_id": str(room.id),
            "version": str(session.version if version is None else version),
        },
        headers=headers,
    )


def placement(session):
    """Return where a session stands now in the database: local day, start, end and room."""
    db.session.expire_all()
    session = db.session.get(ForumSession, session.id)
    zone = session.forum.timezone
    return (
        local_date(session.starts_at, zone),
        local_time(session.starts_at, zone),
        local_time(session.ends_at, zone),
        session.room_id,
    )


def card_classes(html, session):
    return re.search(rf'id="session-{session.id}"[^>]*class="([^"]*)"', html, re.S).group(1)


def test_the_board_shows_rooms_as_columns_and_cards_sized_by_their_length(client, sign_in, board_forum):
    sign_in(client, board_forum["secretary"])

    html = board_of(client, board_forum).get_data(as_text=True)

    third, sixth, _ = board_forum["sessions"]
    # The board starts at 09:00: row 2 is 09:00, and a 105-minute session spans 21 rows of five minutes.
    assert card_classes(html, third).split()[1:4] == ["at-2", "rows-21", "room-2"]
    assert card_classes(html, sixth).split()[1:4] == ["at-26", "rows-12", "room-3"]
    assert re.search(r'class="board-head room-2" data-room-id="\d+">Sala Cartagena<', html)
    assert re.search(r'class="board-head room-3" data-room-id="\d+">Salón Bolívar<', html)
    assert (
        'aria-label="Session 3. Discussing SSC, 9:00\u202fAM to 10:45\u202fAM, Sala Cartagena, Road to Busan"' in html
    )
    assert "Ana Facilitadora" in html
    assert re.search(r'class="board-block at-2 rows-36 all-rooms">.*?Morning</div>', html)


def test_a_session_without_a_room_waits_in_the_tray(client, sign_in, board_forum):
    sign_in(client, board_forum["secretary"])

    html = board_of(client, board_forum).get_data(as_text=True)

    unplaced = board_forum["sessions"][2]
    grid, tray = html.split('id="board-tray-heading"')
    assert f'id="session-{unplaced.id}"' not in grid
    assert f'id="session-{unplaced.id}"' in tray
    assert card_classes(html, unplaced) == "board-card"


def test_the_day_switcher_shows_the_chosen_day_only(client, sign_in, board_forum):
    sign_in(client, board_forum["secretary"])

    html = board_of(client, board_forum, board_forum["days"][1].date).get_data(as_text=True)

    assert "Discussing SSC" not in html
    assert re.search(r'aria-current="page">[^<]*6, 2030<', html)


def test_a_conflict_already_there_is_marked_on_both_cards_and_listed(
    client, sign_in, board_forum, create_session, create_block
):
    forum, (cartagena, _) = board_forum["forum"], board_forum["rooms"]
    third = board_forum["sessions"][0]
    clash = create_session(forum, third.block, "Imported clash", "10:00", "11:00", cartagena, number="9")
    sign_in(client, board_forum["secretary"])

    html = board_of(client, board_forum).get_data(as_text=True)

    assert "has-conflict" in card_classes(html, third)
    assert "has-conflict" in card_classes(html, clash)
    assert "has-conflict" not in card_classes(html, board_forum["sessions"][1])
    reasons = re.search(rf'id="reasons-{clash.id}">([^<]*)<', html).group(1)
    assert "Sala Cartagena is already taken by Session 3. Discussing SSC at that time." in reasons
    listed = html[html.index('id="board-conflicts-heading"') : html.index('id="board-tray-heading"')]
    assert listed.count("is already taken by") == 1


def test_a_move_keeps_the_length_and_items_and_can_be_undone(client, sign_in, board_forum, create_item):
    third, sixth, _ = board_forum["sessions"]
    create_item(sixth, title="Keynote", duration_minutes=5)
    cartagena = board_forum["rooms"][0]
    day = board_forum["days"][0].date
    sign_in(client, board_forum["secretary"])

    response = move(client, board_forum, sixth, day, "10:45", cartagena)

    assert response.status_code == 200
    assert response.json["moved"] is True
    assert response.json["messages"] == ["Session 6. Post-Busan moved to 10:45\u202fAM, Sala Cartagena."]
    assert placement(sixth) == (day, time(10, 45), time(11, 45), cartagena.id)
    assert [item.title for item in db.session.get(ForumSession, sixth.id).items] == ["Keynote"]
    board = board_of(client, board_forum).get_data(as_text=True)
    assert "Undo the last move (Session 6. Post-Busan)" in board

    undone = client.post(f"/manage/{board_forum['forum'].slug}/board/undo", follow_redirects=True)

    assert "Move undone: Session 6. Post-Busan is back at 11:00\u202fAM." in undone.get_data(as_text=True)
    assert placement(sixth) == (day, time(11, 0), time(12, 0), board_forum["rooms"][1].id)
    assert "Undo the last move" not in undone.get_data(as_text=True)


def test_a_drop_on_a_taken_room_is_refused_in_the_session_forms_words(client, sign_in, board_forum):
    third, sixth, _ = board_forum["sessions"]
    cartagena = board_forum["rooms"][0]
    day = board_forum["days"][0].date
    before = placement(sixth)
    sign_in(client, board_forum["secretary"])

    response = move(client, board_forum, sixth, day, "09:00", cartagena)

    assert response.status_code == 409
    assert response.json["moved"] is False
    assert response.json["messages"] == ["Sala Cartagena is already taken by Session 3. Discussing SSC at that time."]
    assert placement(sixth) == before


def test_a_drop_without_script_answers_with_the_board_and_the_reason(client, sign_in, board_forum):
    third, sixth, _ = board_forum["sessions"]
    sign_in(client, board_forum["secretary"])

    response = move(
        client, board_forum, sixth, board_forum["days"][0].date, "09:00", board_forum["rooms"][0], headers={}
    )

    assert response.status_code == 303
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Sala Cartagena is already taken by Session 3. Discussing SSC at that time." in page


@pytest.mark.parametrize(
    ("starts", "day_index", "said"),
    [
        ("11:30", 0, "Session 6. Post-Busan does not fit inside its time block"),
        ("12:30", 0, "No time block holds 12:30\u202fPM on that day"),
        ("09:00", None, "Session 6. Post-Busan falls outside the forum's dates"),
    ],
)
def test_a_drop_outside_a_block_or_the_forums_dates_is_refused(client, sign_in, board_forum, starts, day_index, said):
    sixth = board_forum["sessions"][1]
    day = board_forum["days"][day_index].date if day_index is not None else date(2031, 1, 1)
    before = placement(sixth)
    sign_in(client, board_forum["secretary"])

    response = move(client, board_forum, sixth, day, starts, board_forum["rooms"][1])

    assert response.status_code in (409, 422)
    assert said in " ".join(response.json["messages"])
    assert placement(sixth) == before


def test_a_drop_on_a_person_already_busy_is_refused(client, sign_in, board_forum, create_session, create_block):
    forum = board_forum["forum"]
    busy = create_session(
        forum,
        board_forum["sessions"][0].block,
        "Also led by Ana",
        "11:00",
        "12:00",
        board_forum["rooms"][0],
        [board_forum["facilitator"]],
        number="8",
    )
    before = placement(busy)
    sign_in(client, board_forum["secretary"])

    response = move(client, board_forum, busy, board_forum["days"][0].date, "10:00", board_forum["rooms"][1])

    assert response.status_code == 409
    assert response.json["messages"] == [
        "Ana Facilitadora is also appointed to Session 3. Discussing SSC at that time."
    ]
    assert placement(busy) == before


def test_a_stale_version_is_refused_and_asks_the_board_to_refresh(client, sign_in, board_forum):
    sixth = board_forum["sessions"][1]
    before = placement(sixth)
    sign_in(client, board_forum["secretary"])

    response = move(
        client, board_forum, sixth, board_forum["days"][0].date, "09:00", board_forum["rooms"][1], version=99
    )

    assert response.status_code == 409
    assert response.json["refresh"] is True
    assert "Someone else changed Session 6. Post-Busan after your board was loaded" in response.json["messages"][0]
    assert placement(sixth) == before


def test_a_room_of_another_forum_is_refused(client, sign_in, board_forum, create_forum, create_room):
    elsewhere = create_room(create_forum(), "Elsewhere")
    sixth = board_forum["sessions"][1]
    before = placement(sixth)
    sign_in(client, board_forum["secretary"])

    response = move(client, board_forum, sixth, board_forum["days"][0].date, "09:00", elsewhere)

    assert response.status_code == 422
    assert response.json["messages"] == ["That room is not one of this forum's rooms."]
    assert placement(sixth) == before


def test_a_session_of_another_forum_is_not_found(client, sign_in, board_forum, create_forum, create_day, create_block):
    other_forum = create_forum()
    other = ForumSession(
        forum=other_forum,
        title="Theirs",
        starts_at=board_forum["sessions"][1].starts_at,
        ends_at=board_forum["sessions"][1].ends_at,
    )
    db.session.add(other)
    db.session.commit()
    before = placement(other)
    sign_in(client, board_forum["secretary"])

    response = move(client, board_forum, other, board_forum["days"][0].date, "09:00", board_forum["rooms"][1])

    assert response.status_code == 404
    assert placement(other) == before


@pytest.mark.parametrize("who", ["anonymous", "facilitator"])
def test_a_drop_by_someone_outside_the_secretariat_changes_nothing(client, sign_in, board_forum, who):
    sixth = board_forum["sessions"][1]
    before = placement(sixth)
    sign_in(client, board_forum["facilitator"] if who == "facilitator" else None)

    response = move(client, board_forum, sixth, board_forum["days"][0].date, "09:00", board_forum["rooms"][1])

    assert response.status_code == (403 if who == "facilitator" else 302)
    assert placement(sixth) == before


def test_an_incomplete_drop_names_the_missing_fields(client, sign_in, board_forum):
    sixth = board_forum["sessions"][1]
    sign_in(client, board_forum["secretary"])

    response = client.post(
        f"/manage/{board_forum['forum'].slug}/board/sessions/{sixth.id}/move", data={"day": "2030-11-05"}, headers=JSON
    )

    assert response.status_code == 422
    assert [message.split(":")[0] for message in response.json["messages"]] == ["Starts", "Room", "Version"]


def test_an_undo_over_a_later_change_is_refused(client, sign_in, board_forum):
    sixth = board_forum["sessions"][1]
    day = board_forum["days"][0].date
    sign_in(client, board_forum["secretary"])
    move(client, board_forum, sixth, day, "10:45", board_forum["rooms"][0])
    db.session.expire_all()
    move(client, board_forum, db.session.get(ForumSession, sixth.id), day, "09:00", board_forum["rooms"][1])
    # The second move replaced the first as the one to undo; someone else now moves the session on.
    db.session.expire_all()
    moved_on = db.session.get(ForumSession, sixth.id)
    moved_on.version += 1
    db.session.commit()
    after = placement(sixth)

    page = client.post(f"/manage/{board_forum['forum'].slug}/board/undo", follow_redirects=True).get_data(as_text=True)

    assert "was changed after your move, so the move was not undone" in page
    assert placement(sixth) == after


def test_nothing_to_undo_says_so(client, sign_in, board_forum):
    sign_in(client, board_forum["secretary"])

    page = client.post(f"/manage/{board_forum['forum'].slug}/board/undo", follow_redirects=True).get_data(as_text=True)

    assert "There is no move to undo." in page
