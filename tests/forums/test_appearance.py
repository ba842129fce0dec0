"""The secretariat gives a forum its convener's colour; a colour that is not one, or hard to read on, is refused."""

import pytest

from workshop.accounts.models import ForumRoleName
from workshop.extensions import db


@pytest.fixture
def forum_and_secretary(create_forum, create_user, client, login):
    forum = create_forum(slug="face-forum")
    secretary = create_user(email="sec@example.test", roles={forum: [ForumRoleName.SECRETARIAT]})
    login(client, secretary)
    return forum, secretary


def save_colour(client, forum, colour):
    return client.post(f"/manage/{forum.slug}/appearance", data={"accent_colour": colour})


def test_the_colour_is_saved_and_dresses_the_forum_page_and_agenda(client, forum_and_secretary):
    forum, _secretary = forum_and_secretary

    assert save_colour(client, forum, "#8B0000").status_code == 302

    db.session.refresh(forum)
    assert forum.accent_colour == "#8b0000"
    stylesheet = client.get("/f/face-forum/face.css?colour=8b0000")
    assert stylesheet.mimetype == "text/css"
    assert stylesheet.get_data(as_text=True) == ":root { --accent: #8b0000; }\n"
    link = '<link rel="stylesheet" href="/f/face-forum/face.css?colour=8b0000">'
    assert link in client.get("/f/face-forum/").get_data(as_text=True)
    assert link in client.get("/f/face-forum/agenda").get_data(as_text=True)


@pytest.mark.parametrize(
    ("colour", "message"),
    [
        (
            "#ffeb3b",
            "White text on #ffeb3b has a contrast of only 1.2:1; choose a darker colour (at least 4.5:1, WCAG AA).",
        ),
        ("#777777", "White text on #777777 has a contrast of only 4.5:1"),
        ("sky blue", "Write the colour as # and six hexadecimal digits, such as #0b5cad."),
        ("#0b5cad;}", "Write the colour as # and six hexadecimal digits, such as #0b5cad."),
    ],
)
def test_a_bad_colour_is_refused_at_its_field_and_the_previous_one_kept(client, forum_and_secretary, colour, message):
    forum, _secretary = forum_and_secretary
    save_colour(client, forum, "#8b0000")

    refused = save_colour(client, forum, colour)

    assert refused.status_code == 422
    page = refused.get_data(as_text=True)
    field_error = page[page.index('id="accent_colour"') :]
    assert message in field_error[: field_error.index("</div>") + 400]
    db.session.refresh(forum)
    assert forum.accent_colour == "#8b0000"
    assert client.get("/f/face-forum/face.css").get_data(as_text=True) == ":root { --accent: #8b0000; }\n"


def test_an_empty_colour_gives_the_forum_back_the_sites_own(client, forum_and_secretary):
    forum, _secretary = forum_and_secretary
    save_colour(client, forum, "#8b0000")

    assert save_colour(client, forum, "").status_code == 302

    db.session.refresh(forum)
    assert forum.accent_colour == ""
    assert "face.css" not in client.get("/f/face-forum/").get_data(as_text=True)
    assert client.get("/f/face-forum/face.css").get_data(as_text=True) == ""


def test_the_appearance_screen_speaks_spanish_and_french(client, forum_and_secretary):
    forum, _secretary = forum_and_secretary

    assert "Color de acento" in client.get(f"/manage/{forum.slug}/appearance?lang=es").get_data(as_text=True)
    assert "Apparence" in client.get(f"/manage/{forum.slug}/appearance?lang=fr").get_data(as_text=True)
