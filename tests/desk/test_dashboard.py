"""The secretariat's dashboard: charts drawn on the server, each with the table of its numbers."""

import re
from datetime import UTC, datetime

import pytest

from workshop.desk.models import SessionAttendance
from workshop.extensions import db
from workshop.forums.models import StakeholderGroup
from workshop.registration.models import Gender
from workshop.registration.rules import RegistrationStatus

Status = RegistrationStatus


@pytest.fixture
def registrations(forum, create_registration):
    """Five people over three days, from three countries, in two groups."""
    return [
        create_registration(forum, "Ana", registered_at=datetime(2011, 9, 5, 15, tzinfo=UTC), status=Status.CONFIRMED),
        create_registration(forum, "Bruno", registered_at=datetime(2011, 9, 5, 16, tzinfo=UTC), country_code="BR"),
        create_registration(
            forum,
            "Carla",
            registered_at=datetime(2011, 9, 7, 15, tzinfo=UTC),
            stakeholder=StakeholderGroup.COUNTRY_REPRESENTATIVES,
            gender=Gender.MAN,
            status=Status.CONFIRMED,
        ),
        create_registration(
            forum, "Dmitri", registered_at=datetime(2011, 9, 7, 16, tzinfo=UTC), country_code="RU", gender=None
        ),
        create_registration(forum, "Eva", registered_at=datetime(2011, 9, 7, 17, tzinfo=UTC), status=Status.WAITING),
    ]


def section(page, key):
    """Return one chart's section of the page."""
    return page.split(f'aria-labelledby="{key}-title"', 1)[1].split("</section>", 1)[0]


def table_rows(html):
    return re.findall(r'<tr><th scope="row">([^<]*)</th>((?:<td class="number">\d+</td>)+)</tr>', html)


def numbers(cells):
    return [int(value) for value in re.findall(r">(\d+)<", cells)]


def test_each_chart_has_its_numbers_as_a_table(desk_client, forum, registrations):
    page = desk_client.get(f"/manage/{forum.slug}/desk/dashboard").get_data(as_text=True)

    by_status = {name: numbers(cells) for name, cells in table_rows(section(page, "by-status"))}
    assert by_status == {
        "Awaiting e-mail check": [0],
        "Awaiting approval": [2],
        "Confirmed": [2],
        "On the waiting list": [1],
        "Declined": [0],
        "Cancelled": [0],
    }
    by_group = {name: numbers(cells) for name, cells in table_rows(section(page, "by-group"))}
    assert by_group["Civil society organisations"] == [4] and by_group["Country representatives"] == [1]
    assert {name: numbers(cells) for name, cells in table_rows(section(page, "by-gender"))} == {
        "Woman": [3],
        "Man": [1],
        "Another gender": [0],
        "Prefer not to say": [0],
        "Not stated": [1],
    }
    assert [(name, numbers(cells)) for name, cells in table_rows(section(page, "by-country"))] == [
        ("Colombia", [3]),
        ("Brazil", [1]),
        ("Russia", [1]),
    ]
    over_time = [(name, numbers(cells)) for name, cells in table_rows(section(page, "over-time"))]
    assert [counts for _day, counts in over_time] == [[2, 2], [3, 5]]


def test_the_charts_are_svg_drawn_on_the_server_and_hidden_from_screen_readers(desk_client, forum, registrations):
    page = desk_client.get(f"/manage/{forum.slug}/desk/dashboard").get_data(as_text=True)

    drawings = re.findall(r"<svg [^>]*>", page)
    assert len(drawings) == 5
    assert all('aria-hidden="true"' in drawing and "viewBox=" in drawing for drawing in drawings)
    assert "<script" not in page.split("<main", 1)[1]
    assert (
        len(
            re.findall(r'<rect x="0" y="\d+" width="[\d.]+" height="14" class="chart-bar">', section(page, "by-status"))
        )
        == 6
    )


def test_attendance_per_session_counts_each_person_once_and_names_the_sessions_without(
    desk_client, forum, registrations, create_day, create_block, create_session
):
    block = create_block(create_day(forum))
    opening = create_session(forum, block, "Opening", "09:00", "10:00", number="1")
    create_session(forum, block, "Platforms", "10:00", "11:00", number="2")
    db.session.add_all(
        SessionAttendance(registration_id=registration.id, session_id=opening.id) for registration in registrations[:2]
    )
    db.session.commit()

    page = desk_client.get(f"/manage/{forum.slug}/desk/dashboard").get_data(as_text=True)

    attended = section(page, "by-session")
    assert [(name, numbers(cells)) for name, cells in table_rows(attended)] == [("1 Opening", [2])]
    assert "1 other session has no check-in yet." in attended


def test_an_empty_forum_says_so_instead_of_drawing_nothing(desk_client, forum):
    page = desk_client.get(f"/manage/{forum.slug}/desk/dashboard").get_data(as_text=True)

    assert "Nobody has registered yet: the charts appear with the first registration." in page
    assert "Nobody has been checked in at a session yet." in page
    assert "<svg" not in page


def test_the_dashboard_reads_in_spanish_and_french(desk_client, forum, registrations):
    spanish = desk_client.get(f"/manage/{forum.slug}/desk/dashboard", headers={"Accept-Language": "es"})
    french = desk_client.get(f"/manage/{forum.slug}/desk/dashboard", headers={"Accept-Language": "fr"})

    assert "Inscripciones a lo largo del tiempo" in spanish.get_data(as_text=True)
    assert "Inscriptions au fil du temps" in french.get_data(as_text=True)


def test_a_long_session_title_is_cut_on_its_bar_and_whole_in_the_table(
    desk_client, forum, registrations, create_day, create_block, create_session
):
    title = "How South-South cooperation is expected to be discussed at the Busan HLF-4"
    session = create_session(forum, create_block(create_day(forum)), title, number="3")
    db.session.add(SessionAttendance(registration_id=registrations[0].id, session_id=session.id))
    db.session.commit()

    attended = section(desk_client.get(f"/manage/{forum.slug}/desk/dashboard").get_data(as_text=True), "by-session")

    assert f'<th scope="row">3 {title}</th>' in attended
    assert 'class="chart-label">3 How South-South cooperation is expected to be…</text>' in attended
