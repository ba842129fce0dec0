"""The secretariat says which language it writes the programme in; English unless it says otherwise."""

import pytest

from tests.browser_forms import read_form
from workshop.accounts.models import ForumRoleName
from workshop.extensions import db


@pytest.fixture
def settings_page(create_forum, create_user, client, login):
    forum = create_forum(slug="written-in")
    login(client, create_user(email="sec@example.test", roles={forum: [ForumRoleName.SECRETARIAT]}))
    return forum, "/manage/written-in/edit"


def test_a_new_forum_is_written_in_english(settings_page):
    forum, _url = settings_page
    assert forum.content_language == "en"


def test_the_settings_form_sets_the_programmes_language(client, settings_page):
    forum, url = settings_page
    typed = read_form(client.get(url).get_data(as_text=True)).data(content_language="es")

    assert client.post(url, data=typed).status_code == 302

    db.session.refresh(forum)
    assert forum.content_language == "es"
    assert '<h1 lang="es">' in client.get("/f/written-in/").get_data(as_text=True)


def test_a_language_not_offered_is_refused_at_its_field(client, settings_page):
    forum, url = settings_page
    typed = read_form(client.get(url).get_data(as_text=True)).data(content_language="xx")

    page = client.post(url, data=typed).get_data(as_text=True)

    assert "Not a valid choice" in page[page.index('id="content_language"') :]
    db.session.refresh(forum)
    assert forum.content_language == "en"
