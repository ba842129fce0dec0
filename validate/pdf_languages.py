"""Read in which language a screen reader reads each run of a tagged PDF's text (WCAG 3.1.2, Language of Parts).

Used by `make validate` over each kind of PDF and by the PDF tests: what the secretariat typed in the
forum's content language must be read in it when the PDF is in another.
"""

import io

import pypdf


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


def part_language_problems(pdf_bytes, written_in, typed_texts):
    """Return a message for each typed text the PDF holds but reads in another language than `written_in`.

    A PDF in the content language itself needs no part marked; one that holds none of the texts is
    named too, for then the check checked nothing.
    """
    runs = languages_of_parts(pdf_bytes)
    document_language = str(pypdf.PdfReader(io.BytesIO(pdf_bytes)).trailer["/Root"]["/Lang"])
    if document_language.lower() == written_in.lower():
        return []
    found = {text: languages_of(runs, text) for text in typed_texts if text}
    if not any(found.values()):
        return [f"none of the texts typed in {written_in} was found to check its /Lang"]
    return [
        f"typed text {text[:60]!r} is read as {sorted(languages)} instead of {written_in} (no /Lang on its part)"
        for text, languages in found.items()
        if languages and {language.lower() for language in languages} != {written_in.lower()}
    ]
