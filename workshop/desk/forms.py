"""The desk's check-in form."""

from flask_babel import lazy_gettext as _l
from wtforms import SelectField, StringField, SubmitField
from wtforms.validators import DataRequired, Length

from workshop.core.forms import WorkshopForm

# The forum's door, rather than a session's.
AT_THE_FORUM = 0


class CheckInForm(WorkshopForm):
    code = StringField(_l("Badge code"), validators=[DataRequired(), Length(max=40)])
    session_id = SelectField(_l("Where"), coerce=int, default=AT_THE_FORUM)
    submit = SubmitField(_l("Check in"))
