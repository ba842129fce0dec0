"""What keeps the PDF agenda quick to lay out: few elements per session row, and no pseudo-element styles
computed for elements that never show one. (Timings are in bench/exports.py, not here.)"""

import io
import re
from pathlib import Path

import pypdf
import tinyhtml5
import weasyprint

from workshop.exports import wording
from workshop.exports.pdf import EVERY_ELEMENTS_PSEUDO_RULE, agenda_pdf, lean_user_agent_rules, render_pdf

from .agenda_samples import release_of, typed

# A session row: its cells, a paragraph per line (title, meta, each item, people, each draft), the drafts'
# links, and a span where a typed text is marked with its own language.
ROW_ELEMENTS = {"tr", "th", "td", "p", "a", "span"}


def agenda_html(app, links, snapshot, pdf_html):
    with app.test_request_context("/?lang=en"):
        agenda_pdf(typed(snapshot, release_of(3)), links=links, static_folder=app.static_folder)
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


def test_each_draft_of_a_session_is_a_line_of_its_own_that_links_to_it(app, links, bogota_snapshot, pdf_html):
    document = agenda_html(app, links, bogota_snapshot, pdf_html)
    drafts = [cell for cell in document.iter("td") if cell.get("class") == "documents"]

    lines = [paragraph for cell in drafts for paragraph in cell]
    assert lines and all(line.tag == "p" and line.text == "– " for line in lines)
    assert all([link.tag for link in line] == ["a"] for line in lines)
    assert all(line[0].get("href").startswith("https://workshop.example.org/f/") for line in lines)


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
