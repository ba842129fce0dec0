"""The site's front page: upcoming forums first, then past ones, searchable; private forums only for their people."""

import re
from datetime import date

import pytest

from workshop.accounts.models import ForumRoleName


@pytest.fixture
def forums(create_forum):
    """Return a past public forum, an upcoming public one and an upcoming private one."""
    return {
        "past": create_forum(
            title="Learning from South-South Cooperation", city="Bogotá", start_date=date(2011, 9, 26)
        ),
        "upcoming": create_forum(title="Financing for Development", city="Addis Ababa", start_date=date(2031, 7, 13)),
        "private": create_forum(
            title="Closed consultation", city="Nairobi", start_date=date(2031, 3, 1), is_public=False
        ),
    }


def listed(client, query_string=""):
    """Return the forum titles of each list on the front page: {"Upcoming forums": [...], "Past forums": [...]}."""
    html = client.get(f"/{query_string}").get_data(as_text=True)
    sections = re.findall(r'<h2 id="[a-z]+-heading">([^<]+)</h2>(.*?)</section>', html, re.S)
    return {heading: re.findall(r'<h3><a href="[^"]+">([^<]+)</a></h3>', body) for heading, body in sections}


def test_anyone_sees_upcoming_public_forums_first_then_past_ones(client, forums):
    assert listed(client) == {
        "Upcoming forums": ["Financing for Development"],
        "Past forums": ["Learning from South-South Cooperation"],
    }


def test_a_private_forum_is_listed_for_those_who_hold_a_role_in_it_only(client, forums, create_user, sign_in):
    sign_in(client, create_user(email="outsider@example.test"))
    assert listed(client)["Upcoming forums"] == ["Financing for Development"]

    sign_in(client, create_user(email="member@example.test", roles={forums["private"]: [ForumRoleName.PARTICIPANT]}))
    assert listed(client)["Upcoming forums"] == ["Closed consultation", "Financing for Development"]


def test_the_search_finds_by_title_city_and_year_and_says_when_nothing_matches(client, forums):
    assert listed(client, "?q=bogota") == {"Past forums": ["Learning from South-South Cooperation"]}
    assert listed(client, "?q=2031") == {"Upcoming forums": ["Financing for Development"]}
    assert listed(client, "?q=development+addis") == {"Upcoming forums": ["Financing for Development"]}

    nothing = client.get("/?q=nairobi").get_data(as_text=True)
    assert "No forum matches “nairobi”." in nothing and "Closed consultation" not in nothing


def test_each_forum_shows_its_dates_city_timing_and_agenda_status(client, forums):
    html = client.get("/").get_data(as_text=True)

    assert "Addis Ababa" in html and "July 13, 2031 – July 15, 2031" in html
    assert '<span class="badge timing-upcoming">Upcoming</span>' in html
    assert '<span class="badge timing-past">Past</span>' in html
    assert "Agenda: Preliminary" in html


@pytest.mark.parametrize(
    ("language", "upcoming", "past"),
    [("es", "Próximos foros", "Foros anteriores"), ("fr", "Forums à venir", "Forums passés")],
)
def test_the_front_page_speaks_spanish_and_french(client, forums, language, upcoming, past):
    assert list(listed(client, f"?lang={language}")) == [upcoming, past]
