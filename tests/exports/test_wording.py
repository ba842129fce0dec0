"""How exports name items: the kind in the reader's language, unless the title already says it."""

from flask_babel import force_locale
from markupsafe import Markup

from workshop.exports import wording
from workshop.exports.wording import item_line, item_text

from .agenda_samples import MUNOZ, build_bogota_snapshot, typed


def stored_item(kind, title, speaker=None, minutes=None):
    """Return a session item stored with this kind and title, as the exports read it."""
    snapshot = build_bogota_snapshot()
    item = {"kind": kind, "title": title, "speaker": speaker, "duration_minutes": minutes}
    snapshot["sessions"]["11"]["items"] = [item]
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


def test_a_marked_title_takes_in_the_speaker_and_the_minutes_that_follow_it(app):
    item = stored_item("presentation", "Horizontal Partnerships", speaker=MUNOZ, minutes=15)

    with app.test_request_context(), force_locale("fr"):
        line = item_line(item, written_in="en")

    assert line == Markup(
        'Présentation. <span lang="en">Horizontal Partnerships — Ana Muñoz (APC-Colombia) (15 min)</span>'
    )


def test_a_title_naming_its_kind_is_marked_with_its_minutes_as_one_part(app):
    item = stored_item("debate", "Debate. <What> the evidence says", minutes=40)

    with app.test_request_context(), force_locale("es"):
        line = item_line(item, written_in="en")

    assert line == Markup('<span lang="en">Debate. &lt;What&gt; the evidence says (40 min)</span>')


def test_minutes_a_translation_puts_before_the_title_are_left_out_of_its_part(app, monkeypatch):
    monkeypatch.setattr(wording, "_", lambda message: "%(minutes)d min : %(text)s" if "min)" in message else message)
    item = stored_item("debate", "Debate. What the evidence says", minutes=40)

    with app.test_request_context(), force_locale("fr"):
        line = item_line(item, written_in="en")

    assert line == Markup('40 min : <span lang="en">Debate. What the evidence says</span>')


def test_an_item_in_the_reader_s_language_is_not_marked(app):
    item = stored_item("presentation", "Horizontal Partnerships", speaker=MUNOZ, minutes=15)

    with app.test_request_context(), force_locale("en"):
        assert item_line(item) == "Presentation. Horizontal Partnerships — Ana Muñoz (APC-Colombia) (15 min)"
