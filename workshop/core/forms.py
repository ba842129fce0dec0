"""The form every Workshop form derives from: what it lets through can be stored on either database.

Every field drops control characters (NUL gives a server error on PostgreSQL and ends up raw in
feeds on SQLite), and every whole-number field refuses numbers the database cannot hold, at the
field, instead of failing at the commit. `tests/security/test_request_inputs.py` checks that every
form of the application derives from this one.
"""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import FieldList, FormField, IntegerField, SelectMultipleField, TextAreaField
from wtforms.validators import ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from workshop.core.text import normalise_newlines, strip_control_characters

# The widest whole number a column of either database (PostgreSQL's integer) holds.
DATABASE_INTEGER_MIN = -(2**31)
DATABASE_INTEGER_MAX = 2**31 - 1


def storable_integer(form, field):
    """Refuse a whole number outside what an integer column can hold."""
    if isinstance(field.data, int) and not DATABASE_INTEGER_MIN <= field.data <= DATABASE_INTEGER_MAX:
        raise ValidationError(_l("This number is too large."))


class WorkshopForm(FlaskForm):
    """A Flask-WTF form (with its CSRF token) whose fields hold only what the database can store."""

    class Meta:
        def bind_field(self, form, unbound_field, options):
            if issubclass(unbound_field.field_class, (FieldList, FormField)):
                # Rows of a list are forms of their own, which clean their fields themselves.
                return unbound_field.bind(form=form, **options)
            filters = [*unbound_field.kwargs.get("filters", ()), strip_control_characters]
            return unbound_field.bind(form=form, filters=filters, **options)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self:
            # The forms macro asks a field's form which field is the first one refused (to focus it).
            field.held_by = self

    def first_invalid_name(self):
        """Return the name of the first field with an error, in the form's order ("" if none), to focus it."""
        return next((field.name for field in self if field.errors), "")

    def validate(self, extra_validators=None):
        extra = {name: list(validators) for name, validators in (extra_validators or {}).items()}
        for name, field in self._fields.items():
            if isinstance(field, IntegerField):
                extra.setdefault(name, []).append(storable_integer)
        return super().validate(extra_validators=extra)


class MultilineField(TextAreaField):
    """A text area whose line breaks are stored as \\n.

    Browsers send every line break of a text area as CRLF, so without this a form saved unchanged
    would rewrite every text that has more than one line.
    """

    def process_formdata(self, valuelist):
        super().process_formdata(valuelist)
        if valuelist:
            self.data = normalise_newlines(self.data)


class CheckboxesField(SelectMultipleField):
    """A multiple choice shown as check boxes, which phones and screen readers handle better than a list box."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()
