"""The participant list as the desk reads it: the filtered registrations, their counts, and their rows for export."""

from collections import Counter
from dataclasses import dataclass

from sqlalchemy import func, or_, select
from sqlalchemy.orm import selectinload

from workshop.core.labels import group_label, label
from workshop.core.templating import country_name
from workshop.core.timezones import utc_to_local
from workshop.desk.rules import (
    CheckedIn,
    ListedPerson,
    Needs,
    ParticipantFilter,
    arrange_official_list,
    band_colours,
    list_fingerprint,
)
from workshop.desk.services import badge_code_of
from workshop.extensions import db
from workshop.registration.models import Registration
from workshop.registration.rules import RegistrationStatus


@dataclass(frozen=True)
class Counts:
    """The figures at the top of the list: how many it shows, by status, and how many came."""

    shown: int
    by_status: tuple
    checked_in: int


@dataclass(frozen=True)
class ParticipantRow:
    """One registration as an exported row reads it: words, not codes."""

    name: str
    title: str
    email: str
    organisation: str
    country: str
    group: str
    gender: str
    languages: str
    status: str
    accessibility_needs: str
    dietary_needs: str
    registered_on: str
    checked_in_at: str


def find_participants(forum, participant_filter: ParticipantFilter):
    """Return the forum's registrations that pass the filter, by name (withdrawn ones keep no name: left out)."""
    query = (
        select(Registration)
        .where(Registration.forum_id == forum.id, Registration.withdrawn_at.is_(None))
        .options(selectinload(Registration.organisation), selectinload(Registration.group))
        .order_by(func.lower(Registration.name), Registration.id)
    )
    for condition in _conditions(participant_filter):
        query = query.where(condition)
    return db.session.scalars(query).all()


def _conditions(participant_filter):
    if participant_filter.group_id is not None:
        yield Registration.group_id == participant_filter.group_id
    if participant_filter.organisation_id is not None:
        yield Registration.organisation_id == participant_filter.organisation_id
    if participant_filter.country_code:
        yield Registration.country_code == participant_filter.country_code
    if participant_filter.status:
        yield Registration.status == RegistrationStatus(participant_filter.status)
    if participant_filter.needs in (Needs.ACCESSIBILITY, Needs.ANY):
        stated = Registration.accessibility_needs != ""
        yield or_(stated, Registration.dietary_needs != "") if participant_filter.needs == Needs.ANY else stated
    if participant_filter.needs == Needs.DIETARY:
        yield Registration.dietary_needs != ""
    if participant_filter.checked_in == CheckedIn.YES:
        yield Registration.checked_in_at.is_not(None)
    if participant_filter.checked_in == CheckedIn.NO:
        yield Registration.checked_in_at.is_(None)
    if participant_filter.search:
        yield func.lower(Registration.name).contains(participant_filter.search.lower(), autoescape=True)


def fingerprint_of(registrations):
    """Return the digest of a shown list that a bulk action carries back (rules.list_fingerprint)."""
    return list_fingerprint(
        (registration.id, registration.status.value, registration.group_id) for registration in registrations
    )


def count(registrations):
    """Return the counts of a shown list, every status named even when none is in it."""
    statuses = Counter(registration.status for registration in registrations)
    return Counts(
        shown=len(registrations),
        by_status=tuple((status, statuses[status]) for status in RegistrationStatus),
        checked_in=sum(1 for registration in registrations if registration.checked_in_at is not None),
    )


def rows_of(registrations, zone_name):
    """Return the registrations as export rows, in the reader's language."""

    def moment(value, pattern):
        return utc_to_local(value, zone_name).strftime(pattern) if value else ""

    return [
        ParticipantRow(
            name=registration.name,
            title=str(label(registration.title, "honorific")) if registration.title else "",
            email=registration.email or "",
            organisation=str(registration.organisation or ""),
            country=country_name(registration.country_code),
            group=group_label(registration.group.stakeholder, registration.group.name) if registration.group else "",
            gender=str(label(registration.gender, "gender")) if registration.gender else "",
            languages=", ".join(registration.language_codes),
            status=str(label(registration.status, "registration_status")),
            accessibility_needs=registration.accessibility_needs,
            dietary_needs=registration.dietary_needs,
            registered_on=moment(registration.registered_at, "%Y-%m-%d"),
            checked_in_at=moment(registration.checked_in_at, "%Y-%m-%d %H:%M"),
        )
        for registration in registrations
    ]


# People without a stakeholder group come after every group.
LAST_POSITION = 10**6


def official_list(forum):
    """Return the List of Participants: confirmed people who agreed to be listed, grouped and ordered for print."""
    listed = db.session.scalars(
        select(Registration)
        .where(
            Registration.forum_id == forum.id,
            Registration.status == RegistrationStatus.CONFIRMED,
            Registration.listed_publicly,
        )
        .options(selectinload(Registration.organisation), selectinload(Registration.group))
    ).all()
    return arrange_official_list(
        ListedPerson(
            group_position=registration.group.position if registration.group else LAST_POSITION,
            group=group_label(registration.group.stakeholder, registration.group.name) if registration.group else "",
            country=country_name(registration.country_code),
            name=registration.name,
            title=str(label(registration.title, "honorific")) if registration.title else "",
            organisation=str(registration.organisation or ""),
        )
        for registration in listed
    )


@dataclass(frozen=True)
class Badge:
    """What a printed badge shows: the person, their group's colour band, and the code its QR carries."""

    name: str
    organisation: str
    country: str
    group: str
    band: str
    band_text: str
    code: str


def badges_of(forum, participant_filter: ParticipantFilter):
    """Return the badges of the confirmed people the filter shows, by name: only they may come in."""
    confirmed = [
        registration
        for registration in find_participants(forum, participant_filter)
        if registration.status == RegistrationStatus.CONFIRMED
    ]
    return [_badge(registration) for registration in confirmed]


def _badge(registration):
    group = registration.group
    band, band_text = band_colours(group.stakeholder.value if group and group.stakeholder else None)
    return Badge(
        name=registration.name,
        organisation=str(registration.organisation or ""),
        country=country_name(registration.country_code),
        group=group_label(group.stakeholder, group.name) if group else "",
        band=band,
        band_text=band_text,
        code=badge_code_of(registration),
    )
