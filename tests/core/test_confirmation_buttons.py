"""On every page that asks before a deed, the two buttons start with different words, in every language.

"Cancel my registration" beside "Cancel, keep it" (and "Cancelar mi inscripción" beside "Cancelar y
conservarlo") left a participant to guess which one cancels. The deeds' labels are read from the
calls to `ask_first` and the templates that ask on their own; the way back is confirm.html's.
"""

import ast
import re
from pathlib import Path

import pytest
from babel.support import Translations

PROJECT = Path(__file__).resolve().parents[2]
CATALOGUES = PROJECT / "workshop" / "translations"
WAY_BACK = re.compile(r'<a class="button" href="[^"]*">\{\{ _\("([^"]+)"\) \}\}</a>')
DEED_BUTTON = re.compile(r'<button type="submit" class="button danger"[^>]*>\{\{ _\("([^"]+)"\) \}\}</button>')


def deed_labels():
    """Return the label of every deed's button: the fourth argument of each ask_first call, and the templates'."""
    labels = set()
    for module in (PROJECT / "workshop").rglob("*.py"):
        for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "ask_first" and len(node.args) > 3:
                label = node.args[3]
                if isinstance(label, ast.Call) and label.args and isinstance(label.args[0], ast.Constant):
                    labels.add(label.args[0].value)
    for template in (PROJECT / "templates").rglob("confirm*.html"):
        labels.update(DEED_BUTTON.findall(template.read_text(encoding="utf-8")))
    return labels


def ways_back():
    return {
        label
        for template in (PROJECT / "templates").rglob("confirm*.html")
        for label in WAY_BACK.findall(template.read_text(encoding="utf-8"))
    }


def first_word(text):
    return re.split(r"[\s,.:;]+", text.strip(), maxsplit=1)[0].casefold()


@pytest.mark.parametrize("language", ["en", "es", "fr"])
def test_the_deed_and_the_way_back_start_with_different_words(language):
    catalogue = Translations.load(str(CATALOGUES), [language]) if language != "en" else None
    said = catalogue.gettext if catalogue else (lambda text: text)
    deeds, backs = sorted(deed_labels()), sorted(ways_back())
    assert len(deeds) > 5 and backs

    clashes = [
        (said(deed), said(back)) for deed in deeds for back in backs if first_word(said(deed)) == first_word(said(back))
    ]

    assert clashes == []
