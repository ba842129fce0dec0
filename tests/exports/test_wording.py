"""How exports name items: the kind in the reader's language, unless the title already says it."""

from flask_babel import force_locale

from workshop.exports.wording import item_text

from .agenda_samples import build_bogota_snapshot, typed


def stored_item(kind, title):
    """Return a session item stored with this kind and title, as the exports read it."""
    snapshot = build_bogota_snapshot()
    snapshot["sessions"]["11"]["items"] = [{"kind": kind, "title": title, "speaker": None, "duration_minutes": None}]
    return typed(snapshot).sessions[11].items[0]


def test_a_title_naming_its_kind_in_the_forum_s_language_is_not_prefixed_again(app):
    with app.test_request_context(), force_locale("fr"):
        assert item_text(stored_item("debate", "Debate. How to set up Horizontal Partnerships?")) == (
            "Debate. How to set up Horizontal Partnerships?"
        )


def test_a_plain_title_gets_its_kind_in_the_reader_s_language(app):
    with app.test_request_context(), force_locale("fr"):
        assert item_text(stored_item("debate", "How to set up Horizontal Partnerships?")) == (
            "Débat. How to set up Horizontal Partnerships?"
        )
