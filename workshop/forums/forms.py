"""Forms the secretariat fills to set up a forum and its frame."""

import pycountry
from flask import current_app
from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField
from wtforms import BooleanField, DateField, EmailField, IntegerField, SelectField, StringField, SubmitField
from wtforms.validators import DataRequired, Email, Length, NumberRange, Optional, Regexp, ValidationError

from workshop.core.forms import CheckboxesField, MultilineField, WorkshopForm
from workshop.core.labels import choices, enum_value
from workshop.core.markdown import MAX_MARKDOWN_CHARS
from workshop.core.templating import country_name, language_name
from workshop.core.timezones import is_known_timezone
from workshop.core.versions import version_field
from workshop.forums.rules import (
    DEFAULT_CONTENT_LANGUAGE,
    MAX_FORUM_DAYS,
    SLUG_PATTERN,
    TEXT_LIMITS,
    is_too_long,
    languages_in_order,
)


def country_choices():
    """Offer every ISO 3166 country, named and sorted in the reader's language."""
    return [("", "—")] + sorted(
        ((c.alpha_2, country_name(c.alpha_2)) for c in pycountry.countries), key=lambda pair: pair[1]
    )


def working_language_choices():
    """Offer the languages Workshop writes in, each named in the reader's language."""
    return [(code, language_name(code)) for code in current_app.config["LANGUAGES"]]


class ForumForm(WorkshopForm):
    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=TEXT_LIMITS["title"])])
    slug = StringField(
        _l("Web address name"),
        validators=[
            DataRequired(),
            Length(max=TEXT_LIMITS["slug"]),
            Regexp(SLUG_PATTERN, message=_l("Use lower-case letters, digits and hyphens.")),
        ],
    )
    subtitle = StringField(_l("Subtitle"), validators=[Length(max=TEXT_LIMITS["subtitle"])])
    city = StringField(_l("City"), validators=[Length(max=TEXT_LIMITS["city"])])
    country_code = SelectField(_l("Country"), choices=country_choices, validate_choice=True)
    venue = StringField(_l("Venue"), validators=[Length(max=TEXT_LIMITS["venue"])])
    start_date = DateField(_l("First day"), validators=[DataRequired()])
    end_date = DateField(_l("Last day"), validators=[DataRequired()])
    timezone = StringField(_l("Time zone (IANA, e.g. America/Bogota)"), validators=[DataRequired()])
    convened_by = StringField(_l("Convened by"), validators=[Length(max=TEXT_LIMITS["convened_by"])])
    facilitated_by = StringField(_l("Facilitated by"), validators=[Length(max=TEXT_LIMITS["facilitated_by"])])
    objective = MultilineField(_l("Objective (Markdown)"), validators=[Length(max=MAX_MARKDOWN_CHARS)])
    background = MultilineField(_l("Background (Markdown)"), validators=[Length(max=MAX_MARKDOWN_CHARS)])
    participants_text = MultilineField(_l("Participants (Markdown)"), validators=[Length(max=MAX_MARKDOWN_CHARS)])
    methodology = MultilineField(_l("Methodology (Markdown)"), validators=[Length(max=MAX_MARKDOWN_CHARS)])
    agenda_note = MultilineField(_l("Note under the agenda"))
    is_public = BooleanField(_l("Anyone may read the published agenda"))
    first_language = SelectField(
        _l("First working language (mail goes in it to people who chose none)"),
        choices=lambda: [("", "—")] + working_language_choices(),
        validators=[Optional()],
    )
    other_languages = CheckboxesField(_l("Other working languages"), choices=working_language_choices)
    content_language = SelectField(
        _l("Language the programme is written in"),
        choices=lambda: choices("content_language"),
        default=DEFAULT_CONTENT_LANGUAGE,
        validate_choice=True,
        description=_l("Titles, descriptions and names you type are marked as this language on every page and PDF."),
    )
    version = version_field()
    submit = SubmitField(_l("Save"))

    def working_languages(self):
        """Return the working languages in order, the first one first, each once."""
        return languages_in_order(self.first_language.data, self.other_languages.data)

    def validate_timezone(self, field):
        if not is_known_timezone(field.data.strip()):
            raise ValidationError(_l("Not a known time zone name."))

    def validate_end_date(self, field):
        if self.start_date.data and field.data and field.data < self.start_date.data:
            raise ValidationError(_l("The last day cannot come before the first."))
        if self.start_date.data and field.data and is_too_long(self.start_date.data, field.data):
            raise ValidationError(
                _l(
                    "A forum lasts at most %(days)d days; check the year and the month of the last day.",
                    days=MAX_FORUM_DAYS,
                )
            )


class TrackForm(WorkshopForm):
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=200)])
    position = IntegerField(_l("Order"), default=0, validators=[Optional()])
    submit = SubmitField(_l("Save"))


class RoomForm(WorkshopForm):
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=200)])
    capacity = IntegerField(_l("Capacity"), default=0, validators=[Optional(), NumberRange(min=0, max=100000)])
    submit = SubmitField(_l("Save"))


class OrganisationForm(WorkshopForm):
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=300)])
    acronym = StringField(_l("Acronym"), validators=[Length(max=40)])
    type = SelectField(_l("Type"), choices=lambda: choices("organisation_type"), coerce=enum_value)
    country_code = SelectField(_l("Country"), choices=country_choices)
    shared = BooleanField(_l("Add it to the shared directory, for every forum (site administrators only)"))
    submit = SubmitField(_l("Save"))


class RoleForm(WorkshopForm):
    email = EmailField(_l("E-mail"), validators=[DataRequired(), Email()])
    name = StringField(_l("Name (for a new account)"), validators=[Length(max=200)])
    role = SelectField(_l("Role"), choices=lambda: choices("forum_role"), coerce=enum_value)
    submit = SubmitField(_l("Appoint"))


class AppearanceForm(WorkshopForm):
    # Checked by the service (forums/colours.py), which says what is wrong at this field.
    accent_colour = StringField(
        _l("Accent colour"),
        validators=[Length(max=20)],
        description=_l("The convener's colour, such as #0b5cad; leave empty for the site's blue."),
        render_kw={"placeholder": "#0b5cad", "autocomplete": "off"},
    )
    # Checked by content, not by name (forums/logo_files.py); the previous logo stays if one is refused.
    convener_logo = FileField(
        _l("Convener's logo"),
        description=_l("PNG, JPEG or SVG, at most 2 MB; a new logo replaces the one shown."),
        render_kw={"accept": "image/png,image/jpeg,image/svg+xml"},
    )
    partner_logo = FileField(
        _l("Partner's logo (optional)"),
        description=_l("A second organisation's logo, shown beside the convener's."),
        render_kw={"accept": "image/png,image/jpeg,image/svg+xml"},
    )
    partner_name = StringField(
        _l("Partner's name"),
        validators=[Length(max=TEXT_LIMITS["convened_by"])],
        description=_l("The partner logo's alternative text, read out to people who cannot see it."),
    )
    submit = SubmitField(_l("Save"))

    def validate_partner_name(self, field):
        if self.partner_logo.data and not (field.data or "").strip():
            raise ValidationError(_l("Name the partner whose logo this is."))
