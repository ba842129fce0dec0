"""Check that what the secretariat typed carries the forum's content language on every page (WCAG 3.1.2).

A Spanish or French page around an English programme must mark the English titles English, or a
screen reader reads them as Spanish or French. The crawl's pages are parsed again with lxml (no tool
to run): each text node holding a string the demo's secretariat typed must have, as its nearest
`lang` ancestor, the forum's content language.
"""

import json
import re

import lxml.html

from validate.problems import Problem
from workshop.demo.releases import FIRST_TITLE_OF_SESSION_5
from workshop.demo.services import DEMO_FILE

# Shorter typed strings ("Plenary", a room called "A") would also match words of the interface.
SHORTEST_CHECKED = 8
# Text a person edits in a form is not shown content: its language is the typist's, not the page's claim.
EDITED_TEXT = ("textarea", "script", "style")


def typed_in_programme(programme):
    """Return the titles and names the secretariat typed in a programme file (see programme_files), documents' and groups' too."""
    forum = programme["forum"]
    typed = {forum["title"], forum.get("subtitle", "")}
    typed |= {room["name"] for room in programme.get("rooms", [])}
    typed |= {track["name"] for track in programme.get("tracks", [])}
    typed |= {document["title"] for document in programme.get("documents", [])}
    typed |= {group["name"] for group in programme.get("participant_groups", []) if group.get("name")}
    for day in programme.get("days", []):
        typed.add(day.get("title", ""))
        for block in day.get("blocks", []):
            typed.add(block.get("label", ""))
            typed |= {item["title"] for item in block.get("loose_items", [])}
            for session in block.get("sessions", []):
                typed.add(session["title"])
                typed |= {item["title"] for item in session.get("items", [])}
    return {text.strip() for text in typed if text and len(text.strip()) >= SHORTEST_CHECKED}


def demo_typed_texts():
    """Return what the demo's secretariat typed, with the title session 5 had in the first release."""
    return typed_in_programme(json.loads(DEMO_FILE.read_text(encoding="utf-8"))) | {FIRST_TITLE_OF_SESSION_5}


def typed_pattern(typed_texts):
    """Compile one pattern finding any of the typed texts, the longest first, whitespace as the page spaces it."""
    ordered = sorted(typed_texts, key=len, reverse=True)
    return re.compile("|".join(r"\s+".join(map(re.escape, text.split())) for text in ordered))


def mislabelled_texts(html, pattern, content_language):
    """Return (typed text, element path, language claimed) for each typed text in the body not marked as written."""
    document = lxml.html.document_fromstring(html)
    tree = document.getroottree()
    found = []
    for element in document.body.iter():
        if not isinstance(element.tag, str) or element.tag in EDITED_TEXT:
            continue
        texts = [(element, element.text)] + [(element, child.tail) for child in element]
        for owner, text in texts:
            match = pattern.search(text or "")
            if not match or inside_an_image(owner):
                continue
            claimed = language_around(owner)
            if claimed != content_language:
                found.append((match.group(0), tree.getpath(owner), claimed))
    return found


def inside_an_image(element):
    """Say whether the text is drawn in an image (a chart): its accessible name is read, never its text."""
    return any(ancestor.get("role") == "img" for ancestor in (element, *element.iterancestors()))


def language_around(element):
    """Return the language of the nearest element saying one, as a browser decides the language of a text."""
    for ancestor in (element, *element.iterancestors()):
        if ancestor.get("lang") is not None:
            return ancestor.get("lang")
    return None


def check_language_of_parts(pages, content_language, typed_texts):
    """Name every page, typed text and path where the text is not marked in the forum's content language."""
    pattern = typed_pattern(typed_texts)
    return [
        Problem(page.where, "language of parts", f"{text!r} at {path} is marked {claimed!r}, not {content_language!r}")
        for page in pages
        if page.content_type == "text/html" and page.status == 200
        for text, path, claimed in mislabelled_texts(page.body, pattern, content_language)
    ]
