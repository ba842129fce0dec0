"""The agenda's HTML is parsed by libxml2 instead of tinyhtml5, and WeasyPrint makes the same PDF of it.

Each test here fails when the two parsers part: an agenda whose PDF differs by a byte, markup libxml2
reads differently that is not handed back to tinyhtml5, or a WeasyPrint upgrade that keeps something
more of a document it parsed than `LeanHTML` keeps of one parsed for it.
"""

import base64

import pytest
import tinyhtml5

from tests.forums.logo_samples import png_bytes
from workshop.exports import pdf
from workshop.forums.logos import ForumFace, ShownLogo

from .agenda_samples import KOUASSI, release_of, typed

# Typed text that tests a parser: markup characters, line ends of every kind, controls, wide and
# right-to-left characters, and no-break spaces.
AWKWARD = "Notes <b>&amp;</b> \"quotes\" 'apostrophes'\r\nWindows\rold Mac\tTab\x0bVT\x0cFF \xa0NBSP 😀 \u202eRTL"


def awkward(snapshot):
    """Give the Bogotá programme typed text a parser may read in two ways, everywhere the agenda shows some."""
    snapshot["forum"]["title"] += AWKWARD
    snapshot["forum"]["agenda_note"] = AWKWARD
    snapshot["days"][0]["title"] = AWKWARD
    for session in snapshot["sessions"].values():
        session["title"] += AWKWARD
        for item in session["items"]:
            item["title"] += AWKWARD
        for document in session["documents"]:
            document["title"] += AWKWARD
    return snapshot


def face():
    logo = ShownLogo(src=f"data:image/png;base64,{base64.b64encode(png_bytes()).decode()}", alt=AWKWARD, role="host")
    return ForumFace(logos=(logo,), accent_colour="#8a1c00", content_language="en")


def both_ways(app, pdf_html, monkeypatch, render):
    """Return the PDF as `render` makes it, the same HTML's PDF with tinyhtml5 as the parser, and whether
    libxml2 read the first (if not, the two are the same PDF whatever libxml2 does)."""
    trees = []
    parse = pdf.template_tree
    monkeypatch.setattr(pdf, "template_tree", lambda html: trees.append(parse(html)) or trees[-1])
    with app.test_request_context("/"):
        fast = render()
    [html] = pdf_html
    monkeypatch.setattr(pdf, "template_tree", lambda html: None)
    return fast, pdf.render_pdf(html, app.static_folder), len(trees) == 1 and trees[0] is not None


@pytest.mark.parametrize("language", ["en", "es", "fr"])
def test_the_agenda_parsed_by_libxml2_is_the_same_pdf_to_the_byte(
    app, links, bogota_snapshot, pdf_html, monkeypatch, language
):
    snapshot = typed(awkward(bogota_snapshot), release_of(3))

    def render():
        with app.test_request_context(f"/?lang={language}"):
            return pdf.agenda_pdf(snapshot, links=links, static_folder=app.static_folder, face=face())

    fast, slow, read_by_libxml2 = both_ways(app, pdf_html, monkeypatch, render)

    assert read_by_libxml2, "the agenda went to tinyhtml5"
    assert fast == slow


def test_a_personal_agenda_parsed_by_libxml2_is_the_same_pdf_to_the_byte(
    app, links, bogota_snapshot, pdf_html, monkeypatch
):
    snapshot = typed(awkward(bogota_snapshot), release_of(3))

    def render():
        return pdf.personal_agenda_pdf(snapshot, KOUASSI, links=links, static_folder=app.static_folder)

    fast, slow, read_by_libxml2 = both_ways(app, pdf_html, monkeypatch, render)

    assert read_by_libxml2, "the personal agenda went to tinyhtml5"
    assert fast == slow


@pytest.mark.parametrize(
    "markup",
    [
        '<svg viewBox="0 0 1 1"><path d="M0 0"/></svg>',
        "<math><mi>x</mi></math>",
        "<!-- a comment -->",
        "<?xml-stylesheet href='x'?>",
        '<base href="https://example.org/">',
        "a\x00b",
        "<SVG></SVG>",
    ],
)
def test_markup_libxml2_reads_differently_is_left_to_tinyhtml5(markup):
    assert pdf.template_tree(f"<!doctype html><html><head><title>A</title></head><body>{markup}</body></html>") is None


def test_whitespace_the_html5_algorithm_drops_around_head_and_body_is_dropped():
    html = (
        "<!doctype html>\n<html lang='en'>\n\n<head>\n<title>A</title>\n</head>\n<body>\n<p>B</p> \n</body>\n</html>\n"
    )
    tree = pdf.template_tree(html)

    assert tree.text is None and [part.tail for part in tree] == [None, None]
    assert [(element.tag, element.text) for element in tree.iter()] == [
        ("html", None),
        ("head", "\n"),
        ("title", "A"),
        ("body", "\n"),
        ("p", "B"),
    ]


def test_a_document_parsed_for_weasyprint_is_kept_as_weasyprint_keeps_one_it_parsed(app):
    html = "<!doctype html><html lang='es'><head><title>A</title></head><body><p>B <b>C</b></p></body></html>"
    fetcher = pdf.StaticOnlyFetcher(app.static_folder)

    parsed_by_weasyprint = pdf.LeanHTML(string=html, url_fetcher=fetcher)
    parsed_for_it = pdf.LeanHTML(string=html, url_fetcher=fetcher, from_templates=True)

    trees = ("wrapper_element", "etree_element")
    assert vars(parsed_for_it).keys() == vars(parsed_by_weasyprint).keys()
    for name, value in vars(parsed_by_weasyprint).items():
        if name not in trees:
            assert vars(parsed_for_it)[name] == value, name
    expected = tinyhtml5.parse(html, namespace_html_elements=False)
    assert [(e.tag, e.attrib, e.text, e.tail) for e in parsed_for_it.etree_element.iter()] == [
        (e.tag, e.attrib, e.text, e.tail) for e in expected.iter()
    ]
