"""A release's snapshot as frozen, typed values: parsed once from the stored JSON, read by every output.

The stored JSON keeps its format (snapshot.py writes it; old releases stay as they were stored);
this module is the one place that reads it. Times are parsed here, once, into aware UTC datetimes
and dates; keys a release from before some addition lacks get the value that addition gave to
what it did not concern (no interpretation, no restriction, no document version).

A worker builds a feed, a JSON agenda and a PDF of the same release, and the next release repeats
most of its sessions, so `from_stored` keeps each release's parsed snapshot, and each parsed
session and loose item by its change stamp, in a small cache on the app.
"""

from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from flask import current_app

from workshop.core.recent import RecentlyUsed
from workshop.forums.models import AgendaStatus

# Releases kept parsed per process: a worker builds one release's exports at a time, and every object
# kept makes each full garbage collection longer (with 16 kept, a one-session feed rebuild took 1 ms more).
KEPT_RELEASES = 4
# Parsed sessions and loose items kept per process, by their change stamp: a few forums' worth.
KEPT_ENTRIES = 4000


@dataclass(frozen=True, slots=True)
class Person:
    """Someone the agenda names: never their e-mail address. A speaker known by name only has no id."""

    id: int | None
    name: str
    job_title: str
    organisation: str
    organisation_acronym: str
    country_code: str


@dataclass(frozen=True, slots=True)
class Group:
    """The participant group a restricted session is for: its stakeholder value, or its name."""

    id: int
    stakeholder: str | None
    name: str | None


@dataclass(frozen=True, slots=True)
class SessionItem:
    kind: str
    title: str
    speaker: Person | None
    duration_minutes: int | None


@dataclass(frozen=True, slots=True)
class TabledDocument:
    """A draft document a session tables for discussion."""

    id: int
    title: str
    kind: str
    organisation: str


@dataclass(frozen=True, slots=True)
class DocumentVersion:
    """The version of a document current when the release was published, named by its number."""

    number: int
    size: int
    media_type: str
    sha256: str


@dataclass(frozen=True, slots=True)
class Session:
    id: int
    number: str
    title: str
    outputs: str
    outputs_html: str
    format: str
    block_id: int | None
    room_id: int | None
    room: str
    track_id: int | None
    track: str
    starts_at: datetime
    ends_at: datetime
    # Role value -> the people appointed to it, in the roles' stored order.
    people: dict[str, tuple[Person, ...]]
    items: tuple[SessionItem, ...]
    documents: tuple[TabledDocument, ...]
    restricted_to: Group | None
    interpretation: tuple[tuple[str, str], ...]
    sequence: int
    last_modified: datetime


@dataclass(frozen=True, slots=True)
class LooseItem:
    """An item of a time block outside any session: opening remarks, a break, lunch."""

    id: int
    kind: str
    title: str
    starts_at: datetime
    ends_at: datetime
    speaker: Person | None
    room: str
    sequence: int
    last_modified: datetime

    @property
    def duration_minutes(self):
        """Say that a loose item has no duration of its own, as an item of a session may: its times say it all."""
        return None


@dataclass(frozen=True, slots=True)
class Block:
    id: int
    label: str
    starts_at: datetime
    ends_at: datetime
    loose_items: tuple[LooseItem, ...]
    session_ids: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class Day:
    id: int | None
    date: date
    title: str
    to_be_announced: bool
    note: str
    blocks: tuple[Block, ...]


@dataclass(frozen=True, slots=True)
class Room:
    id: int
    name: str
    capacity: int | None


@dataclass(frozen=True, slots=True)
class Track:
    id: int
    name: str


@dataclass(frozen=True, slots=True)
class Forum:
    """What a release says of its forum (forums.rules.PUBLISHED_FORUM_FIELDS, and more)."""

    slug: str
    title: str
    subtitle: str
    city: str
    country_code: str
    venue: str
    start_date: date
    end_date: date
    timezone: str
    zone: ZoneInfo
    convened_by: str
    facilitated_by: str
    agenda_note: str
    is_public: bool
    working_languages: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Publication:
    """Which release this is: its number, its status and when it was published."""

    number: int
    status: AgendaStatus
    published_at: datetime

    @property
    def is_final(self):
        return self.status == AgendaStatus.FINAL


@dataclass(frozen=True, slots=True)
class Snapshot:
    """A published agenda as every output reads it; sessions, cancellations and versions keyed by id."""

    release: Publication | None
    forum: Forum
    tracks: tuple[Track, ...]
    rooms: tuple[Room, ...]
    days: tuple[Day, ...]
    sessions: dict[int, Session]
    cancelled: dict[int, Session]
    cancelled_items: dict[int, LooseItem]
    document_versions: dict[int, DocumentVersion]

    @classmethod
    def from_json(cls, data, release=None, entries=None):
        """Return the snapshot of stored JSON data, with `release`'s number, status and time if given.

        `entries` (a RecentlyUsed) hands back sessions and loose items parsed before, by change stamp.
        """
        forum = _forum(data["forum"])
        return cls(
            release=_publication(release) if release is not None else None,
            forum=forum,
            tracks=tuple(Track(track["id"], track["name"]) for track in data.get("tracks", ())),
            rooms=tuple(Room(room["id"], room["name"], room.get("capacity")) for room in data.get("rooms", ())),
            days=tuple(_day(day, entries) for day in data.get("days", ())),
            sessions=_by_id(data.get("sessions", {}), _session, entries),
            cancelled=_by_id(data.get("cancelled", {}), _session, entries),
            cancelled_items=_by_id(data.get("cancelled_items", {}), _loose_item, entries),
            document_versions={
                int(key): DocumentVersion(version["number"], version["size"], version["media_type"], version["sha256"])
                for key, version in data.get("document_versions", {}).items()
            },
        )

    @classmethod
    def from_stored(cls, release):
        """Return a stored release's snapshot, parsed once per process: readers and builders share it."""
        kept = current_app.extensions.setdefault("workshop.release_views", ReleaseViews())
        return kept.view(release, lambda: cls.from_json(release.snapshot, release, kept.entries))

    def loose_items(self):
        """Return the loose items of every block, keyed by id, in agenda order."""
        return {item.id: item for day in self.days for block in day.blocks for item in block.loose_items}


def _parsed(entries, kind, data, parse):
    """Return a session or loose item parsed, or the one parsed before under the same change stamp.

    Two releases stamp a session alike only when its content is the same (snapshot.stamp_revisions),
    the assumption the feed's event cache makes too. Entries of snapshots that are no stored release's
    (tests, previews) and entries stored before stamps existed are parsed afresh.
    """
    if entries is None or "sequence" not in data:
        return parse(data)
    return entries.get_or_make((kind, data["id"], data["sequence"], data["last_modified"]), lambda: parse(data))


class ReleaseViews:
    """The parsed snapshots of recent releases, and the sessions and loose items they share."""

    def __init__(self, max_releases=KEPT_RELEASES):
        # A release looks up every one of its entries: without a lock (see RecentlyUsed).
        self.entries = RecentlyUsed(KEPT_ENTRIES, lock_free_reads=True)
        self._views = RecentlyUsed(max_releases)

    def view(self, release, parse):
        # The publication time keeps apart two databases whose releases share an id.
        return self._views.get_or_make(release.cache_key, parse)


# Every time a snapshot holds is ISO 8601 text with its UTC offset (snapshot.py writes isoformat()).
_moment = datetime.fromisoformat


def _publication(release):
    return Publication(release.number, AgendaStatus(release.status), release.published_at)


def _forum(data):
    return Forum(
        slug=data["slug"],
        title=data["title"],
        subtitle=data.get("subtitle", ""),
        city=data.get("city", ""),
        country_code=data.get("country_code", ""),
        venue=data.get("venue", ""),
        start_date=date.fromisoformat(data["start_date"]),
        end_date=date.fromisoformat(data["end_date"]),
        timezone=data["timezone"],
        zone=ZoneInfo(data["timezone"]),
        convened_by=data.get("convened_by", ""),
        facilitated_by=data.get("facilitated_by", ""),
        agenda_note=data.get("agenda_note", ""),
        is_public=data.get("is_public", True),
        working_languages=tuple(data.get("working_languages", ())),
    )


def _by_id(stored, parse, entries):
    kind = parse.__name__
    return {int(key): _parsed(entries, kind, data, parse) for key, data in stored.items()}


def _person(data):
    if data is None:
        return None
    return Person(
        data["id"],
        data["name"],
        data["job_title"],
        data["organisation"],
        data["organisation_acronym"],
        data["country_code"],
    )


def _session(data):
    restricted = data.get("restricted_to")
    return Session(
        id=data["id"],
        number=data["number"],
        title=data["title"],
        outputs=data.get("outputs", ""),
        outputs_html=data.get("outputs_html", ""),
        format=data["format"],
        block_id=data.get("block_id"),
        room_id=data.get("room_id"),
        room=data.get("room", ""),
        track_id=data.get("track_id"),
        track=data.get("track", ""),
        starts_at=_moment(data["starts_at"]),
        ends_at=_moment(data["ends_at"]),
        people={role: tuple(_person(person) for person in people) for role, people in data["people"].items()},
        items=tuple(
            SessionItem(item["kind"], item["title"], _person(item.get("speaker")), item.get("duration_minutes"))
            for item in data["items"]
        ),
        documents=tuple(
            TabledDocument(document["id"], document["title"], document["kind"], document.get("organisation", ""))
            for document in data["documents"]
        ),
        restricted_to=Group(restricted["id"], restricted["stakeholder"], restricted["name"]) if restricted else None,
        interpretation=tuple((source, target) for source, target in data.get("interpretation", ())),
        sequence=data.get("sequence", 0),
        last_modified=_moment(data["last_modified"]) if "last_modified" in data else None,
    )


def _loose_item(data):
    return LooseItem(
        id=data["id"],
        kind=data["kind"],
        title=data["title"],
        starts_at=_moment(data["starts_at"]),
        ends_at=_moment(data["ends_at"]),
        speaker=_person(data.get("speaker")),
        room=data.get("room", ""),
        sequence=data.get("sequence", 0),
        last_modified=_moment(data["last_modified"]) if "last_modified" in data else None,
    )


def _day(data, entries):
    return Day(
        id=data.get("id"),
        date=date.fromisoformat(data["date"]),
        title=data["title"],
        to_be_announced=data["to_be_announced"],
        note=data["note"],
        blocks=tuple(
            Block(
                id=block["id"],
                label=block["label"],
                starts_at=_moment(block["starts_at"]),
                ends_at=_moment(block["ends_at"]),
                loose_items=tuple(_parsed(entries, "_loose_item", item, _loose_item) for item in block["loose_items"]),
                session_ids=tuple(block["session_ids"]),
            )
            for block in data["blocks"]
        ),
    )
