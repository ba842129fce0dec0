"""Byte samples of accepted and refused files, built in memory."""

import io
import zipfile

from workshop.demo.sample_files import make_docx, make_odt, make_pdf

ELF_BYTES = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 200
WINDOWS_EXECUTABLE_BYTES = b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 200


def zip_bytes(entries):
    """Return a ZIP holding `entries` (name -> text), in the given order."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        for name, text in entries.items():
            package.writestr(name, text)
    return buffer.getvalue()


def ooxml_bytes(folder, main_content_type):
    content_types = (
        '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        f'<Override PartName="/{folder}main.xml" ContentType="{main_content_type}"/></Types>'
    )
    return zip_bytes({"[Content_Types].xml": content_types, f"{folder}main.xml": "<x/>"})


def open_document_bytes(media_type):
    return zip_bytes({"mimetype": media_type, "content.xml": "<x/>"})


def pdf_bytes(title="Good practices paper", paragraphs=("Trust comes first.",)):
    return make_pdf(title, list(paragraphs))


def docx_bytes(title="Good practices paper", paragraphs=("Trust comes first.",)):
    return make_docx(title, list(paragraphs))


def odt_bytes(title="Good practices paper", paragraphs=("Trust comes first.",)):
    return make_odt(title, list(paragraphs))
