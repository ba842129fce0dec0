"""A change between releases is a plain sentence in mail, and markup marking what was typed on a page (WCAG 3.1.2)."""

from dataclasses import replace
from datetime import UTC, date, datetime

import pytest
from markupsafe import Markup

from workshop.publishing.changes import Change, ChangeKind, DocumentChange, StaffChange
from workshop.publishing.release_view import Snapshot
from workshop.publishing.wording import describe_change

STORED = {
    "forum": {
        "slug": "bogota-2011",
        "title": "Learning from South-South and Triangular Cooperation",
        "start_date": "2011-09-26",
        "end_date": "2011-09-28",
        "timezone": "America/Bogota",
    },
    "days": [{"date": "2011-09-27", "title": "", "to_be_announced": False, "note": "", "blocks": []}],
    "sessions": {
        "1": {
            "id": 1,
            "number": "1",
            "title": "Horizontal <partnerships>",
            "format": "panel",
            "room": "Sala Cartagena",
            "starts_at": "2011-09-26T16:00:00+00:00",
            "ends_at": "2011-09-26T17:30:00+00:00",
            "people": {},
            "items": [],
            "documents": [],
        }
    },
}
# A session and a day as every output reads them: typed, from a release's stored JSON.
SNAPSHOT = Snapshot.from_json(STORED)
SESSION = SNAPSHOT.sessions[1]
MOVED = Change(
    ChangeKind.MOVED,
    SESSION,
    before=replace(
        SESSION,
        starts_at=datetime(2011, 9, 26, 14, tzinfo=UTC),
        ends_at=datetime(2011, 9, 26, 15, tzinfo=UTC),
        room="Salón",
    ),
)
RENAMED = Change(ChangeKind.RENAMED, SESSION, before=replace(SESSION, title="Old title"))
DOCUMENTS = Change(
    ChangeKind.DOCUMENTS_CHANGED, SESSION, documents=DocumentChange(added=("Paper A", "Paper <B>"), removed=())
)


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


def test_each_kind_of_change_says_what_it_was_in_mail(app):
    unnumbered = replace(SESSION, number="", room="")
    changes = [
        Change(ChangeKind.DAY_ANNOUNCED, SNAPSHOT.days[0]),
        Change(ChangeKind.DAY_POSTPONED, SNAPSHOT.days[0]),
        Change(ChangeKind.ADDED, SESSION),
        Change(ChangeKind.REMOVED, unnumbered),
        MOVED,
        Change(ChangeKind.REFORMATTED, SESSION, before=replace(SESSION, format="plenary")),
        Change(
            ChangeKind.RESTAFFED,
            SESSION,
            staffing=(
                StaffChange("facilitator", joined=("Ana Muñoz", "Bo Li"), left=("Stanley Kao",)),
                StaffChange("rapporteur", joined=(), left=("Jorge Chediek",)),
            ),
        ),
        Change(ChangeKind.ITEMS_CHANGED, SESSION),
        Change(ChangeKind.DOCUMENTS_CHANGED, SESSION, documents=DocumentChange(added=(), removed=("Old paper",))),
    ]
    with app.test_request_context("/?lang=en"):
        # CLDR puts a narrow no-break space before AM and PM.
        sentences = [describe_change(change, "America/Bogota").replace("\u202f", " ") for change in changes]

    assert SNAPSHOT.days[0].date == date(2011, 9, 27)
    assert sentences == [
        "The programme of Tuesday, September 27, 2011 is now announced.",
        "The programme of Tuesday, September 27, 2011 is to be announced again.",
        "New: Session 1. Horizontal <partnerships>, Monday 26 September 2011, 11:00 AM–12:30 PM, Sala Cartagena.",
        "Cancelled: Horizontal <partnerships> (was Monday 26 September 2011, 11:00 AM–12:30 PM).",
        "Moved: Session 1. Horizontal <partnerships>, from Monday 26 September 2011, 9:00 AM–10:00 AM, Salón"
        " to Monday 26 September 2011, 11:00 AM–12:30 PM, Sala Cartagena.",
        "Format of Session 1. Horizontal <partnerships>: now Panel, was Plenary.",
        "New people in Session 1. Horizontal <partnerships>: Facilitator now Ana Muñoz, Bo Li,"
        " Facilitator no longer Stanley Kao; Rapporteur no longer Jorge Chediek.",
        "The running order of Session 1. Horizontal <partnerships> changed.",
        "Documents for discussion in Session 1. Horizontal <partnerships>: withdrawn “Old paper”.",
    ]
