"""Lost updates: a form carries the version of the record it was opened on, and a save over a newer one is refused.

Two people who open the same form and both save would otherwise both be told "saved" while the
second silently undoes the first. The second is told instead, and keeps what they typed.
"""

from flask_babel import gettext as _
from wtforms import IntegerField
from wtforms.validators import Optional
from wtforms.widgets import HiddenInput

from workshop.core.audit import is_changed
from workshop.core.refusals import EditConflict

IGNORED_FIELDS = ("csrf_token", "submit", "version")


def version_field():
    """Return the hidden field that carries the version a form was opened on."""
    return IntegerField(validators=[Optional()], widget=HiddenInput())


def check_version(record, version_seen):
    """Raise EditConflict if `record` was saved since the form that showed `version_seen` was opened."""
    if version_seen != record.version:
        raise EditConflict()


def count_save(record):
    """Bump the record's version if this save changes it, and tell whether it does."""
    if not is_changed(record):
        return False
    if record.id is not None:
        record.version += 1
    return True


def saved_values_that_differ(typed_form, saved_form):
    """Return (label, saved value) for each field where what was typed differs from what is saved now."""
    return [
        (field.label.text, _shown(saved_form[field.name]))
        for field in typed_form
        if field.name not in IGNORED_FIELDS and field.data != saved_form[field.name].data
    ]


def _shown(field):
    if field.type == "FieldList":
        # Rows of a list (a report's recommendations): each filled row's values on one line.
        rows = (" – ".join(str(value) for value in entry.data.values() if value) for entry in field.entries)
        return "; ".join(row for row in rows if row)
    if field.type == "BooleanField":
        return _("yes") if field.data else _("no")
    if hasattr(field, "iter_choices"):
        return next((str(choice[1]) for choice in field.iter_choices() if choice[2]), "")
    return field._value()
