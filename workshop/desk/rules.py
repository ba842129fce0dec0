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
