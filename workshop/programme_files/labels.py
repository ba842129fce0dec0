"""Names of the programme-file import: its audit actions."""

from flask_babel import lazy_gettext as _l

LABELS = {
    "audit_action": {
        "forum.imported": _l("Programme imported from a file"),
        "forum.replaced": _l("Programme replaced from a file"),
    },
}
