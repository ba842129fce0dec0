"""Forms of session reports: the report itself, a comment (or the comments a return carries), the forum's deadline."""

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, DateField, FieldList, FormField, IntegerField, StringField, SubmitField
from wtforms.validators import DataRequired, Email, Length, Optional

from workshop.core.forms import MultilineField, WorkshopForm
from workshop.core.versions import version_field
from workshop.reports.labels import LABELS
from workshop.reports.rules import (
    HEADER_LIMITS,
    MAX_PRESENTERS_CHARS,
    MAX_RECOMMENDATION_CHARS,
    MAX_RECOMMENDATIONS,
    MAX_SECTION_CHARS,
)

MAX_COMMENT_CHARS = 5_000
# The report's field names, lazily translated: the form's labels are the header's and the sections' names.
FIELD_NAMES = LABELS["report_field"]


def _header_field(name, *validators):
    return StringField(
        FIELD_NAMES[name], validators=[Optional(), *validators, Length(max=HEADER_LIMITS[name])], filters=[_strip]
    )


def _section_field(name):
    return MultilineField(FIELD_NAMES[name], validators=[Length(max=MAX_SECTION_CHARS)], render_kw={"rows": 8})


def _count_field(name):
    return IntegerField(FIELD_NAMES[name], validators=[Optional()])


def _strip(value):
    return value.strip() if isinstance(value, str) else value


class RecommendationForm(WorkshopForm):
    """One key recommendation and, if it has one, its addressee; a row of the report form."""

    class Meta:
        csrf = False

    text = MultilineField(
        _l("Recommendation"), validators=[Length(max=MAX_RECOMMENDATION_CHARS)], render_kw={"rows": 2}
    )
    addressee = StringField(
        _l("Addressed to (optional)"), validators=[Optional(), Length(max=HEADER_LIMITS["addressee"])], filters=[_strip]
    )


class ReportForm(WorkshopForm):
    """The report of a session, field by field in the order of the forum's report template."""

    title = StringField(
        FIELD_NAMES["title"], validators=[DataRequired(), Length(max=HEADER_LIMITS["title"])], filters=[_strip]
    )
    track = _header_field("track")
    organiser_name = _header_field("organiser_name")
    organiser_organisation = _header_field("organiser_organisation")
    organiser_email = _header_field("organiser_email", Email())
    moderator = _header_field("moderator")
    rapporteur = _header_field("rapporteur")
    presenters = MultilineField(
        FIELD_NAMES["presenters"], validators=[Length(max=MAX_PRESENTERS_CHARS)], render_kw={"rows": 3}
    )
    format = _header_field("format")
    time_and_date = _header_field("time_and_date")
    women = _count_field("women")
    men = _count_field("men")
    other = _count_field("other")
    total = _count_field("total")
    summary = _section_field("summary")
    questions = _section_field("questions")
    outcomes = _section_field("outcomes")
    new_perspectives = _section_field("new_perspectives")
    lessons_learned = _section_field("lessons_learned")
    recommendations_intro = MultilineField(
        FIELD_NAMES["recommendations_intro"], validators=[Length(max=MAX_RECOMMENDATION_CHARS)], render_kw={"rows": 2}
    )
    recommendations = FieldList(FormField(RecommendationForm), max_entries=MAX_RECOMMENDATIONS)
    version = version_field()
    submit = SubmitField(_l("Save the report"))


class CommentForm(WorkshopForm):
    body = MultilineField(_l("Comment"), validators=[Length(max=MAX_COMMENT_CHARS)], render_kw={"rows": 4})
    submit = SubmitField(_l("Add the comment"))


class ReturnForm(WorkshopForm):
    body = MultilineField(
        _l("What should the rapporteur change?"), validators=[Length(max=MAX_COMMENT_CHARS)], render_kw={"rows": 4}
    )
    submit = SubmitField(_l("Return to the rapporteur"))


class DeadlineForm(WorkshopForm):
    due_on = DateField(_l("Reports are due on"), validators=[DataRequired()])
    submit = SubmitField(_l("Set the deadline"))


class PublicationForm(WorkshopForm):
    published = BooleanField(_l("Show this report on the public session page"))
    submit = SubmitField(_l("Save the choice"))


class ForumPublicationForm(WorkshopForm):
    every_approved_report = BooleanField(_l("Show every approved report on its public session page"))
    submit = SubmitField(_l("Save the choice"))
