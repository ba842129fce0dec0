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


def pdf_with_text_operators(operators):
    """Return a hand-made one-page PDF whose page draws `operators` (bytes) in Helvetica.

    WeasyPrint never writes control characters into a PDF's text; a hostile PDF does, with octal
    escapes such as (Trust\\000first.) in a Tj operator.
    """
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(operators) + operators + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    pdf, offsets = b"%PDF-1.4\n", []
    for number, body in enumerate(objects, 1):
        offsets.append(len(pdf))
        pdf += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    table = len(pdf)
    pdf += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    pdf += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    pdf += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, table)
    return pdf


def docx_bomb(unpacked_bytes):
    """Return a small DOCX whose document part unpacks to `unpacked_bytes` of spaces."""
    buffer = io.BytesIO()
    real = zipfile.ZipFile(io.BytesIO(docx_bytes()))
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as package:
        for entry in real.infolist():
            if entry.filename != "word/document.xml":
                package.writestr(entry, real.read(entry))
        with package.open("word/document.xml", "w", force_zip64=True) as part:
            part.write(real.read("word/document.xml")[: -len(b"</w:document>")])
            chunk = b" " * (1024 * 1024)
            for _ in range(unpacked_bytes // len(chunk)):
                part.write(chunk)
            part.write(b"</w:document>")
    return buffer.getvalue()
