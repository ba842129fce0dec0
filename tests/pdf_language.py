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


def structure_elements(reader):
    """Yield every element of a PDF's structure tree in the tree's order (references to content objects left out)."""

    def walk(node):
        node = node.get_object()
        if isinstance(node, pypdf.generic.ArrayObject):
            for child in node:
                yield from walk(child)
        elif isinstance(node, pypdf.generic.DictionaryObject) and node.get("/Type") != "/OBJR":
            yield node
            if "/K" in node:
                yield from walk(node["/K"])

    yield from walk(reader.trailer["/Root"]["/StructTreeRoot"])
