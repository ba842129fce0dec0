"""Read the language a PDF declares, as a screen reader (the catalogue's /Lang, each part's /Lang) and pdfinfo see it."""

import io
import subprocess

import pypdf


def declared_language(data):
    """Return the /Lang of the PDF's catalogue."""
    return str(pypdf.PdfReader(io.BytesIO(data)).trailer["/Root"]["/Lang"])


def pdfinfo(data, tmp_path):
    """Return pdfinfo's fields of a PDF, as poppler reads them."""
    path = tmp_path / "document.pdf"
    path.write_bytes(data)
    lines = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout.splitlines()
    return dict(line.split(":", 1) for line in lines if ":" in line)


def languages_of_parts(data):
    """Return [(text, language)] for each marked run of text, in the order drawn, as a screen reader resolves it.

    A run is marked content (BDC … EMC with an /MCID); the structure element the page's parent tree maps
    it to takes the nearest /Lang of itself or its parents, else the catalogue's.
    """
    reader = pypdf.PdfReader(io.BytesIO(data))
    root = reader.trailer["/Root"]
    parent_tree = _number_tree(root["/StructTreeRoot"]["/ParentTree"].get_object())
    runs = []
    for page in reader.pages:
        elements = parent_tree[page["/StructParents"]]
        for mcid, text in _marked_texts(page):
            runs.append((text, _resolved_language(elements[mcid].get_object(), root)))
    return runs


def languages_of(runs, text):
    """Return the languages the characters of `text` are read in, wherever it appears among the runs (None if absent)."""
    characters, languages = [], []
    for run, language in runs:
        for character in " " + run:
            if character.isspace() and characters and characters[-1] == " ":
                continue
            characters.append(" " if character.isspace() else character)
            languages.append(language)
    joined = "".join(characters)
    wanted = " ".join(text.split())
    start = joined.find(wanted)
    if start < 0:
        return None
    found = set()
    while start >= 0:
        found.update(languages[index] for index in range(start, start + len(wanted)) if joined[index] != " ")
        start = joined.find(wanted, start + 1)
    return found


def _marked_texts(page):
    """Return (mcid, text) for each marked run of the page's content."""
    stack, texts = [], []

    def operator(name, operands, *_):
        if name in (b"BDC", b"BMC"):
            properties = operands[1] if name == b"BDC" and len(operands) > 1 else {}
            mcid = properties.get("/MCID") if hasattr(properties, "get") else None
            stack.append(mcid)
            if mcid is not None:
                texts.append([mcid, ""])
        elif name == b"EMC" and stack:
            stack.pop()

    def text(content, *_):
        innermost = next((mcid for mcid in reversed(stack) if mcid is not None), None)
        if innermost is not None and texts and texts[-1][0] == innermost:
            texts[-1][1] += content

    page.extract_text(visitor_operand_before=operator, visitor_text=text)
    return [(mcid, content) for mcid, content in texts if content.strip()]


def _resolved_language(element, root):
    while element is not None:
        if "/Lang" in element:
            return str(element["/Lang"])
        parent = element.get("/P")
        element = parent.get_object() if parent is not None else None
        if element is not None and element.get("/Type") == "/StructTreeRoot":
            break
    return str(root["/Lang"])


def _number_tree(node):
    """Return {number: value} of a PDF number tree (WeasyPrint writes it flat, in /Nums)."""
    found = {}
    numbers = node.get("/Nums", [])
    for index in range(0, len(numbers), 2):
        found[numbers[index]] = numbers[index + 1].get_object()
    for kid in node.get("/Kids", []):
        found.update(_number_tree(kid.get_object()))
    return found
