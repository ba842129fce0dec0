"""What changed between releases: the pure diff, the calendar sequences, and the wording."""

import copy

from workshop.publishing.changes import Change, ChangeKind, compare_snapshots
from workshop.publishing.snapshot import stamp_revisions


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
        "people": {"facilitator": [{"id": 1, "name": "Ana Muñoz"}], "rapporteur": []},
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


def make_snapshot(*sessions, days=None, loose_items=()):
    return {
        "forum": {"timezone": "America/Bogota"},
        "days": days
        or [{"date": "2011-09-28", "to_be_announced": True, "blocks": [{"loose_items": list(loose_items)}]}],
        "sessions": {str(session["id"]): session for session in sessions},
        "cancelled": {},
    }


def kinds(changes):
    return sorted(change.kind.value for change in changes)


def test_first_release_lists_every_session_as_added():
    assert kinds(compare_snapshots(None, make_snapshot(make_session(1), make_session(2)))) == ["added", "added"]


def test_identical_snapshots_have_no_changes():
    snapshot = make_snapshot(make_session(1))
    assert compare_snapshots(snapshot, copy.deepcopy(snapshot)) == []


def test_each_kind_of_change_is_named():
    before = make_snapshot(make_session(1), make_session(2), make_session(3))
    after = make_snapshot(
        make_session(1, starts_at="2011-09-27T14:00:00+00:00", ends_at="2011-09-27T15:00:00+00:00"),
        make_session(
            2,
            title="Producing policy recommendations for Busan",
            people={"facilitator": [{"id": 2, "name": "Stanley Kao"}], "rapporteur": []},
        ),
        make_session(4),
    )
    changes = compare_snapshots(before, after)
    assert kinds(changes) == ["added", "moved", "removed", "renamed", "restaffed"]
    moved = next(change for change in changes if change.kind == ChangeKind.MOVED)
    assert moved.detail["from_starts_at"] == "2011-09-26T14:00:00+00:00"
    restaffed = next(change for change in changes if change.kind == ChangeKind.RESTAFFED)
    assert restaffed.detail["roles"] == [{"role": "facilitator", "joined": ["Stanley Kao"], "left": ["Ana Muñoz"]}]


def test_a_new_format_is_listed_with_the_old_one():
    before = make_snapshot(make_session(1, format="panel"))
    after = make_snapshot(make_session(1, format="engagement_workshop"))
    changes = compare_snapshots(before, after)
    assert kinds(changes) == ["reformatted"]
    assert changes[0].detail == {"from_format": "panel"}


def test_room_change_counts_as_a_move_and_document_changes_are_listed():
    before = make_snapshot(make_session(1))
    after = make_snapshot(make_session(1, room="Sala Cartagena", documents=[]))
    changes = compare_snapshots(before, after)
    assert kinds(changes) == ["documents_changed", "moved"]
    documents = next(change for change in changes if change.kind == ChangeKind.DOCUMENTS_CHANGED)
    assert documents.detail == {"added": [], "removed": ["Good practices paper"]}


def test_a_day_announced_is_a_change():
    before = make_snapshot(make_session(1))
    after = make_snapshot(make_session(1), days=[{"date": "2011-09-28", "to_be_announced": False, "blocks": []}])
    assert kinds(compare_snapshots(before, after)) == ["day_announced"]


def test_a_day_put_back_to_be_announced_is_postponed():
    before = make_snapshot(make_session(1), days=[{"date": "2011-09-28", "to_be_announced": False, "blocks": []}])
    after = make_snapshot(make_session(1), days=[{"date": "2011-09-28", "to_be_announced": True, "blocks": []}])
    assert compare_snapshots(before, after) == [
        Change(ChangeKind.DAY_POSTPONED, {"date": "2011-09-28", "starts_at": "2011-09-28"})
    ]


def test_a_day_announced_names_its_date():
    before = make_snapshot(days=[{"date": "2011-09-28", "to_be_announced": True, "blocks": []}])
    after = make_snapshot(days=[{"date": "2011-09-28", "to_be_announced": False, "blocks": []}])
    assert compare_snapshots(before, after) == [
        Change(ChangeKind.DAY_ANNOUNCED, {"date": "2011-09-28", "starts_at": "2011-09-28"})
    ]


def test_a_day_that_stays_announced_or_pending_or_is_new_is_no_change():
    before = make_snapshot(
        days=[
            {"date": "2011-09-26", "to_be_announced": False, "blocks": []},
            {"date": "2011-09-27", "to_be_announced": True, "blocks": []},
        ]
    )
    after = make_snapshot(
        days=[
            {"date": "2011-09-26", "to_be_announced": False, "blocks": []},
            {"date": "2011-09-27", "to_be_announced": True, "blocks": []},
            {"date": "2011-09-28", "to_be_announced": True, "blocks": []},
        ]
    )
    assert compare_snapshots(before, after) == []


def test_someone_who_only_joins_a_session_is_a_staffing_change():
    before = make_snapshot(make_session(1))
    after = make_snapshot(
        make_session(
            1,
            people={
                "facilitator": [{"id": 1, "name": "Ana Muñoz"}],
                "rapporteur": [{"id": 3, "name": "Jorge Chediek"}],
            },
        )
    )
    assert compare_snapshots(before, after) == [
        Change(
            ChangeKind.RESTAFFED,
            after["sessions"]["1"],
            {
                "roles": [{"role": "rapporteur", "joined": ["Jorge Chediek"], "left": []}],
            },
        )
    ]


def test_someone_who_only_leaves_a_session_is_a_staffing_change():
    before = make_snapshot(make_session(1))
    after = make_snapshot(make_session(1, people={"facilitator": [], "rapporteur": []}))
    [change] = compare_snapshots(before, after)
    assert change.detail == {"roles": [{"role": "facilitator", "joined": [], "left": ["Ana Muñoz"]}]}


def test_a_role_that_appears_or_disappears_with_a_release_counts_its_people():
    before = make_snapshot(make_session(1, people={"facilitator": [{"id": 1, "name": "Ana Muñoz"}]}))
    after = make_snapshot(make_session(1, people={"keynote_speaker": [{"id": 2, "name": "Stanley Kao"}]}))
    [change] = compare_snapshots(before, after)
    assert change.detail == {
        "roles": [
            {"role": "facilitator", "joined": [], "left": ["Ana Muñoz"]},
            {"role": "keynote_speaker", "joined": ["Stanley Kao"], "left": []},
        ]
    }


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
    assert compare_snapshots(before, after) == [Change(ChangeKind.ITEMS_CHANGED, after["sessions"]["1"])]


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
    session = after["sessions"]["1"]
    assert compare_snapshots(before, after) == [
        Change(
            ChangeKind.MOVED,
            session,
            {
                "from_starts_at": "2011-09-26T14:00:00+00:00",
                "from_ends_at": "2011-09-26T15:00:00+00:00",
                "from_room": "Salón Bolívar",
            },
        ),
        Change(ChangeKind.RENAMED, session, {"from_number": "1", "from_title": "Title 1"}),
    ]


def test_changes_come_in_agenda_order_then_by_kind():
    early, late = "2011-09-26T14:00:00+00:00", "2011-09-27T14:00:00+00:00"
    before = make_snapshot(
        make_session(1, starts_at=late, ends_at="2011-09-27T15:00:00+00:00"),
        make_session(2, starts_at=early),
        days=[{"date": "2011-09-26", "to_be_announced": True, "blocks": []}],
    )
    after = make_snapshot(
        make_session(3, starts_at=early),
        make_session(1, starts_at=late, ends_at="2011-09-27T15:00:00+00:00", title="Renamed", documents=[]),
        days=[{"date": "2011-09-26", "to_be_announced": False, "blocks": []}],
    )
    changes = compare_snapshots(before, after)
    assert [(change.kind.value, change.subject.get("id")) for change in changes] == [
        ("day_announced", None),
        ("added", 3),
        ("removed", 2),
        ("documents_changed", 1),
        ("renamed", 1),
    ]


def test_sequences_change_only_for_the_sessions_that_changed():
    first = stamp_revisions(make_snapshot(make_session(1), make_session(2)), None, "2011-09-01T00:00:00+00:00")
    assert [first["sessions"][key]["sequence"] for key in ("1", "2")] == [0, 0]
    second = stamp_revisions(
        make_snapshot(make_session(1), make_session(2, title="Renamed")), first, "2011-09-02T00:00:00+00:00"
    )
    assert second["sessions"]["1"]["sequence"] == 0
    assert second["sessions"]["1"]["last_modified"] == "2011-09-01T00:00:00+00:00"
    assert second["sessions"]["2"]["sequence"] == 1
    assert second["sessions"]["2"]["last_modified"] == "2011-09-02T00:00:00+00:00"


def test_removed_sessions_stay_as_cancelled_with_a_new_sequence():
    first = stamp_revisions(make_snapshot(make_session(1), make_session(2)), None, "2011-09-01T00:00:00+00:00")
    second = stamp_revisions(make_snapshot(make_session(1)), first, "2011-09-02T00:00:00+00:00")
    assert list(second["cancelled"]) == ["2"]
    assert second["cancelled"]["2"]["sequence"] == 1
    third = stamp_revisions(make_snapshot(make_session(1)), second, "2011-09-03T00:00:00+00:00")
    assert third["cancelled"]["2"]["sequence"] == 1


def test_loose_items_get_sequences_and_stay_as_cancelled_when_removed():
    first = stamp_revisions(
        make_snapshot(loose_items=[make_loose_item(1), make_loose_item(2)]), None, "2011-09-01T00:00:00+00:00"
    )
    second = stamp_revisions(
        make_snapshot(loose_items=[make_loose_item(1, title="Lunch")]), first, "2011-09-02T00:00:00+00:00"
    )
    [item] = second["days"][0]["blocks"][0]["loose_items"]
    assert (item["sequence"], item["last_modified"]) == (1, "2011-09-02T00:00:00+00:00")
    assert second["cancelled_items"]["2"]["sequence"] == 1
