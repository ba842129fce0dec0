"""Names of the desk's audit actions and filter values."""

from flask_babel import lazy_gettext as _l

LABELS = {
    "audit_action": {
        "desk.checked_in": _l("Checked in at the forum's entrance"),
        "desk.checked_in_at_session": _l("Checked in at a session"),
    },
    "desk_needs": {
        "accessibility": _l("Accessibility needs"),
        "dietary": _l("Dietary needs"),
        "any": _l("Any need stated"),
    },
    "desk_checked_in": {
        "yes": _l("Checked in"),
        "no": _l("Not checked in"),
    },
}
