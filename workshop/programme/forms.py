"""Forms for the programme: days and time blocks, sessions, their items and appointments, loose items of a block."""

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, DateField, EmailField, IntegerField, SelectField, StringField, SubmitField, TimeField
from wtforms.validators import DataRequired, Email, Length, NumberRange, Optional, ValidationError

from workshop.core.forms import CheckboxesField, MultilineField, WorkshopForm
from workshop.core.labels import choices, enum_value
from workshop.core.markdown import MAX_MARKDOWN_CHARS
from workshop.core.templating import interpretation_name
from workshop.core.versions import version_field
from workshop.forums.rules import joined_interpretation, joined_languages, language_codes, possible_interpretations


class DayForm(WorkshopForm):
    date = DateField(_l("Date"), validators=[DataRequired()])
    title = StringField(_l("Title (optional)"), validators=[Length(max=200)])
    to_be_announced = BooleanField(_l("Programme to be announced"))
    note = MultilineField(_l("Note"))
    submit = SubmitField(_l("Save"))


class BlockForm(WorkshopForm):
    day_id = SelectField(_l("Day"), coerce=int)
    starts_at = TimeField(_l("Starts"), validators=[DataRequired()])
    ends_at = TimeField(_l("Ends"), validators=[DataRequired()])
    label = StringField(_l("Label (optional)"), validators=[Length(max=200)])
    submit = SubmitField(_l("Save"))

    def validate_ends_at(self, field):
        if self.starts_at.data and field.data and field.data <= self.starts_at.data:
            raise ValidationError(_l("The block must end after it starts."))


class SessionForm(WorkshopForm):
    number = StringField(_l("Number"), validators=[Length(max=20)])
    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=500)])
    outputs = MultilineField(_l("Defined outputs"), validators=[Length(max=MAX_MARKDOWN_CHARS)])
    format = SelectField(_l("Format"), choices=lambda: choices("session_format"), coerce=enum_value)
    block_id = SelectField(_l("Time block"), coerce=int)
    starts_at = TimeField(_l("Starts"), validators=[DataRequired()])
    ends_at = TimeField(_l("Ends"), validators=[DataRequired()])
    room_id = SelectField(_l("Room"), coerce=int)
    track_id = SelectField(_l("Track"), coerce=int)
    capacity = IntegerField(_l("Places (empty: the room's capacity)"), validators=[Optional(), NumberRange(min=1)])
    # Choices are the pairs of the forum's working languages; a forum with fewer than two has no such field.
    interpretation = CheckboxesField(_l("Interpretation"))
    version = version_field()
    submit = SubmitField(_l("Save"))

    def validate_ends_at(self, field):
        if self.starts_at.data and field.data and field.data <= self.starts_at.data:
            raise ValidationError(_l("The session must end after it starts."))

    def offer_interpretation(self, languages, saved):
        """Offer each pair of the forum's working languages, ticked as `saved` holds them; none without two languages."""
        pairs = possible_interpretations(languages)
        if not pairs:
            del self.interpretation
            return
        self.interpretation.choices = [(joined_interpretation([pair]), interpretation_name(pair)) for pair in pairs]
        if saved is not None:
            self.interpretation.data = language_codes(saved)

    def chosen_interpretation(self):
        """Return the ticked interpretation in the order of the choices, stored as the session holds it."""
        if "interpretation" not in self:
            return None
        ticked = set(self.interpretation.data or ())
        return joined_languages(value for value, _name in self.interpretation.choices if value in ticked)


class ItemForm(WorkshopForm):
    kind = SelectField(_l("Kind"), choices=lambda: choices("item_kind"), coerce=enum_value)
    title = MultilineField(_l("Title"), validators=[Length(max=2000)])
    duration_minutes = IntegerField(
        _l("Minutes (keynotes: 5 if empty)"), validators=[Optional(), NumberRange(min=1, max=600)]
    )
    speaker_email = EmailField(_l("Speaker's e-mail (optional)"), validators=[Optional(), Email()])
    speaker_name = StringField(_l("Speaker's name"), validators=[Length(max=200)])
    submit = SubmitField(_l("Add item"))


class LooseItemForm(WorkshopForm):
    kind = SelectField(_l("Kind"), choices=lambda: choices("item_kind"), coerce=enum_value)
    title = MultilineField(_l("Title"), validators=[DataRequired(), Length(max=2000)])
    starts_at = TimeField(_l("Starts"), validators=[DataRequired()])
    ends_at = TimeField(_l("Ends"), validators=[DataRequired()])
    submit = SubmitField(_l("Save"))

    def validate_ends_at(self, field):
        if self.starts_at.data and field.data and field.data <= self.starts_at.data:
            raise ValidationError(_l("The item must end after it starts."))


class AppointmentForm(WorkshopForm):
    role = SelectField(_l("Role"), choices=lambda: choices("appointment_role"), coerce=enum_value)
    email = EmailField(_l("E-mail"), validators=[DataRequired(), Email()])
    name = StringField(_l("Name (for a new account)"), validators=[Length(max=200)])
    submit = SubmitField(_l("Appoint"))


class MoveForm(WorkshopForm):
    """A card dropped on the board: the day, start and room it goes to, and the version the board showed."""

    day = DateField(_l("Day"), validators=[DataRequired()])
    starts = TimeField(_l("Starts"), validators=[DataRequired()])
    room_id = IntegerField(_l("Room"), validators=[DataRequired()])
    version = IntegerField(_l("Version"), validators=[DataRequired()])
