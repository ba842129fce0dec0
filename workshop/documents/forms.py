"""Forms for uploading drafts and versions, tabling documents in sessions, and writing conclusions."""

from babel import Locale
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField, FileRequired
from wtforms import SelectField, StringField, SubmitField
from wtforms.validators import DataRequired, Length, Optional

from workshop.core.forms import MultilineField, WorkshopForm
from workshop.core.labels import choices
from workshop.core.templating import typed_choice
from workshop.documents.wording import version_status_choices

# The languages drafts of the forums we host are written in; the interface languages come first.
DOCUMENT_LANGUAGES = ("en", "es", "fr", "pt", "ar", "zh", "ru", "ko", "id")
MAX_CONCLUSIONS_CHARS = 50_000


def language_choices():
    """Return (code, name) pairs with each language named in the reader's language."""
    reader = get_locale() or Locale("en")
    return [(code, Locale(code).get_display_name(reader).capitalize()) for code in DOCUMENT_LANGUAGES]


class VersionFieldsMixin:
    file = FileField(_l("File"), validators=[FileRequired(_l("Choose a file to upload."))])
    status = SelectField(_l("Status of this version"), choices=version_status_choices, default="preliminary")
    note = StringField(_l("What changed (optional)"), validators=[Optional(), Length(max=500)])


class NewDocumentForm(VersionFieldsMixin, WorkshopForm):
    """A new draft for a session: its description and its first file."""

    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=500)])
    kind = SelectField(_l("Kind"), choices=lambda: choices("document_kind"), default="paper")
    language = SelectField(_l("Language"), default="en")
    organisation_id = SelectField(_l("Author organisation"), coerce=int, default=0)
    translation_of_id = SelectField(_l("Language version of"), coerce=int, default=0)
    submit = SubmitField(_l("Upload the draft"))

    def __init__(self, organisations, documents, written_in, *args, **kwargs):
        """`written_in`: the forum's content language, which the documents' titles are marked with."""
        super().__init__(*args, **kwargs)
        self.language.choices = language_choices()
        self.organisation_id.choices = [(0, _l("None"))] + [
            (organisation.id, str(organisation)) for organisation in organisations
        ]
        self.translation_of_id.choices = [(0, _l("None: this is an original"))] + [
            typed_choice(document.id, f"{document.title} ({document.language})", written_in) for document in documents
        ]


class NewVersionForm(VersionFieldsMixin, WorkshopForm):
    submit = SubmitField(_l("Upload the new version"))


class LinkDocumentForm(WorkshopForm):
    document_id = SelectField(_l("Document of this forum"), coerce=int)
    submit = SubmitField(_l("Table it in this session"))

    def __init__(self, documents, written_in, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.document_id.choices = [typed_choice(document.id, document.title, written_in) for document in documents]


class ConclusionsForm(WorkshopForm):
    body = MultilineField(
        _l("Conclusions and recommendations"),
        validators=[Length(max=MAX_CONCLUSIONS_CHARS)],
        render_kw={"rows": 14},
    )
    submit = SubmitField(_l("Save as draft"))


class ConclusionsFileForm(VersionFieldsMixin, WorkshopForm):
    language = SelectField(_l("Language"), default="en")
    submit = SubmitField(_l("Attach the document"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.language.choices = language_choices()


class CompareVersionsForm(WorkshopForm):
    """Pick two versions to compare; read-only, sent by GET, so no token is needed."""

    class Meta:
        csrf = False

    old = SelectField(_l("Compare version"), coerce=int)
    new = SelectField(_l("with version"), coerce=int)
