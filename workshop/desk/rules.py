"""The desk's rules: reading the participant list's filters, telling a stale list, and making exported cells safe to open.

Pure: no Flask, no database. The desk's queries, views and exports read these.
"""

import base64
import hashlib
import hmac
import re
from dataclasses import dataclass
from enum import Enum


class Needs(Enum):
    ACCESSIBILITY = "accessibility"
    DIETARY = "dietary"
    ANY = "any"


class CheckedIn(Enum):
    YES = "yes"
    NO = "no"


SEARCH_LIMIT = 100
FINGERPRINT_LENGTH = 24
# A spreadsheet reads a cell that starts with one of these as a formula (CSV/formula injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")


@dataclass(frozen=True)
class ParticipantFilter:
    """What the secretariat narrowed the participant list to; None (or "") is no filter."""

    group_id: int | None = None
    organisation_id: int | None = None
    country_code: str = ""
    status: str = ""
    needs: Needs | None = None
    checked_in: CheckedIn | None = None
    search: str = ""

    @property
    def is_empty(self):
        return self == ParticipantFilter()


def read_filter(args, statuses):
    """Return the filter a query string asks for, ignoring values that are not valid ones."""
    country = (args.get("country") or "").strip().upper()
    status = args.get("status") or ""
    return ParticipantFilter(
        group_id=_whole_number(args.get("group")),
        organisation_id=_whole_number(args.get("organisation")),
        country_code=country if len(country) == 2 and country.isalpha() else "",
        status=status if status in statuses else "",
        needs=_member(Needs, args.get("needs")),
        checked_in=_member(CheckedIn, args.get("checked_in")),
        search=" ".join((args.get("q") or "").split())[:SEARCH_LIMIT],
    )


@dataclass(frozen=True)
class SeenList:
    """The list a bulk action was chosen on, as its form carries it back: filter, digest and length."""

    participant_filter: ParticipantFilter
    fingerprint: str
    count: int


def read_seen_list(form, statuses):
    """Return the list a bulk action's form says it was chosen on (nothing said reads as a list never seen)."""
    count = (form.get("seen_count") or "").strip()
    return SeenList(
        participant_filter=read_filter(form, statuses),
        fingerprint=(form.get("seen") or "")[:FINGERPRINT_LENGTH],
        count=int(count) if count.isdigit() and len(count) <= 9 else 0,
    )


def as_query_args(participant_filter):
    """Return the query string arguments that ask for this filter again (for export links and redirects)."""
    values = {
        "group": participant_filter.group_id,
        "organisation": participant_filter.organisation_id,
        "country": participant_filter.country_code,
        "status": participant_filter.status,
        "needs": participant_filter.needs.value if participant_filter.needs else None,
        "checked_in": participant_filter.checked_in.value if participant_filter.checked_in else None,
        "q": participant_filter.search,
    }
    return {name: value for name, value in values.items() if value not in (None, "")}


def _whole_number(value):
    """Return a positive id of at most 12 digits, or None."""
    text = str(value or "").strip()
    return int(text) if text.isdigit() and len(text) <= 12 and int(text) > 0 else None


def _member(enumeration, text):
    try:
        return enumeration(text)
    except ValueError:
        return None


def list_fingerprint(entries):
    """Return a digest of a shown list: who is in it, with each one's status and group (order does not count).

    A bulk action carries the digest of the list the secretariat saw; another digest when it is applied
    means someone registered, withdrew or was changed meanwhile.
    """
    digest = hashlib.sha256()
    for registration_id, status, group_id in sorted(entries):
        digest.update(f"{registration_id}:{status}:{group_id or ''};".encode())
    return digest.hexdigest()[:FINGERPRINT_LENGTH]


def spreadsheet_cell(value):
    """Return text a spreadsheet shows as written: one that would start a formula gets a leading apostrophe."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


@dataclass(frozen=True)
class ListedPerson:
    """A person as the official List of Participants prints them."""

    group_position: int
    group: str
    country: str
    name: str
    title: str
    organisation: str


@dataclass(frozen=True)
class CountryListing:
    country: str
    people: tuple


@dataclass(frozen=True)
class GroupListing:
    group: str
    countries: tuple


def arrange_official_list(people):
    """Group people as UN secretariats print the list: by stakeholder group (in its order), then country, then name."""
    ordered = sorted(
        people,
        key=lambda person: (person.group_position, person.group, person.country.casefold(), person.name.casefold()),
    )
    listing = []
    for person in ordered:
        if not listing or listing[-1][0] != person.group:
            listing.append((person.group, []))
        countries = listing[-1][1]
        if not countries or countries[-1][0] != person.country:
            countries.append((person.country, []))
        countries[-1][1].append(person)
    return tuple(
        GroupListing(group, tuple(CountryListing(country, tuple(members)) for country, members in countries))
        for group, countries in listing
    )


# A badge code is the registration's number and a signature only the server can make:
# "1234-K7Q2M9XW4D". It names nobody, and cannot be guessed from another badge.
SIGNATURE_LENGTH = 10
BADGE_CODE = re.compile(rf"^([1-9][0-9]{{0,11}})-([A-Z2-7]{{{SIGNATURE_LENGTH}}})$")


@dataclass(frozen=True)
class BadgeCode:
    registration_id: int
    signature: str


def badge_signature(secret, forum_id, registration_id):
    """Return the signature that ties a registration's badge to its forum, from the application's secret."""
    digest = hmac.new(secret.encode("utf-8"), f"badge|{forum_id}|{registration_id}".encode(), hashlib.sha256)
    return base64.b32encode(digest.digest()).decode("ascii")[:SIGNATURE_LENGTH]


def badge_code(secret, forum_id, registration_id):
    return f"{registration_id}-{badge_signature(secret, forum_id, registration_id)}"


def read_badge_code(text):
    """Return the parts of a typed or scanned code (spaces and case forgiven), or None if it is not one."""
    match = BADGE_CODE.match("".join((text or "").split()).upper())
    return BadgeCode(int(match.group(1)), match.group(2)) if match else None


def is_genuine(code, secret, forum_id):
    """Tell whether a code's signature is the one this forum's registration carries (in constant time)."""
    return hmac.compare_digest(code.signature, badge_signature(secret, forum_id, code.registration_id))


class BadgeLayout(Enum):
    """How badges are printed: one A6 card per page, or four on an A4 sheet to cut."""

    A6 = "a6"
    FOUR_ON_A4 = "a4"


def read_badge_layout(text):
    """Return the layout a query string asks for; one badge per A6 page unless four on A4 is asked for."""
    return _member(BadgeLayout, text) or BadgeLayout.A6


# The colour band of each stakeholder group: (band, text on it). Every pair reads at a contrast of
# at least 4.5:1 (WCAG AA) and no two bands share a hue family, so a door steward tells them apart.
BAND_COLOURS = {
    "country_representatives": ("#0b4f8a", "#ffffff"),
    "multilateral_organisations": ("#7a1f5c", "#ffffff"),
    "south_south_practitioners": ("#1d6b2f", "#ffffff"),
    "civil_society": ("#f2b705", "#111111"),
    "subject_matter_experts": ("#b33c00", "#ffffff"),
    "technical_secretariat": ("#222222", "#ffffff"),
}
# People outside the six stakeholder groups, or in a group the secretariat named.
OTHER_BAND = ("#d9d9d9", "#111111")


def band_colours(stakeholder):
    """Return the (band, text) colours of a stakeholder group's value, or the neutral band for any other group."""
    return BAND_COLOURS.get(stakeholder, OTHER_BAND)


# A count below this could point at a person ("the 2 women from the private sector"), so no public
# output shows it.
SMALLEST_PUBLIC_COUNT = 5
# The key of people who gave no gender, or no stakeholder group.
NOT_STATED = ""


@dataclass(frozen=True)
class Attendee:
    """One person who came, as attendance figures count them: a gender and a group key, or NOT_STATED."""

    gender: str
    group: str


@dataclass(frozen=True)
class AttendanceFigures:
    """How many people came, in all, by gender and by group: (key, count) pairs in the order asked for."""

    total: int | None
    by_gender: tuple
    by_group: tuple


def attendance_figures(attendees, genders, groups):
    """Count the people who came by gender and by group: each key asked for (even at 0), then NOT_STATED if any.

    A key that is not asked for counts as NOT_STATED, so the parts always add up to the total.
    """
    attendees = list(attendees)
    return AttendanceFigures(
        total=len(attendees),
        by_gender=_tally((attendee.gender for attendee in attendees), genders),
        by_group=_tally((attendee.group for attendee in attendees), groups),
    )


def _tally(values, keys):
    known = list(dict.fromkeys(key for key in keys if key != NOT_STATED))
    counts = dict.fromkeys(known, 0)
    unstated = 0
    for value in values:
        if value in counts:
            counts[value] += 1
        else:
            unstated += 1
    return tuple(counts.items()) + (((NOT_STATED, unstated),) if unstated else ())


def public_count(count):
    """Return a count as a public output may show it: None (withheld) below SMALLEST_PUBLIC_COUNT."""
    return count if count >= SMALLEST_PUBLIC_COUNT else None


def public_figures(figures):
    """Return the figures as a public output shows them: every count below SMALLEST_PUBLIC_COUNT withheld."""
    return AttendanceFigures(
        total=public_count(figures.total),
        by_gender=public_breakdown(figures.by_gender),
        by_group=public_breakdown(figures.by_group),
    )


def public_breakdown(rows):
    """Return (key, count) rows with small counts withheld, and no withheld count left to work out from the total.

    A single withheld count of someone is the total less the shown ones: the smallest shown count
    (the first of equals) is withheld with it.
    """
    withheld = [index for index, (_key, count) in enumerate(rows) if public_count(count) is None]
    shown = [index for index in range(len(rows)) if index not in withheld]
    if len(withheld) == 1 and rows[withheld[0]][1] > 0 and shown:
        withheld.append(min(shown, key=lambda index: rows[index][1]))
    return tuple((key, None if index in withheld else count) for index, (key, count) in enumerate(rows))
