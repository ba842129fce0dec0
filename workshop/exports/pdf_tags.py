"""Write into a tagged PDF's structure tree what WeasyPrint leaves out: header cells' /Scope, parts' /Lang.

PDF/UA-1 asks every table header cell to say which cells it heads. Our templates write
`scope="col"` in a table's head and `scope="row"` in its body, and WeasyPrint tags the head as
/THead: so a /TH under a /THead heads a column, and any other /TH heads a row.

WCAG 3.1.2 (Language of Parts) asks the same of a PDF as of a page: a Spanish agenda of an English
programme must say its session titles are English. WeasyPrint (70) writes the `lang` of the root
element as the catalogue's /Lang and drops every other `lang`. Its structure elements are made
from boxes by `weasyprint.pdf.tags._build_box_tree`, which keeps no link from an element back to its
box, so `record_part_languages` wraps that function to note the language of each element's box
(WeasyPrint's inherited `lang` style, taken from the HTML's `lang` attributes); the finisher then
walks the tree from its root and writes /Lang wherever a part's language differs from what it
would inherit. If WeasyPrint renames that function the import fails, and if it stops calling it
the finisher refuses to write an untold PDF: either way an upgrade fails loudly.

Both are written by WeasyPrint finishers, into the PDF's objects before they are serialised:
reading the finished file back with pypdf and writing it again took a third of the agenda's
render time.
"""

import functools
import weakref

import pydyf
from weasyprint.pdf import tags as weasyprint_tags

COLUMN = "/Column"
ROW = "/Row"
TABLE_OWNER = "/Table"
STRUCTURE_ELEMENT = "/StructElem"

# For each PDF being written: {object number of a structure element: the language of its box}.
_part_languages = weakref.WeakKeyDictionary()


class UntoldLanguages(RuntimeError):
    """Raised when WeasyPrint built a structure tree without telling us the language of its parts."""


def finish_tagged_pdf(document, pdf):
    """Write what WeasyPrint leaves out of the structure tree (a WeasyPrint finisher: called before writing)."""
    scope_header_cells(document, pdf)
    mark_part_languages(document, pdf)


def scope_header_cells(document, pdf):
    """Put a /Scope on each table header cell of `pdf` (a WeasyPrint finisher: called before writing)."""
    for element in pdf.objects:
        if isinstance(element, pydyf.Dictionary) and element.get("S") == "/TH":
            _table_attributes(element)["Scope"] = COLUMN if _in_table_head(element, pdf.objects) else ROW


def _in_table_head(element, objects):
    """Tell whether a structure element lies in a /THead, looking up its parents as far as its table."""
    parent = _parent(element, objects)
    while parent is not None and parent.get("S") != "/Table":
        if parent.get("S") == "/THead":
            return True
        parent = _parent(parent, objects)
    return False


def _parent(element, objects):
    reference = element.get("P")
    return None if reference is None else objects[_number(reference)]


def _number(reference):
    # pydyf writes a reference as b"12 0 R", and object number 12 is objects[12].
    return None if reference is None else int(bytes(reference).split()[0])


def _table_attributes(cell):
    """Return the cell's table attributes, making them if WeasyPrint wrote none."""
    attributes = cell.get("A")
    if not isinstance(attributes, pydyf.Dictionary) or attributes.get("O") != TABLE_OWNER:
        attributes = pydyf.Dictionary({"O": TABLE_OWNER})
        cell["A"] = attributes
    return attributes


def record_part_languages(build_box_tree):
    """Wrap WeasyPrint's structure builder so that each element it yields is noted with its box's language."""

    @functools.wraps(build_box_tree)
    def building(box, parent, pdf, *arguments, **keywords):
        languages = _part_languages.setdefault(pdf, {})
        for element in build_box_tree(box, parent, pdf, *arguments, **keywords):
            # <html> and <body> make no element and pass on their children's, noted already.
            languages.setdefault(element.number, box.style["lang"])
            yield element

    building.records_part_languages = True
    return building


if not getattr(weasyprint_tags._build_box_tree, "records_part_languages", False):
    weasyprint_tags._build_box_tree = record_part_languages(weasyprint_tags._build_box_tree)


def mark_part_languages(document, pdf):
    """Give /Lang to each structure element whose language differs from the one it would inherit.

    Every element is visited, the running footers' too (WeasyPrint maps their text but leaves them out of
    the tree), in the order they were made: a parent is always made before its children.
    """
    if "StructTreeRoot" not in pdf.catalog:
        return
    languages = _part_languages.pop(pdf, None)
    if not languages:
        raise UntoldLanguages("WeasyPrint no longer builds its structure tree through _build_box_tree")
    document_language = _language_key(pdf.catalog.get("Lang"))
    resolved = {}
    for element in pdf.objects:
        if not isinstance(element, pydyf.Dictionary) or element.get("Type") != STRUCTURE_ELEMENT:
            continue
        inherited = resolved.get(_number(element.get("P")), document_language)
        language = languages.get(element.number)
        if language and _language_key(language) != inherited:
            element["Lang"] = pydyf.String(language)
            inherited = _language_key(language)
        resolved[element.number] = inherited


def _language_key(language):
    """Compare language tags as BCP 47 does, whatever their case; pydyf keeps a string's text in `.string`."""
    text = getattr(language, "string", language)
    return str(text or "").lower()
