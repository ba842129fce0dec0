"""The typed snapshot: every stored field read back as it was written, old releases loaded, each release parsed once."""

import copy
from dataclasses import fields, is_dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from types import SimpleNamespace

from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import inspect

from tests.exports.agenda_samples import PUBLISHED_AT, build_bogota_snapshot
from workshop.core.recent import RecentlyUsed
from workshop.extensions import db
from workshop.forums.models import AgendaStatus, Forum
from workshop.publishing.models import AgendaRelease
from workshop.publishing.release_view import Snapshot
from workshop.publishing.services import latest_release, publish_release
from workshop.publishing.snapshot import stamp_revisions

# What the typed snapshot holds besides the stored data: the forum's zone object, the release row's facts.
NOT_STORED = ("zone", "release")


def written_back(value):
    """Write a typed snapshot (or any part of it) back as snapshot.py stores it: every field of every dataclass."""
    if is_dataclass(value):
        return {
            field.name: written_back(getattr(value, field.name))
            for field in fields(value)
            if field.name not in NOT_STORED
        }
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple):
        return [written_back(part) for part in value]
    if isinstance(value, dict):
        return {str(key): written_back(part) for key, part in value.items()}
    return value


def as_stored(snapshot_data):
    """Return the stored data a typed snapshot must reproduce: all of it but the format number."""
    return {name: value for name, value in snapshot_data.items() if name != "format"}


def normalised(written):
    """Drop what snapshot.py leaves out: a session stores its restriction and interpretation only when it has one."""
    for group in ("sessions", "cancelled"):
        for session in written[group].values():
            if session["restricted_to"] is None:
                del session["restricted_to"]
            if session["interpretation"] == []:
                del session["interpretation"]
    return written


ids = st.integers(min_value=1, max_value=10**6)
texts = st.text(max_size=30)
moments = st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2100, 1, 1), timezones=st.just(UTC)).map(
    datetime.isoformat
)
days_ = st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 1, 1)).map(date.isoformat)
person = st.fixed_dictionaries(
    {
        "id": ids,
        "name": texts,
        "job_title": texts,
        "organisation": texts,
        "organisation_acronym": texts,
        "country_code": st.sampled_from(["", "CO", "BR", "CI"]),
    }
)
named_only = person.map(lambda data: {**data, "id": None, "job_title": "", "organisation": "", "country_code": ""})
speaker = st.none() | person | named_only
stamped = {"sequence": st.integers(min_value=0, max_value=50), "last_modified": moments}
loose_item = st.fixed_dictionaries(
    {
        "id": ids,
        "kind": st.sampled_from(["opening_remarks", "break", "lunch", "other"]),
        "title": texts,
        "starts_at": moments,
        "ends_at": moments,
        "speaker": speaker,
        "room": texts,
        **stamped,
    }
)
session = st.fixed_dictionaries(
    {
        "id": ids,
        "number": texts,
        "title": texts,
        "outputs": texts,
        "outputs_html": texts,
        "format": st.sampled_from(["plenary", "workshop", "panel"]),
        "block_id": st.none() | ids,
        "room_id": st.none() | ids,
        "room": texts,
        "track_id": st.none() | ids,
        "track": texts,
        "starts_at": moments,
        "ends_at": moments,
        "people": st.dictionaries(
            st.sampled_from(["facilitator", "moderator", "rapporteur", "presenter"]), st.lists(person, max_size=3)
        ),
        "items": st.lists(
            st.fixed_dictionaries(
                {
                    "kind": st.sampled_from(["keynote", "debate", "presentation"]),
                    "title": texts,
                    "speaker": speaker,
                    "duration_minutes": st.none() | st.integers(min_value=1, max_value=240),
                }
            ),
            max_size=4,
        ),
        "documents": st.lists(
            st.fixed_dictionaries(
                {"id": ids, "title": texts, "kind": st.sampled_from(["paper", "outcome"]), "organisation": texts}
            ),
            max_size=3,
        ),
        **stamped,
    },
    optional={
        "restricted_to": st.fixed_dictionaries(
            {"id": ids, "stakeholder": st.none() | st.just("civil_society"), "name": st.none() | texts}
        ),
        "interpretation": st.lists(
            st.lists(st.sampled_from(["en", "es", "fr", "pt"]), min_size=2, max_size=2), min_size=1
        ),
    },
)


def by_id(entries, most):
    """Key entries by their id as text, as snapshot.py does."""
    return st.lists(entries, max_size=most).map(lambda listed: {str(entry["id"]): entry for entry in listed})


block = st.fixed_dictionaries(
    {
        "id": ids,
        "label": texts,
        "starts_at": moments,
        "ends_at": moments,
        "loose_items": st.lists(loose_item, max_size=3),
        "session_ids": st.lists(ids, max_size=4),
    }
)
programme = st.fixed_dictionaries(
    {
        "format": st.just(1),
        "forum": st.fixed_dictionaries(
            {
                "slug": texts,
                "title": texts,
                "subtitle": texts,
                "city": texts,
                "country_code": st.sampled_from(["", "CO", "FR"]),
                "venue": texts,
                "start_date": days_,
                "end_date": days_,
                "timezone": st.sampled_from(["America/Bogota", "UTC", "Europe/Paris", "Asia/Kolkata"]),
                "convened_by": texts,
                "facilitated_by": texts,
                "agenda_note": texts,
                "is_public": st.booleans(),
                "working_languages": st.lists(st.sampled_from(["en", "es", "fr"]), unique=True),
            }
        ),
        "tracks": st.lists(st.fixed_dictionaries({"id": ids, "name": texts}), max_size=3),
        "rooms": st.lists(
            st.fixed_dictionaries({"id": ids, "name": texts, "capacity": st.none() | st.integers(0, 500)}), max_size=3
        ),
        "days": st.lists(
            st.fixed_dictionaries(
                {
                    "id": ids,
                    "date": days_,
                    "title": texts,
                    "to_be_announced": st.booleans(),
                    "note": texts,
                    "blocks": st.lists(block, max_size=3),
                }
            ),
            max_size=3,
        ),
        "sessions": by_id(session, 5),
        "cancelled": by_id(session, 2),
        "cancelled_items": by_id(loose_item, 2),
        "document_versions": st.dictionaries(
            ids.map(str),
            st.fixed_dictionaries(
                {
                    "number": st.integers(min_value=1, max_value=20),
                    "size": st.integers(min_value=0, max_value=10**9),
                    "media_type": st.sampled_from(["application/pdf", "text/plain"]),
                    "sha256": st.text("0123456789abcdef", min_size=64, max_size=64),
                }
            ),
            max_size=3,
        ),
    }
)


@settings(max_examples=60, deadline=None)
@given(programme)
def test_every_stored_field_is_read_back_as_it_was_written(data):
    original = copy.deepcopy(data)
    snapshot = Snapshot.from_json(data)

    assert normalised(written_back(snapshot)) == as_stored(original)
    assert data == original, "reading a snapshot leaves the stored data as it was"


@settings(max_examples=30, deadline=None)
@given(programme)
def test_times_are_aware_and_keys_are_ids(data):
    snapshot = Snapshot.from_json(data)

    moments_read = [
        moment
        for entry in [*snapshot.sessions.values(), *snapshot.cancelled.values(), *snapshot.cancelled_items.values()]
        for moment in (entry.starts_at, entry.ends_at, entry.last_modified)
    ]
    assert all(isinstance(moment, datetime) and moment.utcoffset() is not None for moment in moments_read)
    assert all(key == session.id for key, session in snapshot.sessions.items())
    assert snapshot.forum.zone.key == data["forum"]["timezone"]


def test_the_release_row_gives_its_number_status_and_time():
    release = SimpleNamespace(number=4, status=AgendaStatus.FINAL, published_at=PUBLISHED_AT)
    data = stamp_revisions(build_bogota_snapshot(), None, PUBLISHED_AT.isoformat())

    snapshot = Snapshot.from_json(data, release)

    assert (snapshot.release.number, snapshot.release.published_at, snapshot.release.is_final) == (
        4,
        PUBLISHED_AT,
        True,
    )
    assert Snapshot.from_json(data).release is None
    preliminary = SimpleNamespace(number=3, status=AgendaStatus.PRELIMINARY, published_at=PUBLISHED_AT)
    assert Snapshot.from_json(data, preliminary).release.is_final is False


def test_the_hardening_migrations_release_row_loads_once_it_names_its_forum():
    # tests/core/test_migration_data.py stores sessions holding only an id and outputs: no release the
    # app ever wrote. With the forum and the times every release carries, its sessions load.
    stored = build_bogota_snapshot()
    partial = {
        "forum": stored["forum"],
        "sessions": {"1": {**stored["sessions"]["11"], "id": 1, "outputs": "- a *list*"}},
        "cancelled": {"2": {**stored["sessions"]["12"], "id": 2, "outputs": "**gone**"}},
    }

    snapshot = Snapshot.from_json(partial)

    assert (snapshot.sessions[1].outputs, snapshot.cancelled[2].outputs) == ("- a *list*", "**gone**")
    assert (snapshot.days, snapshot.tracks, snapshot.rooms, snapshot.cancelled_items) == ((), (), (), {})
    assert snapshot.sessions[1].sequence == 0 and snapshot.sessions[1].last_modified is None


def published_programme(create_forum, create_day, create_block, create_session):
    forum = create_forum()
    block = create_block(create_day(forum), "09:00", "12:00")
    kept = create_session(forum, block, "Kept as it was", "09:00", "10:00")
    renamed = create_session(forum, block, "Renamed next time", "10:00", "11:00")
    db.session.commit()
    publish_release(None, forum, "preliminary")
    db.session.commit()
    return forum, kept, renamed


def test_a_release_is_parsed_once_and_a_later_read_does_not_load_its_json(
    app, create_forum, create_day, create_block, create_session
):
    forum, kept, _renamed = published_programme(create_forum, create_day, create_block, create_session)
    forum_id, kept_id = forum.id, kept.id
    first = Snapshot.from_stored(latest_release(forum))
    db.session.expunge_all()

    again = latest_release(db.session.get(Forum, forum_id))
    assert Snapshot.from_stored(again) is first
    assert "snapshot" in inspect(again).unloaded, "a parsed release is not read from the database again"
    assert first.sessions[kept_id].title == "Kept as it was"
    assert (first.release.number, first.release.is_final) == (1, False)


def test_the_next_release_reuses_its_unchanged_sessions_and_reads_the_changed_ones(
    app, create_forum, create_day, create_block, create_session
):
    forum, kept, renamed = published_programme(create_forum, create_day, create_block, create_session)
    first = Snapshot.from_stored(latest_release(forum))
    renamed.title = "Renamed"
    db.session.commit()
    publish_release(None, forum, "final")
    db.session.commit()

    second = Snapshot.from_stored(latest_release(forum))

    assert second is not first and second.release.number == 2 and second.release.is_final
    assert second.sessions[kept.id] is first.sessions[kept.id]
    assert (first.sessions[renamed.id].title, second.sessions[renamed.id].title) == ("Renamed next time", "Renamed")
    assert second.sessions[renamed.id].sequence == first.sessions[renamed.id].sequence + 1


def test_two_releases_with_one_id_in_two_databases_are_kept_apart(
    app, create_forum, create_day, create_block, create_session
):
    forum, kept, _renamed = published_programme(create_forum, create_day, create_block, create_session)
    release = latest_release(forum)
    first = Snapshot.from_stored(release)
    other_database = AgendaRelease(
        id=release.id,
        number=release.number,
        status=release.status,
        published_at=datetime(2031, 1, 1, tzinfo=UTC),
        snapshot={**release.snapshot, "sessions": {}},
    )

    assert Snapshot.from_stored(other_database).sessions == {}
    assert Snapshot.from_stored(release) is first


def test_parsed_entries_are_shared_by_change_stamp_and_unstamped_ones_never():
    stamped = stamp_revisions(build_bogota_snapshot(), None, PUBLISHED_AT.isoformat())
    entries = RecentlyUsed(100, lock_free_reads=True)
    first = Snapshot.from_json(stamped, entries=entries)
    changed = copy.deepcopy(stamped)
    changed["sessions"]["11"]["sequence"] += 1
    changed["days"][0]["blocks"][0]["loose_items"][0]["last_modified"] = "2031-01-01T00:00:00+00:00"

    again = Snapshot.from_json(copy.deepcopy(stamped), entries=entries)
    next_release = Snapshot.from_json(changed, entries=entries)

    def first_loose_item(snapshot):
        return snapshot.days[0].blocks[0].loose_items[0]

    assert again.sessions[11] is first.sessions[11]
    assert first_loose_item(again) is first_loose_item(first)
    assert next_release.sessions[11] is not first.sessions[11], "a new sequence is new content"
    assert first_loose_item(next_release) is not first_loose_item(first), "so is a new last change"
    assert next_release.sessions[12] is first.sessions[12]
    unstamped = build_bogota_snapshot()
    assert (
        Snapshot.from_json(unstamped, entries=entries).sessions[11]
        is not Snapshot.from_json(unstamped, entries=entries).sessions[11]
    )
    assert Snapshot.from_json(stamped).sessions[11] is not first.sessions[11], "without entries, parsed afresh"


# The modules that may parse ISO text, and why: none of it is a release's snapshot, which release_view parses once.
PARSING_ISO_TEXT = {
    "publishing/release_view.py": "reads a release's stored JSON: the one place that does",
    "programme/board.py": "the day the board is asked for, from the query string",
    "programme/board_views.py": "the day and time a session is dropped on, as the board's form posts them",
    "core/templating.py": "template filters also take a date kept as text in an audit entry's details",
}


def test_only_release_view_parses_the_times_of_a_snapshot():
    """A module that reads a release's JSON itself (changes and wording did) would parse its times again."""
    source = Path(__file__).resolve().parents[2] / "workshop"
    parsing = {
        str(path.relative_to(source))
        for path in source.rglob("*.py")
        if "fromisoformat" in path.read_text(encoding="utf-8")
    }
    assert parsing == set(PARSING_ISO_TEXT)
