"""Forms for signing in and setting a password."""

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, EmailField, PasswordField, SelectField, StringField, SubmitField
from wtforms.validators import DataRequired, Email, EqualTo, Length

from workshop.core.forms import WorkshopForm

# What password managers need to fill and save these fields (WCAG 1.3.5, Identify Input Purpose).
USERNAME = {"autocomplete": "username"}
CURRENT_PASSWORD = {"autocomplete": "current-password"}
NEW_PASSWORD = {"autocomplete": "new-password"}


class LoginForm(WorkshopForm):
    email = EmailField(_l("E-mail"), validators=[DataRequired(), Email()], render_kw=USERNAME)
    password = PasswordField(_l("Password"), validators=[DataRequired()], render_kw=CURRENT_PASSWORD)
    remember = BooleanField(_l("Keep me signed in"))
    submit = SubmitField(_l("Sign in"))


class PasswordResetRequestForm(WorkshopForm):
    email = EmailField(_l("E-mail"), validators=[DataRequired(), Email()], render_kw=USERNAME)
    submit = SubmitField(_l("Send me a link"))


class SetPasswordForm(WorkshopForm):
    password = PasswordField(
        _l("New password"), validators=[DataRequired(), Length(min=10, max=200)], render_kw=NEW_PASSWORD
    )
    confirm = PasswordField(
        _l("Repeat the password"),
        validators=[DataRequired(), EqualTo("password", _l("The passwords differ."))],
        render_kw=NEW_PASSWORD,
    )
    submit = SubmitField(_l("Set password"))


# Each language named in itself, so that a reader lost in the wrong one still finds their own.
LANGUAGE_NAMES = {"en": "English", "es": "Español", "fr": "Français"}


class ProfileForm(WorkshopForm):
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=200)])
    preferred_language = SelectField(_l("Language of the pages, e-mails and calendars"))
    submit = SubmitField(_l("Save"))

    def __init__(self, languages, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.preferred_language.choices = [("", _l("The language my browser asks for"))] + [
            (code, LANGUAGE_NAMES.get(code, code)) for code in languages
        ]


class ChangePasswordForm(WorkshopForm):
    current_password = PasswordField(_l("Current password"), validators=[DataRequired()], render_kw=CURRENT_PASSWORD)
    password = PasswordField(
        _l("New password"), validators=[DataRequired(), Length(min=10, max=200)], render_kw=NEW_PASSWORD
    )
    confirm = PasswordField(
        _l("Repeat the new password"),
        validators=[DataRequired(), EqualTo("password", _l("The passwords differ."))],
        render_kw=NEW_PASSWORD,
    )
    submit = SubmitField(_l("Change the password"))
