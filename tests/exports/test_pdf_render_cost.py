"""What keeps the PDF agenda quick to lay out: few elements per session row, and no pseudo-element styles
computed for elements that never show one, no cycle collector walking the whole process while WeasyPrint
works. (Timings are in bench/exports.py, not here.)"""

import gc
import io
import re
import threading
import xml.etree.ElementTree as ET
from pathlib import Path

import pypdf
import pytest
import tinyhtml5
import weasyprint

from workshop.exports import wording
from workshop.exports.pdf import (
    EVERY_ELEMENTS_PSEUDO_RULE,
    StaticOnlyFetcher,
    agenda_pdf,
    lean_user_agent_rules,
    parts_languages_by_rule,
    render_pdf,
)
from workshop.forums.logos import ForumFace

from .agenda_samples import release_of, typed

# A session row: its cells, a paragraph per line (title, meta, each item, people, each draft), the drafts'
# links, and a span where a typed text is marked with its own language.
ROW_ELEMENTS = {"tr", "th", "td", "p", "a", "span"}


def agenda_html(app, links, snapshot, pdf_html, language="en"):
    """Return the HTML of the agenda of a programme written in English, laid out for a reader of `language`."""
    face = ForumFace(logos=(), accent_colour=None, content_language="en")
    with app.test_request_context(f"/?lang={language}"):
        agenda_pdf(typed(snapshot, release_of(3)), links=links, static_folder=app.static_folder, face=face)
    [html] = pdf_html
    return tinyhtml5.parse(html, namespace_html_elements=False)


def session_rows(document):
    return [row for row in document.iter("tr") if "entry" in row.get("class", "").split()]


def test_a_session_row_is_cells_paragraphs_and_links_with_no_list_or_styled_span(app, links, bogota_snapshot, pdf_html):
    rows = session_rows(agenda_html(app, links, bogota_snapshot, pdf_html))

    assert rows
    for row in rows:
        elements = list(row.iter())
        assert {element.tag for element in elements} <= ROW_ELEMENTS, {element.tag for element in elements}
        spans = [element for element in elements if element.tag == "span"]
        assert all(span.get("lang") or span.get("class") == "block-label" for span in spans), spans


def test_in_another_language_each_line_of_a_session_row_holds_at_most_one_marked_part(
    app, links, bogota_snapshot, pdf_html
):
    """Each part in the programme's language is a text box of its own: room and track are one, a draft's link is one."""
    rows = session_rows(agenda_html(app, links, bogota_snapshot, pdf_html, language="es"))

    lines = [line for row in rows for line in row.iter("p")]
    assert any(line.find("span") is not None for line in lines), "the Spanish agenda marks the English programme"
    for line in lines:
        marked = [element for element in line.iter() if element.get("lang")]
        assert len(marked) <= 1, ET.tostring(line, encoding="unicode")
    meta = [line for line in lines if line.get("class") == "meta"]
    assert meta and all(line[-1].tail is None for line in meta if len(line)), "room and track end the line"
    drafts = [link for row in rows for link in row.iter("a")]
    assert drafts and all(link.get("lang") == "en" and len(link) == 0 for link in drafts)


def test_each_draft_of_a_session_is_a_line_of_its_own_that_links_to_it(app, links, bogota_snapshot, pdf_html):
    document = agenda_html(app, links, bogota_snapshot, pdf_html)
    drafts = [cell for cell in document.iter("td") if cell.get("class") == "documents"]

    lines = [paragraph for cell in drafts for paragraph in cell]
    assert lines and all(line.tag == "p" and not line.text for line in lines)
    assert all([link.tag for link in line] == ["a"] for line in lines)
    assert all(line[0].get("href").startswith("https://workshop.example.org/f/") for line in lines)


def test_a_drafts_dash_is_in_its_link_so_that_the_line_is_one_text(app, links, bogota_snapshot, pdf_html):
    """Each text box costs WeasyPrint a Pango layout to lay out and another to draw: a line of text, one box."""
    document = agenda_html(app, links, bogota_snapshot, pdf_html)
    drafts = [cell for cell in document.iter("td") if cell.get("class") == "documents"]

    lines = [paragraph for cell in drafts for paragraph in cell]
    assert lines and all(line[0].text.startswith("– ") and not line[0].tail for line in lines)


def test_weasyprint_styles_six_pseudo_elements_of_every_element_and_we_keep_only_list_markers():
    """Pin WeasyPrint's rules: after an upgrade that renames or adds one, the lean stylesheet must be looked at again."""
    weasyprint_rules = (Path(weasyprint.__file__).parent / "css" / "html5_ua.css").read_text(encoding="utf-8")

    assert [rule[1] for rule in EVERY_ELEMENTS_PSEUDO_RULE.finditer(weasyprint_rules)] == [
        "marker",
        "footnote-call",
        "footnote-marker",
        "note-call",
        "note-marker",
        "note-callback",
    ]
    lean = lean_user_agent_rules()
    assert not re.search(r"^::", lean, re.M)
    assert re.search(r"^li::marker \{", lean, re.M)
    assert lean.count("{") == weasyprint_rules.count("{") - 5


def test_list_items_keep_their_markers_under_the_lean_stylesheet(app):
    html = "<!doctype html><html lang='en'><title>Lists</title><ul><li>First</li></ul><ol><li>Second</li></ol></html>"
    [page] = pypdf.PdfReader(io.BytesIO(render_pdf(html, app.static_folder))).pages

    assert sorted(page.extract_text().split()) == ["1.", "First", "Second", "•"]


def test_session_rows_carry_no_indentation_between_their_elements(app, links, bogota_snapshot, pdf_html):
    for row in session_rows(agenda_html(app, links, bogota_snapshot, pdf_html)):
        for element in row.iter():
            assert element.text is None or element.text.strip(), (element.tag, element.text)
            if element is not row:
                assert element.tail is None or element.tail.strip(), (element.tag, element.tail)


def test_the_agenda_formats_each_distinct_time_range_once(app, links, bogota_snapshot, monkeypatch):
    """Two sessions side by side, at the same times, as in a block of parallel workshops."""
    sessions = bogota_snapshot["sessions"]
    sessions["12"]["starts_at"], sessions["12"]["ends_at"] = sessions["11"]["starts_at"], sessions["11"]["ends_at"]
    said = []

    def counting_clock_range(starts_at, ends_at):
        said.append((starts_at, ends_at))
        return f"{starts_at:%H:%M}–{ends_at:%H:%M}"

    monkeypatch.setattr(wording, "clock_range", counting_clock_range)
    with app.test_request_context("/?lang=en"):
        agenda_pdf(typed(bogota_snapshot, release_of(3)), links=links, static_folder=app.static_folder)

    assert said and len(said) == len(set(said))


class CollectorWatchingFetcher(StaticOnlyFetcher):
    """Note whether the cycle collector is on when WeasyPrint asks for the stylesheet (while it styles the
    document), and wait there for `go_on` if given, to hold a render in the middle."""

    def __init__(self, static_folder, go_on=None):
        super().__init__(static_folder)
        self.collector_on = []
        self.styling = threading.Event()
        self.go_on = go_on

    def fetch(self, url, headers=None):
        self.collector_on.append(gc.isenabled())
        self.styling.set()
        if self.go_on is not None:
            assert self.go_on.wait(30)
        return super().fetch(url, headers)


STYLED_PAGE = (
    '<html lang="en"><head><link rel="stylesheet" href="static:css/pdf.css"></head><body><p>Hi</p></body></html>'
)


def test_the_cycle_collector_is_off_while_weasyprint_works_and_on_again_after(app):
    fetcher = CollectorWatchingFetcher(app.static_folder)
    assert gc.isenabled()

    render_pdf(STYLED_PAGE, app.static_folder, fetcher=fetcher)

    assert fetcher.collector_on == [False]
    assert gc.isenabled()


def test_the_collector_comes_back_on_only_after_the_last_of_two_overlapping_renders(app):
    second_may_finish = threading.Event()
    first = CollectorWatchingFetcher(app.static_folder)
    second = CollectorWatchingFetcher(app.static_folder, go_on=second_may_finish)
    rendering = threading.Thread(target=render_pdf, args=(STYLED_PAGE, app.static_folder), kwargs={"fetcher": second})
    rendering.start()
    try:
        assert second.styling.wait(30)
        render_pdf(STYLED_PAGE, app.static_folder, fetcher=first)
        assert not gc.isenabled()
    finally:
        second_may_finish.set()
        rendering.join(30)

    assert first.collector_on == second.collector_on == [False]
    assert gc.isenabled()


def test_a_collector_the_process_turned_off_stays_off_after_a_render(app):
    gc.disable()
    try:
        render_pdf(STYLED_PAGE, app.static_folder, fetcher=StaticOnlyFetcher(app.static_folder))
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_a_render_that_fails_turns_the_collector_back_on(app):
    with pytest.raises(TypeError):
        render_pdf(None, app.static_folder)

    assert gc.isenabled()


def test_parts_say_their_language_by_one_rule_per_language_and_the_root_keeps_its_attribute():
    html = (
        '<!doctype html>\n<html lang="es"><head><title>Agenda</title></head><body>'
        '<p>Sesión 1. <span lang="en">Opening</span></p><p lang="fr">Ouverture</p>'
        '<a href="/d/1" hreflang="en" lang="en-GB">Draft</a><p>He wrote lang=&#34;en&#34; here</p></body></html>'
    )

    given = parts_languages_by_rule(html)

    assert given.startswith('<!doctype html>\n<html lang="es">')
    root_end = given.index(">", given.index("<html")) + 1
    assert ' lang="' not in given[root_end:]
    assert given.count(' data-lang="') == 3 and 'hreflang="en"' in given
    assert (
        '<style>[data-lang="en"]{lang:"en"}[data-lang="en-GB"]{lang:"en-GB"}[data-lang="fr"]{lang:"fr"}</style>'
        in given
    )
    assert "He wrote lang=&#34;en&#34; here" in given


def test_a_document_without_parts_in_other_languages_is_given_as_it_is():
    single = '<html lang="en"><body><p>Opening</p></body></html>'

    assert parts_languages_by_rule(single) == single
    assert parts_languages_by_rule('<p lang="en">A fragment</p>') == '<p lang="en">A fragment</p>'
