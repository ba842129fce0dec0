"""Names of the documents feature: its audit actions, version states and document kinds."""

from flask_babel import lazy_gettext as _l
from flask_babel import lazy_pgettext

LABELS = {
    "audit_action": {
        "document.created": _l("Document created"),
        "document.uploaded": _l("File uploaded"),
        "document.replaced": _l("New version uploaded"),
        "document.linked": _l("Document tabled in a session"),
        "document.unlinked": _l("Document taken off a session"),
        "conclusions.saved": _l("Conclusions saved"),
        "conclusions.file_attached": _l("Conclusions document attached"),
        "conclusions.submitted": _l("Conclusions submitted"),
    },
    # A version: in Spanish and French the word agrees with "versión" / "version" (feminine).
    "version_status": {
        "preliminary": lazy_pgettext("document version", "Preliminary"),
        "revised": lazy_pgettext("document version", "Revised"),
        "final": lazy_pgettext("document version", "Final"),
    },
    "document_kind": {
        "paper": _l("Paper"),
        "outcome_document": _l("Outcome document"),
        "position_paper": _l("Position paper"),
        "concept_note": _l("Concept note"),
        "proposal": _l("Proposal"),
        "working_paper": _l("Working paper"),
        "presentation": _l("Presentation"),
    },
}
