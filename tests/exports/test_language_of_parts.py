"""What the secretariat typed is marked with the language it is written in, on pages and in PDFs (WCAG 3.1.2).

A Spanish or French page around an English programme would otherwise claim the English titles are
Spanish or French, and a screen reader would read them so.
"""

import lxml.html
import pytest

from workshop.extensions import db

TYPED = (
    "Learning from South-South and Triangular Cooperation",
    "Sharing Knowledge for Development",
    "Building good practices",
    "Producing policy recommendations for Busan",
    "Salón Bogotá",
    "Track 1 – Good practices",
    "Horizontal partnerships",
    "Agenda for September 28 will be sent in the coming days.",
)
PAGES = ("/f/bogota-2011/", "/f/bogota-2011/agenda", "/f/bogota-2011/sessions/{session_id}")


def languages_of_typed_texts(html):
    """Return {typed text: the languages it is shown in}, each the nearest `lang` around it, in the body.

    The head's <title> is one text and cannot mark a part of itself.
    """
    found = {}
    for element in lxml.html.document_fromstring(html).body.iter():
        if not isinstance(element.tag, str):
            continue
        owned = [(element, element.text)] + [(element, child.tail) for child in element]
        for owner, text in owned:
            for typed in TYPED:
                if text and typed in text:
                    found.setdefault(typed, set()).add(language_around(owner))
    return found


def language_around(element):
    while element is not None:
        if element.get("lang"):
            return element.get("lang")
        element = element.getparent()
    return None


def page_urls(bogota_forum):
    return [url.format(session_id=bogota_forum.sessions[0].id) for url in PAGES]


@pytest.mark.parametrize("reader_language", ["es", "fr"])
def test_english_content_on_a_spanish_or_french_page_is_marked_english(client, bogota_forum, reader_language):
    for url in page_urls(bogota_forum):
        response = client.get(url, headers={"Accept-Language": reader_language})
        assert response.status_code == 200, url
        found = languages_of_typed_texts(response.get_data(as_text=True))
        assert found, url
        assert {typed: languages for typed, languages in found.items() if languages != {"en"}} == {}, url
    agenda = languages_of_typed_texts(client.get("/f/bogota-2011/agenda", headers={"Accept-Language": "es"}).data)
    assert set(agenda) == set(TYPED)


def test_on_an_english_page_english_content_needs_no_mark(client, bogota_forum):
    found = languages_of_typed_texts(client.get("/f/bogota-2011/agenda").get_data(as_text=True))
    assert set(found) == set(TYPED)
    assert all(languages == {"en"} for languages in found.values())
    assert "<span lang=" not in client.get("/f/bogota-2011/agenda").get_data(as_text=True)


def test_a_programme_written_in_spanish_is_marked_spanish_on_english_pages(client, bogota_forum):
    bogota_forum.forum.content_language = "es"
    db.session.commit()

    found = languages_of_typed_texts(client.get("/f/bogota-2011/agenda").get_data(as_text=True))

    assert set(found) == set(TYPED)
    assert all(languages == {"es"} for languages in found.values())
    spanish = languages_of_typed_texts(client.get("/f/bogota-2011/agenda", headers={"Accept-Language": "es"}).data)
    assert all(languages == {"es"} for languages in spanish.values())


def test_the_spanish_agenda_pdf_marks_the_english_programme_english(client, bogota_forum, pdf_html):
    response = client.get("/f/bogota-2011/agenda.pdf", headers={"Accept-Language": "es"})

    assert response.status_code == 200
    [html] = pdf_html
    assert '<html lang="es">' in html
    found = languages_of_typed_texts(html)
    assert set(found) == set(TYPED)
    assert all(languages == {"en"} for languages in found.values()), found


def test_the_english_agenda_pdf_needs_no_part_marked(client, bogota_forum, pdf_html):
    client.get("/f/bogota-2011/agenda.pdf")

    [html] = pdf_html
    assert all(languages == {"en"} for languages in languages_of_typed_texts(html).values())
    assert "<span lang=" not in html
