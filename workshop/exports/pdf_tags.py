"""Give the header cells of a tagged PDF the /Scope that WeasyPrint leaves out of its structure tree.

PDF/UA-1 asks every table header cell to say which cells it heads. Our templates write
`scope="col"` in a table's head and `scope="row"` in its body, and WeasyPrint tags the head as
/THead: so a /TH under a /THead heads a column, and any other /TH heads a row.
"""

from io import BytesIO

from pypdf import PdfReader, PdfWriter
from pypdf.generic import ArrayObject, DictionaryObject, NameObject

COLUMN = NameObject("/Column")
ROW = NameObject("/Row")
TABLE_OWNER = NameObject("/Table")


def scope_header_cells(pdf_bytes):
    """Return the PDF with a /Scope on each table header cell, or the PDF as it is when it is not tagged."""
    writer = PdfWriter(clone_from=PdfReader(BytesIO(pdf_bytes)))
    tree = writer.root_object.get("/StructTreeRoot")
    if tree is None:
        return pdf_bytes
    _scope_cells(tree.get_object(), in_head=False)
    output = BytesIO()
    writer.write(output)
    return output.getvalue()


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


def _scope_cells(node, in_head):
    for element in structure_children(node):
        role = element["/S"]
        if role == "/TH":
            _set_scope(element, COLUMN if in_head else ROW)
        _scope_cells(element, in_head or role == "/THead")


def _set_scope(cell, scope):
    """Put the scope in the cell's table attributes, making them if WeasyPrint wrote none."""
    attributes = cell.get("/A")
    owners = [] if attributes is None else attributes.get_object()
    owners = owners if isinstance(owners, ArrayObject) else [owners]
    table = next((owner.get_object() for owner in owners if owner.get_object().get("/O") == TABLE_OWNER), None)
    if table is None:
        table = DictionaryObject({NameObject("/O"): TABLE_OWNER})
        cell[NameObject("/A")] = ArrayObject([*owners, table]) if owners else table
    table[NameObject("/Scope")] = scope
