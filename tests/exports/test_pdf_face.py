"""The forum's logos and colour dress its PDFs: the agenda's first page, the outcome; the PDF stays tagged."""

import io

import pypdf
import pytest

from tests.forums import logo_samples as samples
from tests.pdf_language import structure_elements
from workshop.extensions import db
from workshop.forums.logos import upload_logo

# #8b0000 as WeasyPrint writes a fill colour.
DARK_RED_FILL = b"0.545098 0 0 rg"


@pytest.fixture
def dressed_forum(bogota_forum):
    """Give the Bogotá forum a dark red accent and the convener's logo."""
    forum = bogota_forum.forum
    forum.accent_colour = "#8b0000"
    upload_logo(bogota_forum.secretary, forum, "convener", io.BytesIO(samples.png_bytes()), "APC Colombia")
    db.session.commit()
    return bogota_forum


def figures_alt_texts(reader):
    """Return the alternative text of every Figure of the PDF's structure tree, in order."""
    return [str(node.get("/Alt", "")) for node in structure_elements(reader) if node.get("/S") == "/Figure"]


def test_the_agenda_pdf_shows_the_logo_on_its_first_page_named_in_its_tags(client, dressed_forum):
    reader = pypdf.PdfReader(io.BytesIO(client.get("/f/bogota-2011/agenda.pdf").data))

    assert len(reader.pages[0].images) == 1
    assert bool(reader.trailer["/Root"]["/MarkInfo"]["/Marked"])
    assert figures_alt_texts(reader) == ["APC Colombia"]
    assert DARK_RED_FILL in reader.pages[0].get_contents().get_data()


def test_without_logo_or_colour_the_agenda_pdf_has_neither(client, bogota_forum):
    reader = pypdf.PdfReader(io.BytesIO(client.get("/f/bogota-2011/agenda.pdf").data))

    assert len(reader.pages[0].images) == 0
    assert DARK_RED_FILL not in reader.pages[0].get_contents().get_data()


def test_a_new_logo_after_the_release_gives_a_new_agenda_pdf(client, dressed_forum):
    before = client.get("/f/bogota-2011/agenda.pdf")

    upload_logo(dressed_forum.secretary, dressed_forum.forum, "partner", io.BytesIO(samples.jpeg_bytes()), "UNDP")
    db.session.commit()
    after = client.get("/f/bogota-2011/agenda.pdf")

    assert after.headers["ETag"] != before.headers["ETag"]
    assert figures_alt_texts(pypdf.PdfReader(io.BytesIO(after.data))) == ["APC Colombia", "UNDP"]


def test_the_consolidated_outcome_pdf_carries_the_logo(client, login, dressed_forum):
    login(client, dressed_forum.secretary)

    reader = pypdf.PdfReader(io.BytesIO(client.get("/manage/bogota-2011/outcome.pdf").data))

    assert len(reader.pages[0].images) == 1
    # The logo first; the outcome's charts are figures of their own.
    assert figures_alt_texts(reader)[0] == "APC Colombia"
