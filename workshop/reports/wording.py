"""Reports in the reader's language: their revisions as text to compare, and the audit details the feature records."""

from flask_babel import format_date
from flask_babel import gettext as _

from workshop.core.labels import label
from workshop.core.templating import as_date
from workshop.documents.textdiff import TooLongToCompare, compare_texts
from workshop.reports.rules import REVISED_FIELDS


def revision_text(content):
    """Return a revision's fields as paragraphs headed by their names, then the recommendations, one a paragraph."""
    paragraphs = [
        f"{label(name, 'report_field')}: {content.get(name)}"
        for name in REVISED_FIELDS
        if content.get(name) not in (None, "")
    ]
    paragraphs += [
        f"{label('recommendations', 'report_field')} {index}. {text}" + (f" ({addressee})" if addressee else "")
        for index, (text, addressee) in enumerate(content.get("recommendations", []), start=1)
    ]
    return "\n\n".join(paragraphs)


def compare_revisions(older, newer):
    """Return what changed from one revision to the next, sentence by sentence (None if too long to compare)."""
    try:
        return compare_texts(revision_text(older.content), revision_text(newer.content))
    except TooLongToCompare:
        return None


# How the audit trail words the details the reports feature records (see workshop.core.audit_wording).
AUDIT_DETAILS = {
    "due_on": lambda action, value: _("Due on %(day)s", day=format_date(as_date(value), "long")),
    "every_approved_report": lambda action, value: (
        _("Every approved report is shown on its session page.")
        if value
        else _("Only the reports picked one by one are shown on their session page.")
    ),
}
