"""Pull the running text out of PDF, DOCX and ODT files, to compare versions and to search them.

The parsers read bytes a stranger chose, so `extract_text_within_limits` runs them in a child
process with a memory and a processor-time limit (workshop.core.limits): a file built to expand
without end costs the child its life, not the worker. It runs in the background job that prepares
an uploaded version, never in a web request.
"""

import logging

import docx
from odf import teletype
from odf.namespaces import TEXTNS
from odf.opendocument import load as load_open_document
from pypdf import PdfReader

from workshop.core.limits import LimitExceeded, run_limited
from workshop.core.text import strip_control_characters
from workshop.documents.filetypes import DOCX, ODT, PDF

# Enough for a long policy paper; a larger text is cut rather than bloating the database.
MAX_TEXT_CHARS = 2_000_000
ODF_PARAGRAPH_TAGS = {(TEXTNS, "p"), (TEXTNS, "h")}
# A blank line between paragraphs lets the comparison keep a heading apart from the sentence after it.
PARAGRAPH_SEPARATOR = "\n\n"
# What the parsers may use of one file: ample for a long policy paper, nothing like a zip bomb.
EXTRACTION_MEMORY_BYTES = 768 * 1024 * 1024
EXTRACTION_CPU_SECONDS = 60

log = logging.getLogger(__name__)


def extract_text_within_limits(path, file_type):
    """Return the file's text as `extract_text` does, read in a limited child process; "" past the limits."""
    try:
        return run_limited(
            extract_text,
            str(path),
            file_type,
            memory_bytes=EXTRACTION_MEMORY_BYTES,
            cpu_seconds=EXTRACTION_CPU_SECONDS,
        )
    except LimitExceeded as error:
        log.warning("gave up extracting the text of %s: %s", path, error)
        return ""


def extract_text(path, file_type):
    """Return the file's text without control characters, or "" for types without running text and
    for files that cannot be read."""
    extractors = {PDF: _pdf_text, DOCX: _docx_text, ODT: _odt_text}
    extractor = extractors.get(file_type)
    if extractor is None:
        return ""
    try:
        text = extractor(path)
    except Exception as error:  # pypdf, lxml, odfpy and zipfile each raise their own kinds
        # An unreadable text layer is no reason to refuse a file that opens fine in its own program.
        log.warning("could not extract text from %s: %s", path, error)
        return ""
    return strip_control_characters(text[:MAX_TEXT_CHARS])


def _pdf_text(path):
    reader = PdfReader(path)
    return "\n".join(page.extract_text() or "" for page in reader.pages)


def _docx_text(path):
    document = docx.Document(path)
    paragraphs = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            paragraphs.append(" | ".join(cell.text for cell in row.cells))
    return PARAGRAPH_SEPARATOR.join(paragraphs)


def _odt_text(path):
    document = load_open_document(path)
    return PARAGRAPH_SEPARATOR.join(teletype.extractText(element) for element in _odf_paragraphs(document.text))


def _odf_paragraphs(element):
    """Yield the headings and paragraphs under `element` in reading order."""
    for child in element.childNodes:
        if getattr(child, "qname", None) in ODF_PARAGRAPH_TAGS:
            yield child
        elif child.nodeType == child.ELEMENT_NODE:
            yield from _odf_paragraphs(child)
