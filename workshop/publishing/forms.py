"""The form that publishes a release."""

from flask_babel import lazy_gettext as _l
from wtforms import SelectField, StringField, SubmitField
from wtforms.validators import Length

from workshop.core.forms import WorkshopForm
from workshop.core.labels import choices, enum_value


class PublishForm(WorkshopForm):
    status = SelectField(_l("Status"), choices=lambda: choices("agenda_status"), coerce=enum_value)
    note = StringField(_l("Note to readers (optional)"), validators=[Length(max=1000)])
    submit = SubmitField(_l("Publish this release"))
