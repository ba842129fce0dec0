"""What a session report holds, free of Flask: its header fields and sections in the seed report's order, and their limits.

The model's columns, the form, the revisions, the HTML page and the PDF all read these lists.
"""

from workshop.core.markdown import MAX_MARKDOWN_CHARS

HEADER_LIMITS = {
    "title": 500,
    "track": 200,
    "organiser_name": 200,
    "organiser_organisation": 300,
    "organiser_email": 254,
    "moderator": 300,
    "rapporteur": 300,
    "format": 100,
    "time_and_date": 200,
    "addressee": 200,
}
# The header grid, as the seed report lays it out (the presenters are one a line).
HEADER_FIELDS = (
    "title",
    "track",
    "organiser_name",
    "organiser_organisation",
    "organiser_email",
    "moderator",
    "rapporteur",
    "presenters",
    "format",
    "time_and_date",
)
COUNT_FIELDS = ("women", "men", "other", "total")
# The sections after the header, in the seed report's order; the key recommendations come last.
MARKDOWN_SECTIONS = ("summary", "questions", "outcomes", "new_perspectives", "lessons_learned")
MAX_SECTION_CHARS = MAX_MARKDOWN_CHARS
MAX_PRESENTERS_CHARS = 5_000
MAX_RECOMMENDATION_CHARS = 2_000
MAX_RECOMMENDATIONS = 40
# Empty rows the form offers below the recommendations written so far.
BLANK_RECOMMENDATION_ROWS = 3
# Every field a revision keeps, in the order a comparison reads them.
REVISED_FIELDS = (*HEADER_FIELDS, *COUNT_FIELDS, *MARKDOWN_SECTIONS, "recommendations_intro")


def presenter_line(name, job_title, organisation, country):
    """Return a presenter as the report's header lists them: "Name, title, organisation, country", skipping blanks."""
    return ", ".join(part for part in (name, job_title, organisation, country) if part)


def recommendation_rows(written):
    """Return how many recommendation rows the form shows: those written, plus a few blank ones, within the limit."""
    return min(MAX_RECOMMENDATIONS, written + BLANK_RECOMMENDATION_ROWS)
