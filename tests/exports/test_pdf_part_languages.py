"""Each part of a tagged PDF is read in its own language: WeasyPrint's structure tree gets the /Lang it drops.

These pin how `workshop.exports.pdf_tags` learns each structure element's language (a wrapper around
WeasyPrint's `_build_box_tree`): a WeasyPrint upgrade that renames or stops calling it fails here.
"""

import io

import pypdf
import pytest
from weasyprint.pdf import tags as weasyprint_tags

from tests.pdf_language import languages_of, languages_of_parts, structure_elements
from validate.pdf_languages import part_language_problems
from validate.pdfs import forum_slug
from workshop.exports import pdf, pdf_tags
from workshop.exports.pdf import render_pdf

MIXED = """<!doctype html><html lang="es"><head><title>Agenda</title></head><body>
<h1 lang="en">Learning together</h1>
<p>Sesión 1. <span lang="en">Building good practices</span> · Salón</p>
<div lang="en"><p>Opening remarks <span lang="es">con traducción</span></p></div>
<table><thead><tr><th scope="col">Hora</th></tr></thead><tbody><tr><td lang="EN">Main room</td></tr></tbody></table>
<p lang="es">Nota en español</p>
</body></html>"""


def structure_languages(data):
    """Return the /Lang of every structure element that has one, in the tree's order."""
    reader = pypdf.PdfReader(io.BytesIO(data))
    return [(str(node["/S"]), str(node["/Lang"])) for node in structure_elements(reader) if "/Lang" in node]


@pytest.fixture
def mixed_pdf(app):
    return render_pdf(MIXED, app.static_folder)


def test_each_part_is_read_in_the_language_its_html_gives_it(mixed_pdf):
    runs = languages_of_parts(mixed_pdf)

    assert languages_of(runs, "Learning together") == {"en"}
    assert languages_of(runs, "Building good practices") == {"en"}
    assert languages_of(runs, "Sesión 1.") == {"es"}
    assert languages_of(runs, "· Salón") == {"es"}
    assert languages_of(runs, "Opening remarks") == {"en"}
    assert languages_of(runs, "con traducción") == {"es"}
    assert languages_of(runs, "Hora") == {"es"}
    assert languages_of(runs, "Main room") == {"EN"}
    assert languages_of(runs, "Nota en español") == {"es"}


def test_only_parts_that_differ_from_what_they_inherit_carry_lang(mixed_pdf):
    assert structure_languages(mixed_pdf) == [
        ("/H1", "en"),
        ("/Span", "en"),
        ("/Div", "en"),
        ("/Span", "es"),
        ("/TD", "EN"),
    ]


def test_a_pdf_in_one_language_has_no_part_marked(app):
    data = render_pdf('<html lang="en"><title>A</title><p lang="en">One <span>language</span></p></html>', "static")

    assert structure_languages(data) == []
    assert {language for _, language in languages_of_parts(data)} == {"en"}


def test_weasyprint_builds_its_structure_tree_through_the_wrapped_builder():
    assert weasyprint_tags._build_box_tree.records_part_languages


def test_a_structure_tree_built_without_telling_the_languages_is_refused(app, monkeypatch):
    monkeypatch.setattr(weasyprint_tags, "_build_box_tree", weasyprint_tags._build_box_tree.__wrapped__)

    with pytest.raises(pdf_tags.UntoldLanguages):
        render_pdf(MIXED, app.static_folder)


def test_an_untagged_pdf_needs_no_languages(app, monkeypatch):
    monkeypatch.setattr(weasyprint_tags, "_build_box_tree", weasyprint_tags._build_box_tree.__wrapped__)

    assert render_pdf(MIXED, app.static_folder, tagged=False).startswith(b"%PDF")


def test_the_validation_stage_names_typed_text_read_in_the_wrong_language(mixed_pdf, app):
    unmarked = render_pdf('<html lang="es"><title>A</title><p>Sesión 1. Building good practices</p></html>', "static")

    assert part_language_problems(mixed_pdf, "en", ["Building good practices", "Main room", "Absent"]) == []
    assert part_language_problems(unmarked, "en", ["Building good practices"]) == [
        "typed text 'Building good practices' is read as ['es'] instead of en (no /Lang on its part)"
    ]
    assert part_language_problems(unmarked, "en", ["Absent"]) == [
        "none of the texts typed in en was found to check its /Lang"
    ]
    assert part_language_problems(unmarked, "es", ["Building good practices"]) == []


def test_the_validation_stage_finds_the_forum_of_each_pdf():
    assert forum_slug("/f/bogota-2011/agenda.pdf") == "bogota-2011"
    assert forum_slug("/manage/bogota-2011/desk/badges.pdf?layout=a4") == "bogota-2011"
    assert forum_slug("/account/agenda.pdf") is None


def test_an_element_wholly_in_a_marked_part_is_marked_itself(app):
    html = """<!doctype html><html lang="es"><head><title>Agenda</title></head><body>
<p class="item"><span lang="en">Keynote (5 min)</span></p>
<p>Sesión 1. <span lang="en">Building good practices</span></p>
<div lang="fr"><p><span lang="en">Opening remarks</span></p></div>
<p lang="fr"><span lang="en">Debate</span></p>
</body></html>"""

    data = render_pdf(html, app.static_folder)
    runs = languages_of_parts(data)

    assert structure_languages(data) == [
        ("/P", "en"),
        ("/Span", "en"),
        ("/Div", "fr"),
        ("/P", "en"),
        ("/P", "fr"),
        ("/Span", "en"),
    ]
    assert languages_of(runs, "Keynote (5 min)") == {"en"}
    assert languages_of(runs, "Opening remarks") == {"en"}
    assert languages_of(runs, "Debate") == {"en"}
    assert languages_of(runs, "Sesión 1.") == {"es"}


def test_whole_marked_parts_move_onto_their_element_only_where_it_has_no_language():
    html = (
        '<html lang="es"><p class="item"><span lang="en">A &lt;b&gt;</span></p>'
        '<td><span lang="en">B</span></td><p lang="fr"><span lang="en">C</span></p>'
        '<p><span lang="en">D</span> (5 min)</p><p><span lang="en">E</span><span lang="fr">F</span></p></html>'
    )

    assert pdf.parts_languages_by_rule(html) == (
        '<html lang="es"><style>[data-lang="en"]{lang:"en"}[data-lang="fr"]{lang:"fr"}</style>'
        '<p class="item" data-lang="en">A &lt;b&gt;</p><td data-lang="en">B</td>'
        '<p data-lang="fr"><span data-lang="en">C</span></p><p><span data-lang="en">D</span> (5 min)</p>'
        '<p><span data-lang="en">E</span><span data-lang="fr">F</span></p></html>'
    )
