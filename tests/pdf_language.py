"""Read the language a PDF declares, as a screen reader (the catalogue's /Lang, each part's /Lang) and pdfinfo see it."""

import io
import subprocess

import pypdf

from validate.pdf_languages import languages_of, languages_of_parts

__all__ = ["declared_language", "languages_of", "languages_of_parts", "pdfinfo"]


def declared_language(data):
    """Return the /Lang of the PDF's catalogue."""
    return str(pypdf.PdfReader(io.BytesIO(data)).trailer["/Root"]["/Lang"])


def pdfinfo(data, tmp_path):
    """Return pdfinfo's fields of a PDF, as poppler reads them."""
    path = tmp_path / "document.pdf"
    path.write_bytes(data)
    lines = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout.splitlines()
    return dict(line.split(":", 1) for line in lines if ":" in line)
