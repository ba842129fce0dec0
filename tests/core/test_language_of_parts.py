"""What the secretariat typed carries the forum's content language on every page each role sees (WCAG 3.1.2).

The rule is the one `make validate` runs over its crawl (validate/language_of_parts.py); here it is pinned
on small pages, then run over the demo's pages in Spanish and French, so a page that forgets `|typed` fails
`make test` before it reaches the validation stage.
"""

import pytest
from sqlalchemy import select

from validate.language_of_parts import (
    demo_typed_texts,
    mislabelled_texts,
    typed_in_programme,
    typed_pattern,
)
from workshop.accounts.models import User
from workshop.demo.services import DEMO_SLUG, SECRETARIAT_EMAIL
from workshop.extensions import db
from workshop.forums.services import find_forum
from workshop.programme.models import ForumSession

TITLE = "Building good practices together"
PATTERN = typed_pattern({TITLE, "Salón Bolívar"})


def page(body, language="es"):
    return f'<!doctype html><html lang="{language}"><head><title>{TITLE}</title></head><body>{body}</body></html>'


def test_a_typed_title_marked_in_the_content_language_passes():
    assert mislabelled_texts(page(f'<h1>Sesión 1. <span lang="en">{TITLE}</span></h1>'), PATTERN, "en") == []


def test_a_typed_title_left_in_the_page_language_is_named_with_its_path():
    found = mislabelled_texts(page(f"<main><p>x</p><p>Sesión 1. {TITLE}</p></main>"), PATTERN, "en")

    assert found == [(TITLE, "/html/body/main/p[2]", "es")]


def test_the_nearest_mark_decides_not_an_outer_one():
    marked_wrong_inside = page(f'<div lang="en"><p lang="fr">{TITLE}</p></div>')

    assert mislabelled_texts(marked_wrong_inside, PATTERN, "en") == [(TITLE, "/html/body/div/p", "fr")]


def test_a_text_after_a_marked_part_belongs_to_the_parent():
    tail = page(f'<p><span lang="en">Salón Bolívar</span> · {TITLE}</p>')

    assert mislabelled_texts(tail, PATTERN, "en") == [(TITLE, "/html/body/p", "es")]


def test_a_page_without_any_lang_claims_none():
    bare = f"<!doctype html><html><body><p>{TITLE}</p></body></html>"

    assert mislabelled_texts(bare, PATTERN, "en") == [(TITLE, "/html/body/p", None)]


def test_text_being_edited_and_the_head_are_not_shown_content():
    edited = page(f"<form><textarea>{TITLE}</textarea><input value='{TITLE}'></form>")

    assert mislabelled_texts(edited, PATTERN, "en") == []


def test_a_chart_drawn_as_an_image_is_read_by_its_name_not_its_text():
    chart = page(f'<svg role="img" aria-label="Participants"><text>{TITLE}</text></svg><p>{TITLE}</p>')

    assert mislabelled_texts(chart, PATTERN, "en") == [(TITLE, "/html/body/p", "es")]


def test_a_title_is_found_however_the_template_wraps_its_words():
    wrapped = page("<p>Building good\n      practices   together</p>")

    assert [text for text, _path, _claimed in mislabelled_texts(wrapped, PATTERN, "en")] == [
        "Building good\n      practices   together"
    ]


def test_a_content_language_matching_the_page_needs_no_mark():
    assert mislabelled_texts(page(f"<p>{TITLE}</p>", language="en"), PATTERN, "en") == []


def test_the_programme_file_gives_every_kind_of_typed_title_and_skips_short_ones():
    programme = {
        "forum": {"title": "A forum about cooperation", "subtitle": ""},
        "rooms": [{"name": "Salón Bolívar"}, {"name": "A"}],
        "tracks": [{"name": "Road to Busan"}],
        "documents": [{"title": "Good practices paper"}],
        "days": [
            {
                "title": "Day of the platforms",
                "blocks": [
                    {
                        "label": "Morning block",
                        "loose_items": [{"title": "Opening remarks"}],
                        "sessions": [{"title": "Session title here", "items": [{"title": "An item of it"}]}],
                    }
                ],
            }
        ],
    }

    assert typed_in_programme(programme) == {
        "A forum about cooperation",
        "Salón Bolívar",
        "Road to Busan",
        "Good practices paper",
        "Day of the platforms",
        "Morning block",
        "Opening remarks",
        "Session title here",
        "An item of it",
    }


@pytest.fixture
def demo(app, runner):
    """Load the demo forum, as `make validate` crawls it."""
    result = runner.invoke(args=["demo"])
    assert result.exit_code == 0, result.output
    return find_forum(DEMO_SLUG)


SECRETARIAT_PAGES = (
    "/manage/",
    "/manage/{slug}/",
    "/manage/{slug}/sessions/new",
    "/manage/{slug}/audit",
    "/manage/{slug}/desk/check-in",
    "/f/{slug}/agenda/changes",
    "/manage/{slug}/board",
    "/manage/{slug}/frame",
    "/manage/{slug}/sessions/{session_id}",
    "/manage/{slug}/documents",
    "/manage/{slug}/reports",
    "/manage/{slug}/desk/attendance",
    "/manage/{slug}/people",
    "/manage/{slug}/releases",
    "/f/{slug}/agenda/grid",
    "/f/{slug}/sessions/{session_id}/report",
    "/f/{slug}/sessions/{session_id}/documents",
)


PARTICIPANT_PAGES = ("/f/{slug}/registration", "/f/{slug}/registration/sessions")
FACILITATOR_PAGES = ("/f/{slug}/my-sessions", "/f/{slug}/sessions/{session_id}/documents")
RAPPORTEUR_PAGES = ("/f/{slug}/my-reports", "/f/{slug}/sessions/{session_id}/report/edit")


@pytest.mark.parametrize(
    ("email", "pages"),
    [
        (SECRETARIAT_EMAIL, SECRETARIAT_PAGES),
        ("facilitator@demo.workshop.test", FACILITATOR_PAGES),
        ("rapporteur@demo.workshop.test", RAPPORTEUR_PAGES),
        ("participant@demo.workshop.test", PARTICIPANT_PAGES),
    ],
    ids=["secretariat", "facilitator", "rapporteur", "participant"],
)
def test_each_roles_pages_mark_the_typed_programme_english_in_spanish_and_french(client, sign_in, demo, email, pages):
    sign_in(client, db.session.scalar(select(User).where(User.email == email)))
    session = db.session.scalar(
        select(ForumSession).where(ForumSession.forum_id == demo.id, ForumSession.number == "1")
    )
    pattern = typed_pattern(demo_typed_texts())
    for url, reader_language in [(url, language) for url in pages for language in ("es", "fr")]:
        url = url.format(slug=demo.slug, session_id=session.id)
        response = client.get(url, headers={"Accept-Language": reader_language})
        assert response.status_code == 200, url
        body = response.get_data(as_text=True)
        assert pattern.search(body), f"{url} shows nothing typed: the check would prove nothing there"
        assert mislabelled_texts(body, pattern, demo.content_language) == [], (url, reader_language)
