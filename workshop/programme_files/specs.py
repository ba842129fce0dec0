"""What a checked programme file describes: frozen specifications, each with the line it starts on.

Pure: no Flask, no database. The values an enumeration may take come in a `Vocabulary` from the
caller, so that the models stay the one place they are defined.
"""

from dataclasses import dataclass
from datetime import date, time
from typing import Optional


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


@dataclass(frozen=True)
class OrganisationSpec:
    line: Optional[int]
    name: str
    acronym: str
    type: str
    country_code: str


@dataclass(frozen=True)
class PersonSpec:
    line: Optional[int]
    email: str
    name: str
    job_title: str
    organisation: Optional[str]
    country_code: str
    roles: tuple


@dataclass(frozen=True)
class RoomSpec:
    line: Optional[int]
    name: str
    capacity: int


@dataclass(frozen=True)
class TrackSpec:
    line: Optional[int]
    name: str


@dataclass(frozen=True)
class DocumentSpec:
    line: Optional[int]
    title: str
    kind: str
    organisation: Optional[str]
    language: str
    translation_of: Optional[str]


@dataclass(frozen=True)
class LooseItemSpec:
    line: Optional[int]
    kind: str
    title: str
    starts: time
    ends: time
    speaker: Optional[str]
    room: Optional[str]


@dataclass(frozen=True)
class ItemSpec:
    line: Optional[int]
    kind: str
    title: str
    speaker: Optional[str]
    duration_minutes: Optional[int]


@dataclass(frozen=True)
class AppointmentSpec:
    line: Optional[int]
    role: str
    person: str


@dataclass(frozen=True)
class SessionSpec:
    line: Optional[int]
    number: str
    title: str
    outputs: str
    format: str
    room: Optional[str]
    track: Optional[str]
    capacity: Optional[int]
    starts: time
    ends: time
    items: tuple
    appointments: tuple
    documents: tuple


@dataclass(frozen=True)
class BlockSpec:
    line: Optional[int]
    label: str
    starts: time
    ends: time
    loose_items: tuple
    sessions: tuple


@dataclass(frozen=True)
class DaySpec:
    line: Optional[int]
    date: date
    title: str
    to_be_announced: bool
    note: str
    blocks: tuple
    sessions: tuple


@dataclass(frozen=True)
class ProgrammeSpec:
    forum: dict
    forum_line: Optional[int]
    slug_line: Optional[int]
    organisations: tuple
    people: tuple
    rooms: tuple
    tracks: tuple
    documents: tuple
    days: tuple
