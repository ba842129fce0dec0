"""Names of the publishing feature: its audit actions."""

from flask_babel import lazy_gettext as _l

LABELS = {
    "audit_action": {
        "agenda.published": _l("Agenda release published"),
    },
}
