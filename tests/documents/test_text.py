"""Text comes out of PDF, DOCX and ODT alike, in sentences the comparison can use."""

import zipfile

import pytest

from workshop.documents import filetypes
from workshop.documents.textdiff import split_sentences
from workshop.documents.textextract import extract_text

from . import samples


@pytest.mark.parametrize(
    "build, kind",
    [
        (samples.pdf_bytes, filetypes.PDF),
        (samples.docx_bytes, filetypes.DOCX),
        (samples.odt_bytes, filetypes.ODT),
    ],
)
def test_extract_text(tmp_path, build, kind):
    path = tmp_path / "file"
    path.write_bytes(build("Propuesta Bogotá", ["Horizontal partnerships rest on trust."]))
    text = extract_text(path, kind)
    assert "Propuesta Bogotá" in text
    assert "Horizontal partnerships rest on trust." in text


def test_extract_text_of_an_unreadable_file_is_empty(tmp_path):
    path = tmp_path / "file"
    path.write_bytes(b"%PDF-1.7\nnot really a pdf")
    assert extract_text(path, filetypes.PDF) == ""


def test_headings_of_a_docx_stay_apart_from_the_next_sentence(tmp_path):
    path = tmp_path / "file"
    path.write_bytes(samples.docx_bytes("Busan Outcome Document", ["We recognise South-South Cooperation."]))
    assert split_sentences(extract_text(path, filetypes.DOCX)) == [
        "Busan Outcome Document",
        "We recognise South-South Cooperation.",
    ]


def test_a_docx_with_broken_xml_gives_no_text_instead_of_an_error(tmp_path):
    broken = tmp_path / "broken.docx"
    with zipfile.ZipFile(broken, "w") as package:
        package.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        package.writestr("word/document.xml", "<w:document><unclosed>")
    assert extract_text(broken, filetypes.DOCX) == ""
