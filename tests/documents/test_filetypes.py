"""The document type comes from the bytes, whatever the file is called."""

import pytest

from workshop.documents import filetypes
from workshop.documents.filetypes import UnsupportedFileType, detect_file_type

from . import samples

PPTX_MAIN = "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"
XLSX_MAIN = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
DOCM_MAIN = "application/vnd.ms-word.document.macroEnabled.main+xml"


def write(tmp_path, data, name="upload.pdf"):
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    "build, expected",
    [
        (samples.pdf_bytes, filetypes.PDF),
        (samples.docx_bytes, filetypes.DOCX),
        (samples.odt_bytes, filetypes.ODT),
        (lambda: samples.ooxml_bytes("ppt/", PPTX_MAIN), filetypes.PPTX),
        (lambda: samples.ooxml_bytes("xl/", XLSX_MAIN), filetypes.XLSX),
        (lambda: samples.open_document_bytes("application/vnd.oasis.opendocument.presentation"), filetypes.ODP),
        (lambda: samples.open_document_bytes("application/vnd.oasis.opendocument.spreadsheet"), filetypes.ODS),
    ],
)
def test_accepted_types_are_told_apart_by_content(tmp_path, build, expected):
    # Every sample is named .pdf: the name must not matter.
    assert detect_file_type(write(tmp_path, build())) == expected


@pytest.mark.parametrize(
    "data, found",
    [
        (samples.ELF_BYTES, "ELF executable"),
        (samples.WINDOWS_EXECUTABLE_BYTES, "Windows executable"),
        (b"just some text, not a document", "unknown"),
        (samples.zip_bytes({"readme.txt": "hello"}), "ZIP archive"),
        (samples.ooxml_bytes("word/", DOCM_MAIN), "Office package of another kind"),
        (
            samples.open_document_bytes("application/vnd.oasis.opendocument.graphics"),
            "application/vnd.oasis.opendocument.graphics",
        ),
        (b"PK\x03\x04 truncated", "damaged ZIP archive"),
    ],
)
def test_other_content_is_refused_and_named(tmp_path, data, found):
    with pytest.raises(UnsupportedFileType) as refusal:
        detect_file_type(write(tmp_path, data))
    assert refusal.value.found == found


def test_pdf_signature_must_open_the_file(tmp_path):
    polyglot = samples.WINDOWS_EXECUTABLE_BYTES + b"%PDF-1.7\n"
    with pytest.raises(UnsupportedFileType):
        detect_file_type(write(tmp_path, polyglot))
