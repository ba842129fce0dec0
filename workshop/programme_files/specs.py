"""What a checked programme file describes: frozen specifications, each with the line it starts on.

Pure: no Flask, no database. The values an enumeration may take come in a `Vocabulary` from the
caller, so that the models stay the one place they are defined.
"""

from dataclasses import dataclass
from datetime import date, time


@dataclass(frozen=True)
class Vocabulary:
    """The values each enumerated field may take."""

    agenda_status: frozenset
    item_kind: frozenset
    session_format: frozenset
    appointment_role: frozenset
    forum_role: frozenset
    document_kind: frozenset
    organisation_type: frozenset
    group_kind: frozenset
    stakeholder_group: frozenset


@dataclass(frozen=True)
class OrganisationSpec:
    line: int | None
    name: str
    acronym: str
    type: str
    country_code: str


@dataclass(frozen=True)
class PersonSpec:
    line: int | None
    email: str
    name: str
    job_title: str
    organisation: str | None
    country_code: str
    roles: tuple


@dataclass(frozen=True)
class RoomSpec:
    line: int | None
    name: str
    capacity: int


@dataclass(frozen=True)
class TrackSpec:
    line: int | None
    name: str


@dataclass(frozen=True)
class DocumentSpec:
    line: int | None
    title: str
    kind: str
    organisation: str | None
    language: str
    translation_of: str | None


@dataclass(frozen=True)
class GroupSpec:
    """A participant group: one of the six stakeholder groups (by its value) or a group of the forum's own (by name)."""

    line: int | None
    name: str | None
    stakeholder: str | None
    kind: str
    quota: int | None
    organisations: tuple
    people: tuple

    @property
    def reference(self):
        """What sessions write in `restricted_to` to name this group."""
        return self.stakeholder or self.name


@dataclass(frozen=True)
class LooseItemSpec:
    line: int | None
    kind: str
    title: str
    starts: time
    ends: time
    speaker: str | None
    room: str | None


@dataclass(frozen=True)
class ItemSpec:
    line: int | None
    kind: str
    title: str
    speaker: str | None
    duration_minutes: int | None


@dataclass(frozen=True)
class AppointmentSpec:
    line: int | None
    role: str
    person: str


@dataclass(frozen=True)
class SessionSpec:
    line: int | None
    number: str
    title: str
    outputs: str
    format: str
    room: str | None
    track: str | None
    capacity: int | None
    starts: time
    ends: time
    items: tuple
    appointments: tuple
    documents: tuple
    restricted_to: str | None = None


@dataclass(frozen=True)
class BlockSpec:
    line: int | None
    label: str
    starts: time
    ends: time
    loose_items: tuple
    sessions: tuple


@dataclass(frozen=True)
class DaySpec:
    line: int | None
    date: date
    title: str
    to_be_announced: bool
    note: str
    blocks: tuple
    sessions: tuple


@dataclass(frozen=True)
class ProgrammeSpec:
    forum: dict
    forum_line: int | None
    slug_line: int | None
    organisations: tuple
    people: tuple
    rooms: tuple
    tracks: tuple
    documents: tuple
    days: tuple
    participant_groups: tuple = ()
