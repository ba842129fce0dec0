"""Give the header cells of a tagged PDF the /Scope that WeasyPrint leaves out of its structure tree.

PDF/UA-1 asks every table header cell to say which cells it heads. Our templates write
`scope="col"` in a table's head and `scope="row"` in its body, and WeasyPrint tags the head as
/THead: so a /TH under a /THead heads a column, and any other /TH heads a row.

The scopes are written by a WeasyPrint finisher, into the PDF's objects before they are
serialised: reading the finished file back with pypdf and writing it again took a third of the
agenda's render time.
"""

import pydyf

COLUMN = "/Column"
ROW = "/Row"
TABLE_OWNER = "/Table"


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
    if reference is None:
        return None
    # pydyf writes a reference as b"12 0 R", and object number 12 is objects[12].
    return objects[int(bytes(reference).split()[0])]


def _table_attributes(cell):
    """Return the cell's table attributes, making them if WeasyPrint wrote none."""
    attributes = cell.get("A")
    if not isinstance(attributes, pydyf.Dictionary) or attributes.get("O") != TABLE_OWNER:
        attributes = pydyf.Dictionary({"O": TABLE_OWNER})
        cell["A"] = attributes
    return attributes
