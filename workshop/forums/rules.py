"""What a forum may be, free of Flask: its fields, its web address name, the length of its texts and of the forum.

The model, the settings form, the services, the programme-file import and the published outputs
all read these, so that a rule is stated once.

A typo in a year (2111 for 2011) once made a forum of 36,527 days that no page could show and no
request could shrink again in time; the bound keeps a typo a clear error at the field.
"""

import re
from datetime import date, timedelta

MAX_FORUM_DAYS = 31
SLUG_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]*$")

# What the secretariat sets on a forum, in the order the settings form and the programme file list it.
FORUM_FIELDS = (
    "slug",
    "title",
    "subtitle",
    "city",
    "country_code",
    "venue",
    "start_date",
    "end_date",
    "timezone",
    "convened_by",
    "facilitated_by",
    "objective",
    "background",
    "participants_text",
    "methodology",
    "agenda_note",
    "is_public",
)
# Settings kept on the forum beside its facts: not in programme files or the published agenda's data.
OWN_SETTINGS = ("content_language",)
# The languages a secretariat may write a programme in: the site's own, so that every reader is told.
CONTENT_LANGUAGES = ("en", "es", "fr")
DEFAULT_CONTENT_LANGUAGE = "en"
# The concept note's sections, written in Markdown and shown on the forum's page.
CONCEPT_NOTE_FIELDS = ("objective", "background", "participants_text", "methodology")
# What every reader of a published agenda is told of the forum: all but the concept note and who may read it.
PUBLISHED_FORUM_FIELDS = tuple(name for name in FORUM_FIELDS if name not in (*CONCEPT_NOTE_FIELDS, "is_public"))
# The longest each bounded text may be; the model's columns are declared with these.
TEXT_LIMITS = {
    "slug": 80,
    "title": 300,
    "subtitle": 300,
    "city": 120,
    "venue": 300,
    "timezone": 64,
    "convened_by": 300,
    "facilitated_by": 300,
}


def is_slug(text: str) -> bool:
    """Tell whether `text` may be a forum's web address name: lower-case letters, digits and hyphens."""
    return bool(SLUG_PATTERN.match(text))


def days_between(first: date, last: date) -> list[date]:
    """Return every date from `first` to `last`, both included."""
    return [first + timedelta(days=offset) for offset in range((last - first).days + 1)]


def is_too_long(first: date, last: date) -> bool:
    """Tell whether a forum from `first` to `last` would last longer than a forum can."""
    return (last - first).days + 1 > MAX_FORUM_DAYS
