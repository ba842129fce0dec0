"""Forms of registration: the person's form, the secretariat's settings, invitations and groups."""

from babel import Locale
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField
from wtforms import (
    BooleanField,
    DateField,
    EmailField,
    IntegerField,
    SelectField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Email, Length, NumberRange, Optional, ValidationError

from workshop.core.forms import CheckboxesField, WorkshopForm
from workshop.core.labels import choices, group_label
from workshop.forums.forms import country_choices
from workshop.registration.rules import SPOKEN_LANGUAGES


def language_choices():
    """Offer the spoken languages, each named in the reader's language."""
    reader = Locale.parse(str(get_locale() or "en"))
    return [(code, Locale.parse(code).get_display_name(reader).capitalize()) for code in SPOKEN_LANGUAGES]


def optional_choice(group):
    return [("", "—")] + choices(group)


class RegistrationForm(WorkshopForm):
    email = EmailField(_l("E-mail"), validators=[Optional(), Email(), Length(max=254)])
    title = SelectField(_l("Title (optional)"), choices=lambda: optional_choice("honorific"), validators=[Optional()])
    name = StringField(_l("Full name"), validators=[DataRequired(), Length(max=200)])
    organisation_id = SelectField(_l("Organisation"), coerce=int, validate_choice=False)
    new_organisation_name = StringField(_l("Not in the list? Its full name"), validators=[Length(max=300)])
    new_organisation_acronym = StringField(_l("and its acronym"), validators=[Length(max=40)])
    country_code = SelectField(_l("Country"), choices=country_choices)
    group_id = SelectField(_l("Stakeholder group"), coerce=int, validate_choice=False)
    gender = SelectField(_l("Gender (optional)"), choices=lambda: optional_choice("gender"), validators=[Optional()])
    languages = CheckboxesField(_l("Languages you work in"), choices=language_choices)
    accessibility_needs = TextAreaField(_l("Accessibility needs (optional)"), validators=[Length(max=2000)])
    dietary_needs = TextAreaField(_l("Dietary needs (optional)"), validators=[Length(max=2000)])
    listed_publicly = BooleanField(_l("List my name, organisation and country among the forum's participants"))
    invitation = StringField(validators=[Optional()])
    submit = SubmitField(_l("Register"))

    def fill_choices(self, organisations, groups):
        self.organisation_id.choices = [(0, "—")] + [
            (organisation.id, str(organisation)) for organisation in organisations
        ]
        self.group_id.choices = [(0, "—")] + [
            (group.id, group_label(group.stakeholder, group.name)) for group in groups
        ]

    def validate_group_id(self, field):
        if not field.data:
            raise ValidationError(_l("Choose your stakeholder group."))

    def validate_country_code(self, field):
        if not field.data:
            raise ValidationError(_l("Choose your country."))


class SettingsForm(WorkshopForm):
    mode = SelectField(_l("How people register"), choices=lambda: choices("registration_mode"))
    opens_on = DateField(_l("Opens on (empty: now)"), validators=[Optional()])
    closes_after = DateField(_l("Closes after (empty: never)"), validators=[Optional()])
    capacity = IntegerField(
        _l("Places in the forum (empty: no limit)"), validators=[Optional(), NumberRange(min=1, max=100000)]
    )
    submit = SubmitField(_l("Save"))

    def validate_closes_after(self, field):
        if self.opens_on.data and field.data and field.data < self.opens_on.data:
            raise ValidationError(_l("Registration must close after it opens."))


class InvitationForm(WorkshopForm):
    addresses = TextAreaField(
        _l("E-mail addresses, one per line or separated by commas"), validators=[Length(max=200000)]
    )
    csv_file = FileField(_l("Or a CSV file with an e-mail column"))
    submit = SubmitField(_l("Send invitations"))


class GroupForm(WorkshopForm):
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=200)])
    kind = SelectField(_l("Kind"), choices=lambda: [pair for pair in choices("group_kind") if pair[0] != "stakeholder"])
    submit = SubmitField(_l("Save"))


class MemberForm(WorkshopForm):
    email = EmailField(_l("A person, by e-mail"), validators=[Optional(), Email()])
    name = StringField(_l("Their name (for a new account)"), validators=[Length(max=200)])
    organisation_id = SelectField(_l("Or a whole organisation"), coerce=int, validate_choice=False)
    submit = SubmitField(_l("Add"))


def chosen_id(value):
    """Read a select's chosen id; its empty first option ("choose one") reads as nothing chosen."""
    return int(value) if value not in ("", None) else None


class RestrictionForm(WorkshopForm):
    session_id = SelectField(_l("Session"), coerce=chosen_id, validate_choice=False, validators=[DataRequired()])
    submit = SubmitField(_l("Restrict to this group"))


class DigestForm(WorkshopForm):
    wants_change_digests = BooleanField(_l("E-mail me when a new release changes a session I chose or take part in"))
    submit = SubmitField(_l("Save"))
