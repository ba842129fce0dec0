"""Markup the Nu HTML Checker, html-validate and pa11y found wrong, pinned page by page and template by template.

`make validate` runs the validators themselves over every page; these tests keep each finding fixed
without them, in the ordinary test run.
"""

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from workshop.accounts.models import ForumRoleName
from workshop.extensions import db
from workshop.forums.models import AgendaStatus
from workshop.publishing.services import publish_release

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
# Elements with no role of their own, on which aria-label means nothing to a screen reader.
GENERIC_ELEMENT_WITH_LABEL = re.compile(r"<(span|div|p)\b(?![^>]*\brole=)[^>]*\baria-label=")


class Elements(HTMLParser):
    """Collect every start tag of a page with its attributes."""

    def __init__(self, page):
        super().__init__()
        self.tags = []
        self.feed(page)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def all(self, tag, **attributes):
        return [found for name, found in self.tags if name == tag and attributes.items() <= found.items()]


def elements(response):
    assert response.status_code == 200
    return Elements(response.get_data(as_text=True))


def every_template():
    return sorted(TEMPLATES.rglob("*.html"))


@pytest.mark.parametrize("template", every_template(), ids=lambda path: str(path.relative_to(TEMPLATES)))
def test_no_template_writes_an_empty_form_action_or_labels_a_generic_element(template):
    source = template.read_text(encoding="utf-8")

    assert 'action=""' not in source
    assert not GENERIC_ELEMENT_WITH_LABEL.search(source)


def test_sign_in_tells_password_managers_which_field_is_which(client):
    page = elements(client.get("/account/login"))

    assert page.all("input", name="email")[0]["autocomplete"] == "username"
    assert page.all("input", name="password")[0]["autocomplete"] == "current-password"
    assert "action" not in page.all("form", method="post")[0]


def test_a_new_password_is_marked_as_new(client, create_user, sign_in):
    sign_in(client, create_user())
    page = elements(client.get("/account/"))

    passwords = {field["name"]: field["autocomplete"] for field in page.all("input", type="password")}

    assert passwords == {
        "password-current_password": "current-password",
        "password-password": "new-password",
        "password-confirm": "new-password",
    }


def test_the_language_switcher_is_a_labelled_group(client):
    page = elements(client.get("/account/login"))

    assert page.all("span", **{"class": "languages"})[0]["role"] == "group"


def test_a_page_with_two_forms_has_unique_ids(
    client, sign_in, create_forum, create_day, create_block, create_session, create_user
):
    forum = create_forum(slug="ids-forum")
    session = create_session(forum, create_block(create_day(forum), "09:00", "12:00"), "Ids", "09:00", "10:30")
    sign_in(client, create_user(roles={forum: [ForumRoleName.SECRETARIAT]}))
    page = elements(client.get(f"/manage/{forum.slug}/sessions/{session.id}"))
    ids = [attributes["id"] for _tag, attributes in page.tags if "id" in attributes]

    assert len(page.all("form")) > 2
    assert len(ids) == len(set(ids))


@pytest.fixture
def published(create_forum, create_day, create_block, create_session, create_user):
    """Return a forum with one session, published once, and the session."""
    forum = create_forum(slug="table-forum")
    session = create_session(forum, create_block(create_day(forum), "09:00", "12:00"), "Tables", "09:00", "10:30")
    publish_release(create_user(is_admin=True), forum, AgendaStatus.PRELIMINARY.value)
    db.session.commit()
    return forum, session


def test_the_agenda_grid_is_a_native_table_with_scoped_headers(client, published):
    forum, _session = published
    page = elements(client.get(f"/f/{forum.slug}/agenda"))

    assert len(page.all("table", **{"class": "agenda-table"})) == 1
    assert [cell["scope"] for cell in page.all("th")] == ["col", "col", "col", "row"]
    assert not [attributes for _tag, attributes in page.tags if attributes.get("role") in ("table", "row", "cell")]


def test_every_public_page_describes_itself(client, published):
    forum, session = published
    paths = ["/", f"/f/{forum.slug}/", f"/f/{forum.slug}/agenda", f"/f/{forum.slug}/sessions/{session.id}"]
    paths.append(f"/f/{forum.slug}/agenda/changes")

    for path in paths:
        descriptions = elements(client.get(path)).all("meta", name="description")
        assert len(descriptions) == 1, path
        assert len(descriptions[0]["content"]) > 20, path
