"""What a forum may be, free of Flask: its fields, its web address name, the length of its texts and of the forum.

The model, the settings form, the services, the programme-file import and the published outputs
all read these, so that a rule is stated once.

A typo in a year (2111 for 2011) once made a forum of 36,527 days that no page could show and no
request could shrink again in time; the bound keeps a typo a clear error at the field.
"""

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from rapidfuzz import fuzz

MAX_FORUM_DAYS = 31
# \Z, not $: a `$` also matches before a final new line, and "bogota\n" is no web address name.
SLUG_PATTERN = re.compile(r"\A[a-z0-9][a-z0-9-]*\Z")

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


# --- The organisation directory: one entry per organisation -----------------------------------

# Names this alike (rapidfuzz's ratio, 0-100, on their keys) are taken for one organisation typed twice:
# "Economic Commission of Latin America…" for "…for Latin America…" scores 97, while two ministries of
# different countries ("… of Colombia", "… of Chile") stay under 90.
NEAR_NAME_SCORE = 94


@dataclass(frozen=True)
class KnownOrganisation:
    id: int
    name: str
    acronym: str = ""


@dataclass(frozen=True)
class RepeatedOrganisation:
    """A listed organisation a new entry would repeat, and which typed field repeats it."""

    organisation: KnownOrganisation
    field: str
    near: bool = False


def organisation_key(text: str) -> str:
    """Return a name or acronym as compared for duplicates: no accents, case, punctuation or extra spaces."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    bare = "".join(character for character in decomposed if not unicodedata.combining(character))
    return " ".join(re.sub(r"[^\w]+", " ", bare.casefold()).split())


def repeated_organisation(
    name: str, acronym: str, known: Iterable[KnownOrganisation], ignored_id: int | None = None
) -> RepeatedOrganisation | None:
    """Return the listed organisation a new or renamed one repeats: same name or acronym either way round, or a near name.

    The organisation being edited (`ignored_id`) does not repeat itself.
    """
    others = [organisation for organisation in known if organisation.id != ignored_id]
    name_key, acronym_key = organisation_key(name), organisation_key(acronym)
    for organisation in others:
        listed = {organisation_key(organisation.name), organisation_key(organisation.acronym)}
        if name_key and name_key in listed:
            return RepeatedOrganisation(organisation, "name")
        if acronym_key and acronym_key in listed:
            return RepeatedOrganisation(organisation, "acronym")
    if not name_key:
        return None
    scored = [(fuzz.ratio(name_key, organisation_key(organisation.name)), organisation) for organisation in others]
    best = max(scored, key=lambda pair: pair[0], default=(0, None))
    return RepeatedOrganisation(best[1], "name", near=True) if best[0] >= NEAR_NAME_SCORE else None


def matches_organisation(search: str, name: str, acronym: str) -> bool:
    """Tell whether a directory search finds an organisation: in its name or acronym, any case, accent or spacing."""
    wanted = organisation_key(search)
    return not wanted or wanted in organisation_key(name) or wanted in organisation_key(acronym)


# A forum's working languages are stored in order ("en,es"); a session's interpretation as the
# pairs interpreted, source first ("en>es,es>en").
LANGUAGE_SEPARATOR = ","
INTERPRETATION_ARROW = ">"


def languages_in_order(first: str, others) -> tuple[str, ...]:
    """Return the working languages with `first` first, then the others in their order, each once."""
    ordered = [first] if first else []
    for code in others or ():
        if code and code not in ordered:
            ordered.append(code)
    return tuple(ordered)


def language_codes(text: str) -> list[str]:
    """Return the language codes of a stored list ("en,es"), in order."""
    return [code for code in (text or "").split(LANGUAGE_SEPARATOR) if code]


def joined_languages(codes) -> str:
    """Return the stored form of a list of language codes."""
    return LANGUAGE_SEPARATOR.join(codes)


def possible_interpretations(languages) -> list[tuple[str, str]]:
    """Return every pair (from, into) of two different working languages, in the order of the forum's languages."""
    return [(source, target) for source in languages for target in languages if source != target]


def interpretation_pairs(text: str) -> list[tuple[str, str]]:
    """Return the stored interpretation ("en>es,es>en") as pairs (from, into)."""
    return [tuple(pair.split(INTERPRETATION_ARROW, 1)) for pair in language_codes(text)]


def joined_interpretation(pairs) -> str:
    """Return the stored form of interpretation pairs (from, into)."""
    return joined_languages(f"{source}{INTERPRETATION_ARROW}{target}" for source, target in pairs)


def interpretation_within(text: str, languages) -> str:
    """Return the stored interpretation keeping only the pairs both of whose languages are still worked in."""
    kept = set(languages)
    return joined_interpretation(
        (source, target) for source, target in interpretation_pairs(text) if source in kept and target in kept
    )
