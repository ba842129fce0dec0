"""Refusals of uploaded files are said entirely in the reader's language."""

from flask_babel import force_locale

from workshop.documents.filetypes import UnsupportedFileType
from workshop.documents.wording import describe_refusal


def test_what_a_refused_file_looks_like_is_translated_too(app):
    with app.test_request_context(), force_locale("es"):
        message = describe_refusal(UnsupportedFileType("Windows executable"))
    assert "ejecutable de Windows" in message
    assert "Windows executable" not in message


def test_a_media_type_the_catalog_does_not_know_is_quoted_as_it_is(app):
    with app.test_request_context(), force_locale("fr"):
        assert "image/png" in describe_refusal(UnsupportedFileType("image/png"))
