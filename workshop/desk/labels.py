"""Names of the desk's filter values."""

from flask_babel import lazy_gettext as _l

LABELS = {
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
