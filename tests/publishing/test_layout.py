"""The agenda's layout (days, blocks, entries in order) as plain functions over a typed snapshot.

Snapshots are written as the stored JSON is, then read through `Snapshot.from_json` as every output reads them.
"""

from datetime import date, datetime
from zoneinfo import ZoneInfo

from workshop.publishing.layout import PLENARY, agenda_days, has_part_in, people_with_a_part_in, restricted_group_id
from workshop.publishing.release_view import Snapshot, TabledDocument

BOGOTA = ZoneInfo("America/Bogota")
PAPER = {"id": 1, "title": "Good practices paper", "kind": "paper", "organisation": ""}
OUTCOME = {"id": 2, "title": "Busan outcome document", "kind": "outcome", "organisation": ""}
FORUM = {
    "slug": "bogota-2011",
    "title": "Learning from South-South and Triangular Cooperation",
    "start_date": "2011-09-26",
    "end_date": "2011-09-28",
    "timezone": "America/Bogota",
}


def utc(hour, minute=0, day=26):
    """Return a snapshot's UTC time on a forum day (Bogotá is UTC-5: 14:00 UTC is 9:00 there)."""
    return f"2011-09-{day:02d}T{hour:02d}:{minute:02d}:00+00:00"


def bogota(hour, minute=0, day=26):
    return datetime(2011, 9, day, hour, minute, tzinfo=BOGOTA)


def session(key, start, end, number=None, documents=()):
    return {
        "id": key,
        "number": number or str(key),
        "title": f"Session {key}",
        "format": "workshop",
        "starts_at": start,
        "ends_at": end,
        "people": {},
        "items": [],
        "documents": list(documents),
    }


def tabled(*documents):
    return [TabledDocument(**document) for document in documents]


def loose_item(key, start, end, title="Welcome"):
    return {"id": key, "kind": "opening_remarks", "title": title, "starts_at": start, "ends_at": end}


def block(key, start, end, session_ids=(), loose_items=(), label=""):
    return {
        "id": key,
        "label": label,
        "starts_at": start,
        "ends_at": end,
        "session_ids": list(session_ids),
        "loose_items": list(loose_items),
    }


def day(on, *blocks, title="", to_be_announced=False, note=""):
    return {"date": on, "title": title, "to_be_announced": to_be_announced, "note": note, "blocks": list(blocks)}


def snapshot(days, *sessions):
    return Snapshot.from_json({"forum": FORUM, "days": days, "sessions": {str(item["id"]): item for item in sessions}})


def entry_titles(agenda_block):
    return [(entry.kind, entry.data.title) for entry in agenda_block.entries]


def test_days_and_blocks_keep_their_order_and_read_in_the_forums_time():
    agenda = agenda_days(
        snapshot(
            [
                day(
                    "2011-09-26",
                    block(10, utc(14), utc(17), [1], label="Morning"),
                    block(11, utc(19), utc(23), [2]),
                    title="Opening day",
                    note="Registration from 8:00",
                ),
                day("2011-09-27", title="Field visits", to_be_announced=True),
            ],
            session(1, utc(14), utc(15)),
            session(2, utc(19), utc(20)),
        )
    )

    first, second = agenda
    assert (first.number, first.date, first.title, first.to_be_announced, first.note) == (
        1,
        date(2011, 9, 26),
        "Opening day",
        False,
        "Registration from 8:00",
    )
    assert (second.number, second.date, second.title, second.to_be_announced, second.blocks) == (
        2,
        date(2011, 9, 27),
        "Field visits",
        True,
        [],
    )
    morning = first.blocks[0]
    assert (morning.id, morning.label, morning.starts_at, morning.ends_at) == (10, "Morning", bogota(9), bogota(12))
    assert [agenda_block.id for agenda_block in first.blocks] == [10, 11]
    [entry] = morning.entries
    assert (entry.starts_at, entry.ends_at, entry.is_session) == (bogota(9), bogota(10), True)
    assert entry.starts_at.utcoffset() == BOGOTA.utcoffset(datetime(2011, 9, 26))


def test_a_block_lists_its_items_and_sessions_by_start_time():
    agenda = agenda_days(
        snapshot(
            [
                day(
                    "2011-09-26",
                    block(
                        10,
                        utc(14),
                        utc(17),
                        [2, 1],
                        [
                            loose_item(7, utc(16, 45), utc(17), "Closing remarks"),
                            loose_item(8, utc(14), utc(14, 15), "Opening remarks"),
                        ],
                    ),
                )
            ],
            session(1, utc(14, 15), utc(15)),
            session(2, utc(15), utc(16, 45)),
        )
    )
    assert entry_titles(agenda[0].blocks[0]) == [
        ("item", "Opening remarks"),
        ("session", "Session 1"),
        ("session", "Session 2"),
        ("item", "Closing remarks"),
    ]
    assert [entry.is_session for entry in agenda[0].blocks[0].entries] == [False, True, True, False]


def test_an_item_starting_with_a_session_comes_before_it():
    agenda = agenda_days(
        snapshot(
            [
                day(
                    "2011-09-26",
                    block(10, utc(14), utc(17), [1], [loose_item(7, utc(14), utc(14, 10), "Opening remarks")]),
                )
            ],
            session(1, utc(14), utc(15)),
        )
    )
    assert entry_titles(agenda[0].blocks[0]) == [("item", "Opening remarks"), ("session", "Session 1")]


def test_parallel_sessions_starting_together_follow_their_numbers():
    agenda = agenda_days(
        snapshot(
            [day("2011-09-26", block(10, utc(14), utc(17), [1, 2, 3]))],
            session(1, utc(14), utc(15), number="3"),
            session(2, utc(14), utc(15), number="1"),
            session(3, utc(14), utc(15), number="2"),
        )
    )
    assert [entry.data.number for entry in agenda[0].blocks[0].entries] == ["1", "2", "3"]


def test_a_block_shows_each_of_its_documents_once_in_the_order_they_are_tabled():
    agenda = agenda_days(
        snapshot(
            [day("2011-09-26", block(10, utc(14), utc(17), [1, 2]))],
            session(1, utc(14), utc(15), documents=[OUTCOME, PAPER]),
            session(2, utc(15), utc(16), documents=[PAPER]),
        )
    )
    assert agenda[0].blocks[0].documents == tabled(OUTCOME, PAPER)


def test_the_whole_agenda_keeps_blocks_without_sessions():
    agenda = agenda_days(
        snapshot(
            [
                day(
                    "2011-09-26",
                    block(10, utc(14), utc(17)),
                    block(11, utc(17), utc(18), [], [loose_item(7, utc(17), utc(18))]),
                )
            ],
        )
    )
    assert [(agenda_block.id, agenda_block.entries != []) for agenda_block in agenda[0].blocks] == [
        (10, False),
        (11, True),
    ]


def test_a_session_no_longer_in_the_snapshot_is_left_out_of_its_block():
    agenda = agenda_days(
        snapshot([day("2011-09-26", block(10, utc(14), utc(17), [1, 99]))], session(1, utc(14), utc(15)))
    )
    assert entry_titles(agenda[0].blocks[0]) == [("session", "Session 1")]


def test_a_personal_agenda_keeps_only_the_blocks_with_ones_sessions_and_every_later_block_that_has_some():
    agenda = agenda_days(
        snapshot(
            [
                day(
                    "2011-09-26",
                    block(10, utc(14), utc(15), [1]),
                    block(11, utc(15), utc(16), [2]),
                    block(12, utc(16), utc(17), [3, 4]),
                ),
                day("2011-09-27"),
            ],
            session(1, utc(14), utc(15)),
            session(2, utc(15), utc(16)),
            session(3, utc(16), utc(17)),
            session(4, utc(16), utc(17)),
        ),
        session_filter=lambda kept: kept.id in (1, 4),
    )
    assert [agenda_block.id for agenda_block in agenda[0].blocks] == [10, 12]
    assert entry_titles(agenda[0].blocks[1]) == [("session", "Session 4")]
    assert [agenda_day.date for agenda_day in agenda] == [date(2011, 9, 26), date(2011, 9, 27)]


def test_a_personal_agenda_shows_only_the_documents_of_ones_sessions():
    agenda = agenda_days(
        snapshot(
            [day("2011-09-26", block(10, utc(14), utc(17), [1, 2]))],
            session(1, utc(14), utc(15), documents=[PAPER]),
            session(2, utc(15), utc(16), documents=[OUTCOME]),
        ),
        session_filter=lambda kept: kept.id == 2,
    )
    assert agenda[0].blocks[0].documents == tabled(OUTCOME)


def test_every_time_of_a_block_reads_on_the_forums_wall_clock():
    agenda = agenda_days(
        snapshot(
            [day("2011-09-26", block(10, utc(14), utc(17), [1], [loose_item(7, utc(14), utc(14, 15))]))],
            session(1, utc(14, 15), utc(15)),
        )
    )
    morning = agenda[0].blocks[0]
    wall_clock = [(moment.hour, moment.minute) for moment in (morning.starts_at, morning.ends_at)]
    for entry in morning.entries:
        wall_clock += [(moment.hour, moment.minute) for moment in (entry.starts_at, entry.ends_at)]
    assert wall_clock == [(9, 0), (12, 0), (9, 0), (9, 15), (9, 15), (10, 0)]


def wall_clock(agenda_block):
    """Return a block's times and its entries' as the forum's wall clock reads them, offset included."""
    times = [agenda_block.starts_at, agenda_block.ends_at]
    for entry in agenda_block.entries:
        times += [entry.starts_at, entry.ends_at]
    return [moment.isoformat() for moment in times]


def outline(agenda):
    """Return each day's number and date with its blocks' ids and the sessions they hold, in order."""
    return [
        (
            agenda_day.number,
            agenda_day.date,
            [
                (agenda_block.id, [entry.data.id for entry in agenda_block.entries])
                for agenda_block in agenda_day.blocks
            ],
        )
        for agenda_day in agenda
    ]


def test_a_session_outside_any_block_gets_a_block_of_its_own_on_its_day():
    agenda = agenda_days(
        snapshot(
            [day("2011-09-26", block(10, utc(14), utc(17), [1]))],
            session(1, utc(14), utc(15)),
            session(2, utc(18), utc(19), documents=[PAPER]),
        )
    )
    assert outline(agenda) == [(1, date(2011, 9, 26), [(10, [1]), (None, [2])])]
    own = agenda[0].blocks[1]
    assert (own.label, own.documents) == ("", tabled(PAPER))
    assert [(entry.kind, entry.is_session, entry.data) for entry in own.entries] == [
        ("session", True, snapshot([], session(2, utc(18), utc(19), documents=[PAPER])).sessions[2])
    ]
    assert wall_clock(own) == ["2011-09-26T13:00:00-05:00", "2011-09-26T14:00:00-05:00"] * 2


def test_a_session_outside_any_block_stands_on_the_date_of_the_forums_wall_clock():
    # 03:00 UTC on the 27th is 22:00 on the 26th in Bogotá.
    agenda = agenda_days(
        snapshot(
            [day("2011-09-26", title="Opening day"), day("2011-09-27", title="Closing day")],
            session(1, utc(3, day=27), utc(4, day=27)),
        )
    )
    assert outline(agenda) == [(1, date(2011, 9, 26), [(None, [1])]), (2, date(2011, 9, 27), [])]
    assert [agenda_day.title for agenda_day in agenda] == ["Opening day", "Closing day"]
    assert wall_clock(agenda[0].blocks[0]) == ["2011-09-26T22:00:00-05:00", "2011-09-26T23:00:00-05:00"] * 2


def test_a_session_on_a_date_the_forum_lacks_adds_an_untitled_day_in_date_order_and_the_days_are_renumbered():
    agenda = agenda_days(
        snapshot(
            [day("2011-09-27", title="Main day", to_be_announced=True, note="Buses at 8:00")],
            session(1, utc(14, day=28), utc(15, day=28)),
            session(2, utc(14, day=25), utc(15, day=25)),
        )
    )
    assert outline(agenda) == [
        (1, date(2011, 9, 25), [(None, [2])]),
        (2, date(2011, 9, 27), []),
        (3, date(2011, 9, 28), [(None, [1])]),
    ]
    added = agenda[0]
    assert (added.title, added.to_be_announced, added.note) == ("", False, "")
    kept = agenda[1]
    assert (kept.title, kept.to_be_announced, kept.note) == ("Main day", True, "Buses at 8:00")


def test_blocks_of_their_own_take_their_place_among_the_time_blocks_by_start_then_end():
    agenda = agenda_days(
        snapshot(
            [day("2011-09-26", block(10, utc(15), utc(16), [1]), block(11, utc(19), utc(20), [2]))],
            session(1, utc(15), utc(16)),
            session(2, utc(19), utc(20)),
            session(3, utc(17), utc(18)),
            session(4, utc(13), utc(14)),
            session(5, utc(15), utc(15, 30)),
        )
    )
    assert outline(agenda) == [(1, date(2011, 9, 26), [(None, [4]), (None, [5]), (10, [1]), (None, [3]), (11, [2])])]


def test_overlapping_sessions_outside_blocks_share_one_block_spanning_them_all():
    agenda = agenda_days(
        snapshot(
            [day("2011-09-26")],
            session(1, utc(14), utc(17), documents=[PAPER]),
            session(2, utc(15), utc(16), documents=[OUTCOME, PAPER]),
            session(3, utc(16, 30), utc(18), documents=[OUTCOME]),
        )
    )
    assert outline(agenda) == [(1, date(2011, 9, 26), [(None, [1, 2, 3])])]
    shared = agenda[0].blocks[0]
    assert (shared.starts_at.isoformat(), shared.ends_at.isoformat()) == (
        "2011-09-26T09:00:00-05:00",
        "2011-09-26T13:00:00-05:00",
    )
    assert shared.documents == tabled(PAPER, OUTCOME)


def test_a_shared_block_ends_with_the_longest_of_its_sessions_not_the_last_to_start():
    agenda = agenda_days(snapshot([day("2011-09-26")], session(1, utc(14), utc(17)), session(2, utc(15), utc(16))))
    shared = agenda[0].blocks[0]
    assert [entry.data.id for entry in shared.entries] == [1, 2]
    assert shared.ends_at.isoformat() == "2011-09-26T12:00:00-05:00"


def test_sessions_outside_blocks_starting_together_list_the_shorter_first():
    agenda = agenda_days(snapshot([day("2011-09-26")], session(1, utc(14), utc(16)), session(2, utc(14), utc(15))))
    assert outline(agenda) == [(1, date(2011, 9, 26), [(None, [2, 1])])]


def test_sessions_outside_blocks_that_only_touch_keep_blocks_of_their_own():
    agenda = agenda_days(snapshot([day("2011-09-26")], session(1, utc(14), utc(15)), session(2, utc(15), utc(16))))
    assert outline(agenda) == [(1, date(2011, 9, 26), [(None, [1]), (None, [2])])]


def test_a_session_outside_blocks_is_never_folded_into_a_time_block_it_overlaps_nor_a_time_block_into_it():
    agenda = agenda_days(
        snapshot(
            [day("2011-09-26", block(10, utc(14), utc(17), [1]), block(11, utc(19), utc(21), [2]))],
            session(1, utc(14), utc(15)),
            session(2, utc(19), utc(20)),
            session(3, utc(15), utc(16)),
            session(4, utc(18), utc(20)),
        )
    )
    assert outline(agenda) == [(1, date(2011, 9, 26), [(10, [1]), (None, [3]), (None, [4]), (11, [2])])]
    assert [agenda_block.ends_at.hour for agenda_block in agenda[0].blocks] == [12, 11, 15, 16]


def test_a_personal_agenda_gives_a_block_of_its_own_only_to_ones_own_sessions_outside_blocks():
    agenda = agenda_days(
        snapshot(
            [day("2011-09-26", block(10, utc(14), utc(15), [1]))],
            session(1, utc(14), utc(15)),
            session(2, utc(16), utc(17)),
            session(3, utc(18), utc(19)),
        ),
        session_filter=lambda kept: kept.id == 3,
    )
    assert outline(agenda) == [(1, date(2011, 9, 26), [(None, [3])])]


def test_a_session_in_a_block_left_out_of_a_personal_agenda_does_not_come_back_outside_blocks():
    agenda = agenda_days(
        snapshot(
            [day("2011-09-26", block(10, utc(14), utc(15), [1]))],
            session(1, utc(14), utc(15)),
        ),
        session_filter=lambda kept: False,
    )
    assert outline(agenda) == [(1, date(2011, 9, 26), [])]


def person(person_id, name="Someone"):
    return {
        "id": person_id,
        "name": name,
        "job_title": "",
        "organisation": "",
        "organisation_acronym": "",
        "country_code": "",
    }


def one_session(**data):
    """Return a session stored with `data`, as the outputs read it."""
    return snapshot([], {**session(1, utc(14), utc(15)), **data}).sessions[1]


def staffed(people=None, speakers=()):
    """Return a session with people appointed by role and items spoken by the given speakers."""
    appointed = {role: [person(person_id) for person_id in ids] for role, ids in (people or {}).items()}
    return one_session(
        people={"facilitator": [], "panellist": [], **appointed},
        items=[
            {"kind": "presentation", "title": f"Item {n}", "speaker": speaker, "duration_minutes": None}
            for n, speaker in enumerate(speakers)
        ],
    )


def test_a_person_appointed_to_a_session_in_any_role_has_a_part_in_it():
    session_data = staffed({"facilitator": [5], "panellist": [6, 7]})
    assert [has_part_in(session_data, person_id) for person_id in (5, 6, 7, 8)] == [True, True, True, False]


def test_a_person_speaking_in_an_item_has_a_part_in_the_session_without_being_appointed():
    session_data = staffed(speakers=[None, person(None, "Guest"), person(9)])
    assert [has_part_in(session_data, person_id) for person_id in (9, 5)] == [True, False]


def test_nobody_has_a_part_in_a_session_without_people_or_speakers():
    assert has_part_in(staffed(speakers=[None]), 5) is False


def test_the_people_with_a_part_in_a_session_are_its_appointees_and_its_named_speakers():
    session_data = staffed({"facilitator": [5], "panellist": [6]}, speakers=[person(9), None, person(5)])
    assert people_with_a_part_in(session_data) == {5, 6, 9}


def test_a_session_is_restricted_to_the_group_it_names_and_otherwise_open_to_everyone():
    building_block = {"id": 7, "stakeholder": None, "name": "Building block"}
    assert restricted_group_id(one_session(restricted_to=building_block)) == 7
    assert restricted_group_id(one_session(restricted_to=None)) is None
    assert restricted_group_id(one_session()) is None, "a release published before registration names no restriction"


def test_a_plenary_is_named_as_the_snapshot_writes_its_format():
    assert PLENARY == "plenary"
