"""The readers' grid of a published agenda: rooms side by side, filters, now and next; and its pure layout."""

import re
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from workshop.extensions import db
from workshop.publishing import views
from workshop.publishing.grid import grid_day, now_and_next
from workshop.publishing.layout import AgendaBlock, AgendaDay, AgendaEntry
from workshop.publishing.release_view import Snapshot
from workshop.publishing.services import publish_release

BOGOTA = ZoneInfo("America/Bogota")


def at(hour, minute=0):
    return datetime(2030, 11, 5, hour, minute, tzinfo=BOGOTA)


def stored(sessions=(), loose_items=()):
    """Return a snapshot stored with these sessions and loose items, as the outputs read it."""
    return Snapshot.from_json(
        {
            "forum": {
                "slug": "grid",
                "title": "Grid",
                "start_date": "2030-11-05",
                "end_date": "2030-11-05",
                "timezone": "America/Bogota",
            },
            "days": [
                {
                    "date": "2030-11-05",
                    "title": "",
                    "to_be_announced": False,
                    "note": "",
                    "blocks": [
                        {
                            "id": 1,
                            "label": "",
                            "starts_at": "2030-11-05T14:00:00+00:00",
                            "ends_at": "2030-11-05T17:00:00+00:00",
                            "loose_items": list(loose_items),
                            "session_ids": [],
                        }
                    ],
                }
            ],
            "sessions": {str(session["id"]): session for session in sessions},
        }
    )


def session_entry(number, room, start, end):
    data = {
        "id": number,
        "number": str(number),
        "title": f"Session {number}",
        "format": "workshop",
        "room": room,
        "starts_at": start.isoformat(),
        "ends_at": end.isoformat(),
        "people": {},
        "items": [],
        "documents": [],
    }
    return AgendaEntry("session", start, end, stored(sessions=[data]).sessions[number])


def loose_entry(title, start, end):
    data = {"id": 1, "kind": "break", "title": title, "starts_at": start.isoformat(), "ends_at": end.isoformat()}
    return AgendaEntry("item", start, end, stored(loose_items=[data]).loose_items()[1])


def agenda_day(*blocks):
    day = AgendaDay(1, date(2030, 11, 5), "", False, "")
    day.blocks = list(blocks)
    return day


def test_a_block_puts_its_sessions_under_their_rooms_in_the_forums_order_no_room_last():
    third = session_entry(3, "Sala Cartagena", at(9), at(10, 45))
    fourth = session_entry(4, "Salón Bolívar", at(11), at(12))
    loose = session_entry(9, "", at(9), at(10))
    block = AgendaBlock(1, "Morning", at(9), at(12), [third, loose, fourth])

    grid = grid_day(agenda_day(block), ["Salón Bolívar", "Sala Cartagena", "Unused"])

    assert grid.rooms == ["Salón Bolívar", "Sala Cartagena", ""]
    assert len(grid.rows) == 1
    assert grid.rows[0].cells == [[fourth], [third], [loose]]
    assert (grid.rows[0].starts_at, grid.rows[0].ends_at, grid.rows[0].label) == (at(9), at(12), "Morning")


def test_loose_items_get_rows_of_their_own_before_or_after_the_sessions_by_time():
    opening = loose_entry("Opening", at(9), at(9, 30))
    same_time = loose_entry("Welcome", at(9, 30), at(9, 40))
    closing = loose_entry("Closing", at(11, 30), at(12))
    first = session_entry(1, "Salón Bolívar", at(9, 30), at(11, 30))
    block = AgendaBlock(1, "", at(9), at(12), [opening, same_time, first, closing])

    rows = grid_day(agenda_day(block), ["Salón Bolívar"]).rows

    assert [row.loose_item.title if row.loose_item else "sessions" for row in rows] == [
        "Opening",
        "Welcome",
        "sessions",
        "Closing",
    ]


def test_a_block_of_loose_items_only_has_no_session_row():
    block = AgendaBlock(1, "", at(9), at(12), [loose_entry("Plenary", at(9), at(12))])

    grid = grid_day(agenda_day(block), ["Salón Bolívar"])

    assert grid.rooms == []
    assert [row.loose_item.title for row in grid.rows] == ["Plenary"]


@pytest.mark.parametrize(
    ("now", "running", "coming"),
    [
        (at(8, 59), [], ["1", "2"]),
        (at(9), ["1", "2"], ["3"]),
        (at(9, 59), ["1", "2"], ["3"]),
        (at(10), ["2"], ["3"]),
        (at(11), ["2", "3"], []),
        (at(12), [], []),
    ],
)
def test_now_is_what_runs_and_next_is_everything_that_starts_first_after(now, running, coming):
    block = AgendaBlock(
        1,
        "",
        at(9),
        at(12),
        [
            session_entry(1, "A", at(9), at(10)),
            session_entry(2, "B", at(9), at(12)),
            session_entry(3, "A", at(11), at(12)),
            loose_entry("Break", at(10), at(10, 30)),
        ],
    )

    now_entries, next_entries = now_and_next([agenda_day(block)], now)

    assert [entry.data.number for entry in now_entries] == running
    assert [entry.data.number for entry in next_entries] == coming


@pytest.fixture
def published_forum(
    create_forum, create_day, create_block, create_session, create_room, create_track, create_user, create_loose_item
):
    forum = create_forum(slug="grid-forum", is_public=True)
    block = create_block(create_day(forum), "09:00", "12:00", label="Morning")
    cartagena, bolivar = create_room(forum, "Sala Cartagena"), create_room(forum, "Salón Bolívar")
    busan, knowledge = create_track(forum, "Road to Busan"), create_track(forum, "Knowledge sharing")
    create_loose_item(block, "09:00", "09:15", title="Opening remarks")
    create_session(forum, block, "Discussing SSC", "09:15", "10:45", cartagena, number="3", track=busan)
    create_session(forum, block, "Post-Busan", "09:15", "10:15", bolivar, number="4", track=knowledge)
    publish_release(create_user(), forum, "preliminary")
    db.session.commit()
    return forum, (cartagena, bolivar), (busan, knowledge)


def row_with(html, text):
    """Return the table row of the page that holds `text`."""
    return next(row for row in re.findall(r"<tr.*?</tr>", html, re.S) if text in row)


def test_parallel_sessions_stand_side_by_side_under_their_rooms(client, published_forum):
    forum, _, _ = published_forum

    html = client.get(f"/f/{forum.slug}/agenda/grid").get_data(as_text=True)

    headers = re.findall(r'<th scope="col">([^<]*)</th>', html)
    assert headers == ["Time", "Sala Cartagena", "Salón Bolívar"]
    row = row_with(html, "Discussing SSC")
    assert row.index("Discussing SSC") < row.index("Post-Busan"), "both sessions of the block share one row"
    assert re.search(r"<td colspan=\"2\">Opening remarks", row_with(html, "Opening remarks"))
    assert "Now and next" not in html, "the forum is not on"


def test_the_grid_filters_by_track_and_by_room(client, published_forum):
    forum, (cartagena, _), (_, knowledge) = published_forum

    by_track = client.get(f"/f/{forum.slug}/agenda/grid?track={knowledge.id}").get_data(as_text=True)
    by_room = client.get(f"/f/{forum.slug}/agenda/grid?room={cartagena.id}").get_data(as_text=True)

    assert "Post-Busan" in by_track and "Discussing SSC" not in by_track
    assert "Discussing SSC" in by_room and "Post-Busan" not in by_room
    assert f'<option value="{knowledge.id}" selected>' in by_track


def test_during_the_forum_the_grid_says_what_runs_now_and_what_comes_next(client, published_forum, monkeypatch):
    forum, _, _ = published_forum
    monkeypatch.setattr(views, "utcnow", lambda: datetime(2030, 11, 5, 15, 0, tzinfo=UTC))  # 10:00 in Bogotá

    html = client.get(f"/f/{forum.slug}/agenda/grid").get_data(as_text=True)

    now_next = html[html.index('id="now-next-heading"') : html.index("</section>")]
    running, coming = now_next.split(">Next<")
    assert "Discussing SSC" in running and "Post-Busan" in running
    assert "Nothing more today or later." in coming


def test_before_the_first_release_the_grid_says_so(client, create_forum):
    forum = create_forum(is_public=True)

    html = client.get(f"/f/{forum.slug}/agenda/grid").get_data(as_text=True)

    assert "The agenda has not been published yet." in html
