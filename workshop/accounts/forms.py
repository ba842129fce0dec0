"""Forms for signing in and setting a password."""

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, EmailField, PasswordField, SelectField, StringField, SubmitField
from wtforms.validators import DataRequired, Email, EqualTo, Length

from workshop.core.forms import WorkshopForm


class LoginForm(WorkshopForm):
    email = EmailField(_l("E-mail"), validators=[DataRequired(), Email()])
    password = PasswordField(_l("Password"), validators=[DataRequired()])
    remember = BooleanField(_l("Keep me signed in"))
    submit = SubmitField(_l("Sign in"))


class PasswordResetRequestForm(WorkshopForm):
    email = EmailField(_l("E-mail"), validators=[DataRequired(), Email()])
    submit = SubmitField(_l("Send me a link"))


class SetPasswordForm(WorkshopForm):
    password = PasswordField(_l("New password"), validators=[DataRequired(), Length(min=10, max=200)])
    confirm = PasswordField(
        _l("Repeat the password"), validators=[DataRequired(), EqualTo("password", _l("The passwords differ."))]
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
    current_password = PasswordField(_l("Current password"), validators=[DataRequired()])
    password = PasswordField(_l("New password"), validators=[DataRequired(), Length(min=10, max=200)])
    confirm = PasswordField(
        _l("Repeat the new password"), validators=[DataRequired(), EqualTo("password", _l("The passwords differ."))]
    )
    submit = SubmitField(_l("Change the password"))
