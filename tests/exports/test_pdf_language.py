"""Every PDF declares its language and its title, as a screen reader and pdfinfo read them."""

import pytest
from flask_babel import gettext as _

from tests.pdf_language import declared_language, pdfinfo
from workshop.exports.pdf import agenda_pdf, personal_agenda_pdf, session_brief_pdf

from .agenda_samples import KOUASSI, release_of, typed

# Each PDF, the release its snapshot is of and its other arguments, and the words its title holds, in the reader's language.
PDFS = {
    "agenda": (agenda_pdf, (release_of(3),), "Agenda"),
    "personal agenda": (personal_agenda_pdf, (release_of(3), KOUASSI), "Agenda of %(name)s"),
    "session brief": (session_brief_pdf, (release_of(3), 11), "Session brief"),
}


@pytest.mark.parametrize("language", ["en", "es", "fr"])
@pytest.mark.parametrize("kind", PDFS)
def test_the_pdf_declares_its_language_and_a_title_in_it(app, links, bogota_snapshot, tmp_path, kind, language):
    function, arguments, title_words = PDFS[kind]
    with app.test_request_context(f"/?lang={language}"):
        release, *rest = arguments
        data = function(typed(bogota_snapshot, release), *rest, links=links, static_folder=app.static_folder)
        worded_title = _(title_words, name="Awa Kouassi")

    assert declared_language(data) == language
    assert worded_title in pdfinfo(data, tmp_path)["Title"]
