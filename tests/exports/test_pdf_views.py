"""The PDF URLs: access, caching per release and language, and the 304 answer."""

import io
from pathlib import Path

import pypdf

from workshop.extensions import db


def text_of(response):
    assert response.status_code == 200, response.status_code
    assert response.mimetype == "application/pdf"
    return " ".join(" ".join(page.extract_text().split()) for page in pypdf.PdfReader(io.BytesIO(response.data)).pages)


def test_agenda_pdf_is_rendered_once_per_release_and_language(app, client, bogota_forum, publish, count_renders):
    first = client.get("/f/bogota-2011/agenda.pdf")
    assert "Building good practices" in text_of(first)
    assert client.get("/f/bogota-2011/agenda.pdf").data == first.data
    assert len(count_renders) == 1
    assert list(Path(app.config["EXPORT_DIR"]).glob("forum-*/release-*.pdf"))

    spanish = client.get("/f/bogota-2011/agenda.pdf", headers={"Accept-Language": "es"})
    assert "26 de septiembre" in text_of(spanish)
    assert len(count_renders) == 2

    publish(bogota_forum.forum, bogota_forum.secretary, status="final")
    assert "PRELIMINARY" not in text_of(client.get("/f/bogota-2011/agenda.pdf"))
    assert len(count_renders) == 3


def test_agenda_pdf_answers_304_to_a_current_copy(client, bogota_forum, count_renders):
    etag = client.get("/f/bogota-2011/agenda.pdf").headers["ETag"]
    response = client.get("/f/bogota-2011/agenda.pdf", headers={"If-None-Match": etag})
    assert response.status_code == 304
    assert len(count_renders) == 1


def test_personal_agenda_needs_a_sign_in_and_holds_the_persons_sessions(client, login, bogota_forum):
    response = client.get("/f/bogota-2011/my-agenda.pdf")
    assert response.status_code == 302 and "/account/login" in response.headers["Location"]

    login(client, bogota_forum.munoz)
    text = text_of(client.get("/f/bogota-2011/my-agenda.pdf"))
    assert "Agenda of Ana Muñoz" in text
    assert "Building good practices" in text and "Busan HLF4" in text
    assert "Producing policy recommendations" not in text


def test_session_brief_is_for_the_sessions_people_and_the_secretariat(client, login, bogota_forum):
    first = bogota_forum.sessions[0]
    url = f"/f/bogota-2011/sessions/{first.id}/brief.pdf"

    login(client, bogota_forum.outsider)
    assert client.get(url).status_code == 403
    login(client, bogota_forum.munoz)
    text = text_of(client.get(url))
    assert "Session brief" in text and "Good practices paper" in text
    assert "9:15 – 9:20 AM Keynote. Horizontal partnerships" in text
    login(client, bogota_forum.secretary)
    assert client.get(url).status_code == 200
    assert client.get("/f/bogota-2011/sessions/999999/brief.pdf").status_code == 404


def test_non_public_forum_pdf_is_hidden_from_outsiders(client, login, bogota_forum):
    bogota_forum.forum.is_public = False
    db.session.commit()
    assert client.get("/f/bogota-2011/agenda.pdf").status_code == 404
    login(client, bogota_forum.kouassi)
    assert client.get("/f/bogota-2011/agenda.pdf").status_code == 200
