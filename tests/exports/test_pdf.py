"""The PDF agenda and brief: what they say, how they are built, and what WeasyPrint may fetch."""

import io
import urllib.request
from datetime import timedelta
from zoneinfo import ZoneInfo

import pypdf
import pytest

from validate.pdf_structure import outline_titles, read_structure, structure_children, structure_problems
from workshop.core.markdown import render_markdown
from workshop.exports.pdf import (
    FetchRefused,
    StaticOnlyFetcher,
    agenda_pdf,
    block_rows,
    personal_agenda_pdf,
    render_pdf,
    session_brief_pdf,
    timed_items,
)
from workshop.publishing.layout import AgendaBlock

from .agenda_samples import KOUASSI, build_bogota_snapshot, release_of, typed

HOSTILE_MARKUP = '<img src="file:///etc/passwd"> <img src="https://tracker.example.org/pixel.png">'


def pages_text(data):
    """Return the text of every page, whitespace normalised."""
    return [" ".join(page.extract_text().split()) for page in pypdf.PdfReader(io.BytesIO(data)).pages]


@pytest.fixture
def render(app, links):
    """Return a callable that renders one of the PDFs in a request of the given language."""

    def _render(function, snapshot, release, *arguments, language="en"):
        with app.test_request_context(f"/?lang={language}"):
            return function(typed(snapshot, release), *arguments, links=links, static_folder=app.static_folder)

    return _render


@pytest.fixture
def forbid_network(monkeypatch):
    """Fail the test if anything opens a URL through urllib, which WeasyPrint's default fetcher uses."""

    def refuse(*arguments, **keywords):
        raise AssertionError(f"something tried to open a URL: {arguments[1:2]}")

    monkeypatch.setattr(urllib.request.OpenerDirector, "open", refuse)


def test_agenda_reads_like_the_concept_note(render, bogota_snapshot):
    pages = pages_text(render(agenda_pdf, bogota_snapshot, release_of(3)))
    text = " ".join(pages)

    assert text.startswith(
        "Learning from South-South and Triangular Cooperation Sharing Knowledge for Development Bogotá, Colombia"
    )
    assert "Preliminary Agenda" in text
    assert "Day 1 – September 26" in text and "Day 2 – September 27" in text
    assert "Draft documents for discussion" in text
    assert "9:00 AM – 12:00 PM" in text and "2:00 – 6:00 PM" in text
    assert "Session 1. Building good practices" in text
    assert "Good practices paper" in text
    assert "Facilitator: Ana Muñoz (APC-Colombia)" in text
    assert (
        "Day 3 – September 28 Time Programme Draft documents for discussion The agenda of this day will be announced."
        in text
    )
    assert "*Agenda for the activities programmed for September 28" in text


def test_non_latin_1_text_extracts_correctly(render, bogota_snapshot):
    text = " ".join(pages_text(render(agenda_pdf, bogota_snapshot, release_of(3))))
    for name in ("Bogotá", "São Paulo", "Côte d'Ivoire", "Muñoz", "João Silva"):
        assert name in text


def test_every_page_footer_says_preliminary_release_and_page_number(render, bogota_snapshot):
    pages = pages_text(render(agenda_pdf, bogota_snapshot, release_of(3)))

    assert len(pages) >= 2
    for number, text in enumerate(pages, start=1):
        assert "PRELIMINARY · Release 3 of September 20, 2011" in text
        assert f"{number} / {len(pages)}" in text


def test_a_final_agenda_drops_preliminary(render, bogota_snapshot):
    text = " ".join(pages_text(render(agenda_pdf, bogota_snapshot, release_of(4, is_final=True))))
    assert "PRELIMINARY" not in text.upper().replace("PRELIMINARY AGENDA", "")
    assert "Release 4 of September 20, 2011" in text


def test_fonts_are_embedded_and_the_pdf_is_tagged(render, bogota_snapshot):
    reader = pypdf.PdfReader(io.BytesIO(render(agenda_pdf, bogota_snapshot, release_of(3))))
    fonts = {}
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = (
                font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
                if "/DescendantFonts" in font
                else font["/FontDescriptor"]
            )
            fonts[font["/BaseFont"]] = "/FontFile2" in descriptor or "/FontFile3" in descriptor
    assert fonts and all(fonts.values()), fonts
    assert any("DejaVu" in name for name in fonts)
    assert "/StructTreeRoot" in reader.trailer["/Root"]
    assert reader.trailer["/Root"]["/MarkInfo"]["/Marked"]


def test_every_kind_of_pdf_is_tagged_as_pdf_ua_asks(render, bogota_snapshot):
    pdfs = {
        "agenda": render(agenda_pdf, bogota_snapshot, release_of(3)),
        "personal agenda": render(personal_agenda_pdf, bogota_snapshot, release_of(3), KOUASSI),
        "brief": render(session_brief_pdf, bogota_snapshot, release_of(3), 11),
    }

    for kind, data in pdfs.items():
        assert structure_problems(data) == [], kind
        _reader, structure = read_structure(data)
        assert structure.count("/TH") > 0, kind


def header_cell_scopes(data):
    """Return (the roles above each table header cell, its /Scope), read back from the PDF's structure tree."""
    reader = pypdf.PdfReader(io.BytesIO(data))
    cells = []

    def walk(node, roles):
        for element in structure_children(node):
            if element["/S"] == "/TH":
                cells.append(("/THead" in roles, element["/A"].get_object()["/Scope"]))
            walk(element, [*roles, element["/S"]])

    walk(reader.trailer["/Root"]["/StructTreeRoot"].get_object(), [])
    return cells


def test_header_cells_head_their_column_in_a_table_head_and_their_row_in_its_body(render, bogota_snapshot):
    cells = header_cell_scopes(render(agenda_pdf, bogota_snapshot, release_of(3)))

    assert {(in_head, scope) for in_head, scope in cells} == {(True, "/Column"), (False, "/Row")}
    assert sum(1 for in_head, _ in cells if in_head) == 3 * 3, "Time, Programme, Documents heading each of three days"


def test_each_day_of_the_agenda_is_a_heading_and_a_bookmark(render, bogota_snapshot):
    reader, structure = read_structure(render(agenda_pdf, bogota_snapshot, release_of(3)))
    titles = outline_titles(reader)

    assert structure.count("/H3") == 3
    for day in ("Day 1 – September 26", "Day 2 – September 27", "Day 3 – September 28"):
        assert any(title.startswith(day) for title in titles), (day, titles)


def test_loose_items_such_as_closing_remarks_show_their_time(render, bogota_snapshot):
    text = " ".join(pages_text(render(agenda_pdf, bogota_snapshot, release_of(3))))

    assert "3:45 PM Closing remarks." in text


def test_the_pdf_follows_the_request_language(render, bogota_snapshot):
    text = " ".join(pages_text(render(agenda_pdf, bogota_snapshot, release_of(3), language="es")))
    assert "26 de septiembre" in text
    assert "20 de septiembre de 2011" in text


def test_no_time_block_is_split_across_pages(render, bogota_snapshot):
    """Grow the agenda over several pages; each block's time and its last line must share a page."""
    for day in bogota_snapshot["days"][:2]:
        for block in day["blocks"]:
            for key in block["session_ids"]:
                bogota_snapshot["sessions"][str(key)]["items"] *= 3
    pages = pages_text(render(agenda_pdf, bogota_snapshot, release_of(3)))

    assert len(pages) >= 3
    for key in ("11", "12", "13", "15"):
        session = bogota_snapshot["sessions"][key]
        heading = f"Session {session['number']}."
        last_line = " ".join(session["items"][-1]["title"].split()[-4:])
        holding = [index for index, text in enumerate(pages) if heading in text]
        assert len(holding) == 1, (heading, holding)
        assert last_line in pages[holding[0]]


def test_personal_agenda_holds_their_sessions_and_every_plenary(render, bogota_snapshot):
    text = " ".join(pages_text(render(personal_agenda_pdf, bogota_snapshot, release_of(3), KOUASSI)))

    assert "Agenda of Awa Kouassi" in text
    for heading in ("Session 1.", "Session 2.", "Session 3.", "Session 4."):
        assert heading in text
    assert "Session 5." not in text


def test_session_brief_times_the_keynotes_from_the_start(render, bogota_snapshot):
    session = bogota_snapshot["sessions"]["11"]
    session["items"] = [
        {"kind": "opening_remarks", "title": "Welcome", "speaker": None, "duration_minutes": 10},
        {"kind": "keynote", "title": "Evidence from São Paulo", "speaker": KOUASSI, "duration_minutes": 5},
        {"kind": "keynote", "title": "Evidence from Bogotá", "speaker": None, "duration_minutes": 5},
        {"kind": "debate", "title": "What the evidence says", "speaker": None, "duration_minutes": None},
        {"kind": "closing_remarks", "title": "Conclusions", "speaker": None, "duration_minutes": 15},
    ]
    pages = pages_text(render(session_brief_pdf, bogota_snapshot, release_of(3), 11))

    assert len(pages) == 1
    text = pages[0]
    assert "9:15 – 9:25 AM Opening remarks. Welcome" in text
    assert (
        "9:25 – 9:30 AM Keynote. Evidence from São Paulo — Awa Kouassi (Ministère du Plan de Côte d'Ivoire) (5 min)"
        in text
    )
    assert "9:30 – 9:35 AM Keynote. Evidence from Bogotá" in text
    assert "9:35 – 11:45 AM Debate. What the evidence says" in text
    assert "11:45 AM – 12:00 PM Closing remarks. Conclusions" in text
    assert "Good practices paper" in text


def test_timed_items_leave_unknowable_times_empty():
    snapshot = build_bogota_snapshot()
    snapshot["sessions"]["11"]["items"] = [
        {"kind": "presentation", "title": "A", "speaker": None, "duration_minutes": None},
        {"kind": "keynote", "title": "B", "speaker": None, "duration_minutes": 5},
        {"kind": "debate", "title": "C", "speaker": None, "duration_minutes": None},
    ]
    zone = ZoneInfo("America/Bogota")
    timed = timed_items(typed(snapshot).sessions[11], zone)
    start = timed[0][0]
    assert (start.hour, start.minute) == (9, 15)
    assert timed[0][1] is None and timed[1][:2] == (None, None) and timed[2][0] is None
    assert timed[2][1] - start == timedelta(hours=2, minutes=45)


def test_fetcher_serves_static_files_and_refuses_everything_else(app):
    fetcher = StaticOnlyFetcher(app.static_folder)

    assert b"@page" in fetcher.fetch("static:css/pdf.css").read()
    for url in (
        "file:///etc/passwd",
        "http://example.org/logo.png",
        "https://example.org/logo.png",
        "static:../workshop/config.py",
        "static:/../../etc/passwd",
        "ftp://example.org/x",
        "data:text/css,body{}",
    ):
        with pytest.raises(FetchRefused):
            fetcher.fetch(url)
    assert len(fetcher.refused) == 7


def test_render_refuses_files_and_remote_urls_without_opening_them(app, forbid_network):
    fetcher = StaticOnlyFetcher(app.static_folder)
    html = f'<html><head><link rel="stylesheet" href="https://evil.example.org/x.css"></head><body><p>Hi</p>{HOSTILE_MARKUP}</body></html>'

    data = render_pdf(html, app.static_folder, fetcher=fetcher)

    assert data.startswith(b"%PDF")
    assert set(fetcher.refused) == {
        "https://evil.example.org/x.css",
        "file:///etc/passwd",
        "https://tracker.example.org/pixel.png",
    }


def test_hostile_titles_and_markdown_fetch_nothing(render, bogota_snapshot, forbid_network, monkeypatch):
    asked = []
    original_fetch = StaticOnlyFetcher.fetch

    def spy(self, url, headers=None):
        asked.append(url)
        return original_fetch(self, url, headers)

    monkeypatch.setattr(StaticOnlyFetcher, "fetch", spy)
    session = bogota_snapshot["sessions"]["11"]
    session["title"] = f"Good practices {HOSTILE_MARKUP}"
    session["outputs"] = f"Recommendations\n\n{HOSTILE_MARKUP}\n\n![pixel](https://tracker.example.org/md.png)"
    session["outputs_html"] = render_markdown(session["outputs"])
    bogota_snapshot["forum"]["agenda_note"] = HOSTILE_MARKUP

    agenda = " ".join(pages_text(render(agenda_pdf, bogota_snapshot, release_of(3))))
    brief = " ".join(pages_text(render(session_brief_pdf, bogota_snapshot, release_of(3), 11)))

    assert asked == ["static:css/pdf.css", "static:css/pdf.css"]
    # The markup is shown as the text it is (line breaks may fall anywhere inside it).
    assert 'Goodpractices<imgsrc="file:///etc/passwd">' in agenda.replace(" ", "")
    assert "Recommendations" in brief


CROWDED = 30


def crowd_the_first_block(snapshot):
    """Put 30 more sessions into the first time block, each tabling the same draft as the block's first session."""
    block = snapshot["days"][0]["blocks"][0]
    first = snapshot["sessions"][str(block["session_ids"][0])]
    for index in range(CROWDED):
        session = {
            **first,
            "id": 5000 + index,
            "number": f"C{index:02d}",
            "title": f"Crowded session {index:02d}",
            "items": [*first["items"][:-1], {**first["items"][-1], "title": f"Closing of crowded session {index:02d}"}],
        }
        snapshot["sessions"][str(session["id"])] = session
        block["session_ids"].append(session["id"])
    return snapshot


def test_a_crowded_time_block_breaks_between_sessions_and_starts_on_the_first_page(render, bogota_snapshot):
    pages = pages_text(render(agenda_pdf, crowd_the_first_block(bogota_snapshot), release_of(3)))

    assert len(pages) > 2
    assert "Building good practices" in pages[0], "the agenda's first page is left empty"
    for index in range(CROWDED):
        [opens] = [number for number, text in enumerate(pages) if f"Crowded session {index:02d}" in text]
        [closes] = [number for number, text in enumerate(pages) if f"Closing of crowded session {index:02d}" in text]
        assert opens == closes, f"crowded session {index:02d} is split across pages"
    assert " ".join(pages).count("Good practices paper") == 1, "a draft tabled by every session is listed once"


def test_a_time_block_without_entries_still_gets_a_row_for_its_time():
    assert block_rows(AgendaBlock(id=1, label="", starts_at=None, ends_at=None)) == [(None, [])]
