"""A change between releases is a plain sentence in mail, and markup marking what was typed on a page (WCAG 3.1.2)."""

import pytest
from markupsafe import Markup

from workshop.publishing.changes import Change, ChangeKind
from workshop.publishing.wording import describe_change

SESSION = {
    "number": "1",
    "title": "Horizontal <partnerships>",
    "room": "Sala Cartagena",
    "starts_at": "2011-09-26T16:00:00+00:00",
    "ends_at": "2011-09-26T17:30:00+00:00",
}
MOVED = Change(
    ChangeKind.MOVED,
    SESSION,
    {"from_starts_at": "2011-09-26T14:00:00+00:00", "from_ends_at": "2011-09-26T15:00:00+00:00", "from_room": "Salón"},
)
RENAMED = Change(ChangeKind.RENAMED, SESSION, {"from_number": "1", "from_title": "Old title"})
DOCUMENTS = Change(ChangeKind.DOCUMENTS_CHANGED, SESSION, {"added": ["Paper A", "Paper <B>"], "removed": []})


@pytest.fixture
def spanish_page(app):
    with app.test_request_context("/?lang=es"):
        yield


def test_mail_gets_plain_sentences_with_the_typed_text_as_it_was_typed(spanish_page):
    sentence = describe_change(RENAMED, "America/Bogota")

    assert not isinstance(sentence, Markup)
    assert sentence == "Cambio de nombre: Sesión 1. Old title pasa a ser Sesión 1. Horizontal <partnerships>."


def test_a_page_gets_the_titles_marked_and_everything_else_escaped(spanish_page):
    sentence = describe_change(RENAMED, "America/Bogota", "en")

    assert isinstance(sentence, Markup)
    assert sentence == Markup(
        'Cambio de nombre: Sesión 1. <span lang="en">Old title</span> pasa a ser '
        'Sesión 1. <span lang="en">Horizontal &lt;partnerships&gt;</span>.'
    )


def test_a_move_marks_both_rooms(spanish_page):
    sentence = describe_change(MOVED, "America/Bogota", "en")

    assert '<span lang="en">Salón</span> al ' in sentence
    assert sentence.endswith(', <span lang="en">Sala Cartagena</span>.')


def test_document_titles_are_each_quoted_and_marked(spanish_page):
    sentence = describe_change(DOCUMENTS, "America/Bogota", "en")

    assert '“<span lang="en">Paper A</span>”, “<span lang="en">Paper &lt;B&gt;</span>”' in sentence
    assert describe_change(DOCUMENTS, "America/Bogota").endswith("se añade “Paper A”, “Paper <B>”.")


def test_on_a_page_in_the_content_language_nothing_is_marked_but_still_escaped(app):
    with app.test_request_context("/?lang=en"):
        sentence = describe_change(RENAMED, "America/Bogota", "en")

    assert sentence == Markup("Renamed: Session 1. Old title is now Session 1. Horizontal &lt;partnerships&gt;.")
