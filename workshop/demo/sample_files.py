"""Build small real PDF, DOCX and ODT files from a title and paragraphs, for the demo forum and tests."""

import io
from html import escape

import docx
from odf.opendocument import OpenDocumentText
from odf.text import H, P
from weasyprint import HTML

PDF_STYLE = """
@page { size: A4; margin: 2cm; }
body { font-family: sans-serif; font-size: 11pt; line-height: 1.4; }
h1 { font-size: 16pt; }
"""


def make_pdf(title, paragraphs):
    """Return the bytes of a PDF with a heading and paragraphs."""
    body = "".join(f"<p>{escape(paragraph)}</p>" for paragraph in paragraphs)
    html = (
        f"<html><head><style>{PDF_STYLE}</style><title>{escape(title)}</title></head>"
        f"<body><h1>{escape(title)}</h1>{body}</body></html>"
    )
    # No base URL and no external resources: the document is built from our own text only.
    return HTML(string=html).write_pdf()


def make_docx(title, paragraphs):
    """Return the bytes of a Word document with a heading and paragraphs."""
    document = docx.Document()
    document.add_heading(title, level=1)
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def make_odt(title, paragraphs):
    """Return the bytes of an OpenDocument text with a heading and paragraphs."""
    document = OpenDocumentText()
    document.text.addElement(H(outlinelevel=1, text=title))
    for paragraph in paragraphs:
        document.text.addElement(P(text=paragraph))
    buffer = io.BytesIO()
    document.write(buffer)
    return buffer.getvalue()
