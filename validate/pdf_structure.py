"""Read a tagged PDF's structure tree with pypdf and say where it falls short of what PDF/UA-1 asks.

Used by `make validate` over each kind of PDF and by the PDF tests: the header cells of a table
carry a /Scope, each table (a day of the agenda) comes after a heading, the headings are
bookmarked, and a PDF that claims PDF/UA-1 is tagged and marked.
"""

from dataclasses import dataclass, field
from io import BytesIO

from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject

HEADINGS = ("/H", "/H1", "/H2", "/H3", "/H4", "/H5", "/H6")


@dataclass
class Structure:
    """The structure elements of a PDF in reading order, as (role, attributes) pairs."""

    elements: list = field(default_factory=list)

    def roles(self):
        return [role for role, _attributes in self.elements]

    def count(self, role):
        return self.roles().count(role)


def structure_children(node):
    """Yield the structure elements directly under `node`, leaving out marked content and object references."""
    kids = node.get("/K")
    if kids is None:
        return
    kids = kids.get_object()
    for kid in kids if isinstance(kids, ArrayObject) else [kids]:
        kid = kid.get_object()
        if isinstance(kid, DictionaryObject) and "/S" in kid:
            yield kid


def read_structure(pdf_bytes):
    reader = PdfReader(BytesIO(pdf_bytes))
    root = reader.trailer["/Root"]
    structure = Structure()
    if "/StructTreeRoot" in root:
        _walk(root["/StructTreeRoot"].get_object(), structure)
    return reader, structure


def _walk(node, structure):
    for element in structure_children(node):
        structure.elements.append((str(element["/S"]), _attributes(element)))
        _walk(element, structure)


def _attributes(element):
    """Return the attribute names of a structure element, from its /A dictionary or array of them."""
    attributes = element.get("/A")
    if attributes is None:
        return set()
    attributes = attributes.get_object()
    owners = attributes if isinstance(attributes, ArrayObject) else [attributes]
    return {
        str(name) for owner in owners if isinstance(owner.get_object(), DictionaryObject) for name in owner.get_object()
    }


def claims_pdf_ua(reader):
    metadata = reader.trailer["/Root"].get("/Metadata")
    return metadata is not None and b"pdfuaid:part" in metadata.get_object().get_data()


def outline_titles(reader):
    titles = []

    def collect(entries):
        for entry in entries:
            if isinstance(entry, list):
                collect(entry)
            else:
                titles.append(entry.title)

    collect(reader.outline)
    return titles


def structure_problems(pdf_bytes):
    """Return a message for each way the PDF's tagged structure does not match a PDF/UA-1 claim."""
    reader, structure = read_structure(pdf_bytes)
    if not claims_pdf_ua(reader):
        return []
    problems = []
    root = reader.trailer["/Root"]
    if "/StructTreeRoot" not in root:
        problems.append("claims PDF/UA-1 but has no structure tree")
    if not root.get("/MarkInfo", {}).get("/Marked", False):
        problems.append("claims PDF/UA-1 but is not marked as tagged")
    header_cells = [attributes for role, attributes in structure.elements if role == "/TH"]
    unscoped = sum(1 for attributes in header_cells if "/Scope" not in attributes)
    if unscoped:
        problems.append(f"{unscoped} of {len(header_cells)} table header cells carry no /Scope")
    problems += tables_without_heading(structure)
    headings = sum(structure.count(role) for role in HEADINGS)
    if len(outline_titles(reader)) < headings:
        problems.append(f"{headings} headings but {len(outline_titles(reader))} bookmarks")
    return problems


def tables_without_heading(structure):
    """Return a message if a table comes before any heading (a day needs a bookmark).

    A day's table that breaks across pages is tagged by WeasyPrint as one table per page, so tables
    that follow each other without a heading between them are one day continued, not days without one.
    """
    problems = []
    for role in structure.roles():
        if role in HEADINGS:
            break
        if role == "/Table":
            problems.append("a table comes before any heading of its own")
            break
    return problems
