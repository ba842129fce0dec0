"""What changed between releases: the pure diff over typed snapshots, and the calendar sequences of the stored ones.

Snapshots are written as the stored JSON is, then read through `Snapshot.from_json` as every output reads them.
"""

import copy
from datetime import UTC, date, datetime

from workshop.publishing.changes import DAY_KINDS, Change, ChangeKind, DocumentChange, StaffChange, compare_snapshots
from workshop.publishing.release_view import Snapshot
from workshop.publishing.snapshot import stamp_revisions

FORUM = {
    "slug": "bogota-2011",
    "title": "Learning from South-South and Triangular Cooperation",
    "start_date": "2011-09-26",
    "end_date": "2011-09-28",
    "timezone": "America/Bogota",
}


def person(key, name):
    return {
        "id": key,
        "name": name,
        "job_title": "",
        "organisation": "",
        "organisation_acronym": "",
        "country_code": "CO",
    }


def make_session(key, **fields):
    session = {
        "id": key,
        "number": str(key),
        "title": f"Title {key}",
        "outputs": "",
        "format": "plenary",
        "block_id": 1,
        "room_id": 1,
        "room": "Salón Bolívar",
        "track_id": None,
        "track": "",
        "starts_at": "2011-09-26T14:00:00+00:00",
        "ends_at": "2011-09-26T15:00:00+00:00",
        "people": {"facilitator": [person(1, "Ana Muñoz")], "rapporteur": []},
        "items": [{"kind": "debate", "title": "Debate", "speaker": None, "duration_minutes": None}],
        "documents": [{"id": 1, "title": "Good practices paper", "kind": "paper", "organisation": ""}],
    }
    session.update(fields)
    return session


def make_loose_item(key, **fields):
    item = {
        "id": key,
        "kind": "break",
        "title": "Coffee",
        "starts_at": "2011-09-26T15:00:00+00:00",
        "ends_at": "2011-09-26T15:15:00+00:00",
        "speaker": None,
        "room": "",
    }
    item.update(fields)
    return item


def make_day(on, to_be_announced, loose_items=()):
    block = {
        "id": 1,
        "label": "",
        "starts_at": f"{on}T14:00:00+00:00",
        "ends_at": f"{on}T23:00:00+00:00",
        "loose_items": list(loose_items),
        "session_ids": [],
    }
    return {"date": on, "title": "", "to_be_announced": to_be_announced, "note": "", "blocks": [block]}


def stored(*sessions, days=None, loose_items=()):
    """Return a snapshot as a release stores it."""
    return {
        "forum": FORUM,
        "days": days or [make_day("2011-09-28", True, loose_items)],
        "sessions": {str(session["id"]): session for session in sessions},
        "cancelled": {},
    }


def make_snapshot(*sessions, days=None):
    """Return a snapshot as every output reads it: typed, from its stored JSON."""
    return Snapshot.from_json(stored(*sessions, days=days))


def kinds(changes):
    return sorted(change.kind.value for change in changes)


def subjects(changes):
    """Return each change's kind and what it names: a session by id, a day by date."""
    return [
        (change.kind.value, change.subject.date if change.kind in DAY_KINDS else change.subject.id)
        for change in changes
    ]


def test_first_release_lists_every_session_as_added():
    assert kinds(compare_snapshots(None, make_snapshot(make_session(1), make_session(2)))) == ["added", "added"]


def test_identical_snapshots_have_no_changes():
    assert compare_snapshots(make_snapshot(make_session(1)), make_snapshot(make_session(1))) == []


def test_each_kind_of_change_is_named():
    before = make_snapshot(make_session(1), make_session(2), make_session(3))
    after = make_snapshot(
        make_session(1, starts_at="2011-09-27T14:00:00+00:00", ends_at="2011-09-27T15:00:00+00:00"),
        make_session(
            2,
            title="Producing policy recommendations for Busan",
            people={"facilitator": [person(2, "Stanley Kao")], "rapporteur": []},
        ),
        make_session(4),
    )
    changes = compare_snapshots(before, after)
    assert kinds(changes) == ["added", "moved", "removed", "renamed", "restaffed"]
    moved = next(change for change in changes if change.kind == ChangeKind.MOVED)
    assert moved.before.starts_at == datetime(2011, 9, 26, 14, tzinfo=UTC)
    assert moved.subject.starts_at == datetime(2011, 9, 27, 14, tzinfo=UTC)
    restaffed = next(change for change in changes if change.kind == ChangeKind.RESTAFFED)
    assert restaffed.staffing == (StaffChange("facilitator", joined=("Stanley Kao",), left=("Ana Muñoz",)),)


def test_a_new_format_is_listed_with_the_old_one():
    before = make_snapshot(make_session(1, format="panel"))
    after = make_snapshot(make_session(1, format="engagement_workshop"))
    changes = compare_snapshots(before, after)
    assert changes == [Change(ChangeKind.REFORMATTED, after.sessions[1], before=before.sessions[1])]
    assert (changes[0].before.format, changes[0].subject.format) == ("panel", "engagement_workshop")


def test_room_change_counts_as_a_move_and_document_changes_are_listed():
    before = make_snapshot(make_session(1))
    after = make_snapshot(make_session(1, room="Sala Cartagena", documents=[]))
    changes = compare_snapshots(before, after)
    assert kinds(changes) == ["documents_changed", "moved"]
    documents = next(change for change in changes if change.kind == ChangeKind.DOCUMENTS_CHANGED)
    assert documents.documents == DocumentChange(added=(), removed=("Good practices paper",))
    moved = next(change for change in changes if change.kind == ChangeKind.MOVED)
    assert (moved.before.room, moved.subject.room) == ("Salón Bolívar", "Sala Cartagena")


def test_a_day_announced_is_a_change():
    before = make_snapshot(make_session(1))
    after = make_snapshot(make_session(1), days=[make_day("2011-09-28", False)])
    assert kinds(compare_snapshots(before, after)) == ["day_announced"]


def test_a_day_put_back_to_be_announced_is_postponed():
    before = make_snapshot(make_session(1), days=[make_day("2011-09-28", False)])
    after = make_snapshot(make_session(1), days=[make_day("2011-09-28", True)])
    assert compare_snapshots(before, after) == [Change(ChangeKind.DAY_POSTPONED, after.days[0])]
    assert after.days[0].date == date(2011, 9, 28)


def test_a_day_announced_names_its_date():
    before = make_snapshot(days=[make_day("2011-09-28", True)])
    after = make_snapshot(days=[make_day("2011-09-28", False)])
    assert compare_snapshots(before, after) == [Change(ChangeKind.DAY_ANNOUNCED, after.days[0])]
    assert after.days[0].date == date(2011, 9, 28)


def test_a_day_that_stays_announced_or_pending_or_is_new_is_no_change():
    before = make_snapshot(
        days=[make_day("2011-09-26", False), make_day("2011-09-27", True)],
    )
    after = make_snapshot(
        days=[make_day("2011-09-26", False), make_day("2011-09-27", True), make_day("2011-09-28", True)],
    )
    assert compare_snapshots(before, after) == []


def test_someone_who_only_joins_a_session_is_a_staffing_change():
    before = make_snapshot(make_session(1))
    after = make_snapshot(
        make_session(
            1,
            people={
                "facilitator": [person(1, "Ana Muñoz")],
                "rapporteur": [person(3, "Jorge Chediek")],
            },
        )
    )
    assert compare_snapshots(before, after) == [
        Change(
            ChangeKind.RESTAFFED,
            after.sessions[1],
            staffing=(StaffChange("rapporteur", joined=("Jorge Chediek",), left=()),),
        )
    ]


def test_someone_who_only_leaves_a_session_is_a_staffing_change():
    before = make_snapshot(make_session(1))
    after = make_snapshot(make_session(1, people={"facilitator": [], "rapporteur": []}))
    [change] = compare_snapshots(before, after)
    assert change.staffing == (StaffChange("facilitator", joined=(), left=("Ana Muñoz",)),)


def test_a_role_that_appears_or_disappears_with_a_release_counts_its_people():
    before = make_snapshot(make_session(1, people={"facilitator": [person(1, "Ana Muñoz")]}))
    after = make_snapshot(make_session(1, people={"keynote_speaker": [person(2, "Stanley Kao")]}))
    [change] = compare_snapshots(before, after)
    assert change.staffing == (
        StaffChange("facilitator", joined=(), left=("Ana Muñoz",)),
        StaffChange("keynote_speaker", joined=("Stanley Kao",), left=()),
    )


def test_a_new_running_order_is_an_items_change():
    before = make_snapshot(make_session(1))
    after = make_snapshot(
        make_session(
            1,
            items=[
                {"kind": "keynote", "title": "Keynote", "speaker": None, "duration_minutes": 5},
                {"kind": "debate", "title": "Debate", "speaker": None, "duration_minutes": None},
            ],
        )
    )
    assert compare_snapshots(before, after) == [Change(ChangeKind.ITEMS_CHANGED, after.sessions[1])]


def test_a_move_and_a_new_name_say_what_they_were_before():
    before = make_snapshot(make_session(1))
    after = make_snapshot(
        make_session(
            1,
            number="1A",
            title="Renamed",
            room="Sala Cartagena",
            starts_at="2011-09-26T16:00:00+00:00",
            ends_at="2011-09-26T17:30:00+00:00",
        )
    )
    session, earlier = after.sessions[1], before.sessions[1]
    assert compare_snapshots(before, after) == [
        Change(ChangeKind.MOVED, session, before=earlier),
        Change(ChangeKind.RENAMED, session, before=earlier),
    ]
    assert (earlier.starts_at, earlier.ends_at, earlier.room) == (
        datetime(2011, 9, 26, 14, tzinfo=UTC),
        datetime(2011, 9, 26, 15, tzinfo=UTC),
        "Salón Bolívar",
    )
    assert (earlier.number, earlier.title) == ("1", "Title 1")


def test_changes_come_in_agenda_order_then_by_kind():
    early, late = "2011-09-26T14:00:00+00:00", "2011-09-27T14:00:00+00:00"
    before = make_snapshot(
        make_session(1, starts_at=late, ends_at="2011-09-27T15:00:00+00:00"),
        make_session(2, starts_at=early),
        days=[make_day("2011-09-26", True)],
    )
    after = make_snapshot(
        make_session(3, starts_at=early),
        make_session(1, starts_at=late, ends_at="2011-09-27T15:00:00+00:00", title="Renamed", documents=[]),
        days=[make_day("2011-09-26", False)],
    )
    changes = compare_snapshots(before, after)
    assert subjects(changes) == [
        ("day_announced", date(2011, 9, 26)),
        ("added", 3),
        ("removed", 2),
        ("documents_changed", 1),
        ("renamed", 1),
    ]


def test_a_day_comes_after_the_sessions_of_the_utc_day_before_and_before_those_starting_at_its_midnight():
    before = make_snapshot(days=[make_day("2011-09-27", True)])
    after = make_snapshot(
        make_session(2, starts_at="2011-09-27T00:00:00+00:00", ends_at="2011-09-27T01:00:00+00:00"),
        make_session(1, starts_at="2011-09-26T23:59:00+00:00", ends_at="2011-09-27T01:00:00+00:00"),
        days=[make_day("2011-09-27", False)],
    )
    assert subjects(compare_snapshots(before, after)) == [
        ("added", 1),
        ("day_announced", date(2011, 9, 27)),
        ("added", 2),
    ]


def test_changes_at_one_moment_keep_the_order_of_the_releases_sessions_within_a_kind():
    before = make_snapshot(make_session(4), make_session(3))
    after = make_snapshot(make_session(2), make_session(1))
    assert subjects(compare_snapshots(before, after)) == [("added", 2), ("added", 1), ("removed", 4), ("removed", 3)]


def test_a_session_that_only_ends_later_has_moved():
    before = make_snapshot(make_session(1))
    after = make_snapshot(make_session(1, ends_at="2011-09-26T15:30:00+00:00"))
    assert compare_snapshots(before, after) == [Change(ChangeKind.MOVED, after.sessions[1], before=before.sessions[1])]


def test_a_session_that_only_starts_earlier_has_moved():
    before = make_snapshot(make_session(1))
    after = make_snapshot(make_session(1, starts_at="2011-09-26T13:30:00+00:00"))
    assert kinds(compare_snapshots(before, after)) == ["moved"]


def test_a_new_number_alone_is_a_new_name():
    before = make_snapshot(make_session(1))
    after = make_snapshot(make_session(1, number="1A"))
    assert compare_snapshots(before, after) == [
        Change(ChangeKind.RENAMED, after.sessions[1], before=before.sessions[1])
    ]


def test_a_document_tabled_anew_is_listed_as_added():
    before = make_snapshot(make_session(1))
    tabled = make_session(1)["documents"] + [{"id": 2, "title": "Outcome draft", "kind": "outcome", "organisation": ""}]
    after = make_snapshot(make_session(1, documents=tabled))
    [change] = compare_snapshots(before, after)
    assert change == Change(
        ChangeKind.DOCUMENTS_CHANGED, after.sessions[1], documents=DocumentChange(added=("Outcome draft",), removed=())
    )


def test_the_same_people_items_and_documents_read_from_two_releases_are_no_change():
    """Two parses of equal stored data compare equal, value by value (people, items with speakers, documents)."""
    speaker = {"kind": "keynote", "title": "Keynote", "speaker": person(5, "Jorge Chediek"), "duration_minutes": 10}
    session = make_session(1, items=[speaker], people={"facilitator": [person(1, "Ana Muñoz"), person(2, "Bo")]})
    assert compare_snapshots(make_snapshot(session), make_snapshot(copy.deepcopy(session))) == []


def test_sequences_change_only_for_the_sessions_that_changed():
    first = stamp_revisions(stored(make_session(1), make_session(2)), None, "2011-09-01T00:00:00+00:00")
    assert [first["sessions"][key]["sequence"] for key in ("1", "2")] == [0, 0]
    second = stamp_revisions(
        stored(make_session(1), make_session(2, title="Renamed")), first, "2011-09-02T00:00:00+00:00"
    )
    assert second["sessions"]["1"]["sequence"] == 0
    assert second["sessions"]["1"]["last_modified"] == "2011-09-01T00:00:00+00:00"
    assert second["sessions"]["2"]["sequence"] == 1
    assert second["sessions"]["2"]["last_modified"] == "2011-09-02T00:00:00+00:00"


def test_removed_sessions_stay_as_cancelled_with_a_new_sequence():
    first = stamp_revisions(stored(make_session(1), make_session(2)), None, "2011-09-01T00:00:00+00:00")
    second = stamp_revisions(stored(make_session(1)), first, "2011-09-02T00:00:00+00:00")
    assert list(second["cancelled"]) == ["2"]
    assert second["cancelled"]["2"]["sequence"] == 1
    third = stamp_revisions(stored(make_session(1)), second, "2011-09-03T00:00:00+00:00")
    assert third["cancelled"]["2"]["sequence"] == 1


def test_loose_items_get_sequences_and_stay_as_cancelled_when_removed():
    first = stamp_revisions(
        stored(loose_items=[make_loose_item(1), make_loose_item(2)]), None, "2011-09-01T00:00:00+00:00"
    )
    second = stamp_revisions(
        stored(loose_items=[make_loose_item(1, title="Lunch")]), first, "2011-09-02T00:00:00+00:00"
    )
    [item] = second["days"][0]["blocks"][0]["loose_items"]
    assert (item["sequence"], item["last_modified"]) == (1, "2011-09-02T00:00:00+00:00")
    assert second["cancelled_items"]["2"]["sequence"] == 1
