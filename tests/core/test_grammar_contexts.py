"""A word that names values of several kinds of thing is translated per kind, so Spanish and French agree with it.

"Final" qualifies an agenda (masculine "programme" in French) and a document version (feminine
"version"): each is worded under a context of its own (pgettext). A word that reads the same for every
kind in every language is named in SAME_WORD_FOR_EVERY_KIND after checking the catalogues.
"""

from collections import defaultdict

import pytest
from flask_babel import force_locale

from workshop.core.labels import LABELS, label

# Words checked in Spanish and French: one form fits every group they name values of.
# A role and the report field that names its holder are one noun; "On the waiting list" agrees with nothing.
SAME_WORD_FOR_EVERY_KIND = {
    "Facilitator",
    "Rapporteur",
    "Presentation",
    "Other",
    "Moderator",
    "Organiser",
    "Presenters",
    "On the waiting list",
}


def english_word(text):
    """Return the English source of a lazy label (the last argument of gettext or pgettext)."""
    return text._args[-1]


def context_of(text):
    """Return the pgettext context of a lazy label, or None when it has none."""
    return text._args[0] if text._func.__name__ == "pgettext" else None


def test_a_word_shared_by_several_groups_has_a_context_in_each(app):
    groups_by_word = defaultdict(dict)
    for group, names in LABELS.items():
        for text in names.values():
            groups_by_word[english_word(text)].setdefault(group, set()).add(context_of(text))
    shared = {word: groups for word, groups in groups_by_word.items() if len(groups) > 1}
    unsettled = {
        word: groups
        for word, groups in shared.items()
        if word not in SAME_WORD_FOR_EVERY_KIND
        and (None in set().union(*groups.values()) or len(set().union(*groups.values())) < len(groups))
    }
    assert unsettled == {}
    assert SAME_WORD_FOR_EVERY_KIND <= set(shared), "a word listed as shared no longer is; remove it"


@pytest.mark.parametrize(
    ("language", "group", "value", "expected"),
    [
        ("fr", "agenda_status", "final", "Définitif"),
        ("fr", "version_status", "final", "Définitive"),
        ("fr", "version_status", "revised", "Révisée"),
        ("es", "agenda_status", "preliminary", "Preliminar"),
        ("es", "version_status", "revised", "Revisada"),
        ("en", "version_status", "final", "Final"),
    ],
)
def test_statuses_agree_with_what_they_qualify(app, language, group, value, expected):
    with force_locale(language):
        assert str(label(value, group)) == expected
