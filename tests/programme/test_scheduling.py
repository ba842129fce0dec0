"""The scheduling rules, tested as plain functions without Flask or a database."""

from datetime import UTC, date, datetime

from workshop.programme.scheduling import (
    ConflictKind,
    ForumDates,
    Slot,
    Window,
    check_slot,
    find_all_conflicts,
    overlaps,
)

DATES = ForumDates(date(2011, 9, 26), date(2011, 9, 28), "America/Bogota")
MORNING = Window(
    datetime(2011, 9, 26, 14, tzinfo=UTC), datetime(2011, 9, 26, 17, tzinfo=UTC), "9:00 – 12:00"
)


def at(hour, minute=0, day=26):
    """Return a UTC moment on a forum day (Bogotá is UTC-5, so 14:00 UTC is 9:00 local)."""
    return datetime(2011, 9, day, hour, minute, tzinfo=UTC)


def slot(key, start, end, **fields):
    return Slot(key=key, label=f"Session {key}", starts_at=start, ends_at=end, **fields)


def kinds(conflicts):
    return [conflict.kind for conflict in conflicts]


def test_touching_intervals_do_not_overlap():
    assert not overlaps(at(14), at(15), at(15), at(16))
    assert overlaps(at(14), at(15, 1), at(15), at(16))


def test_a_session_alone_inside_its_block_has_no_conflict():
    assert check_slot(slot("1", at(14), at(15), block=MORNING), DATES, []) == []


def test_same_room_at_the_same_time_is_double_booked():
    first = slot("1", at(14), at(15), room_id=7, room_name="Salón Bolívar")
    second = slot("2", at(14, 30), at(15, 30), room_id=7, room_name="Salón Bolívar")
    conflicts = check_slot(second, DATES, [first])
    assert kinds(conflicts) == [ConflictKind.ROOM_DOUBLE_BOOKED]
    assert conflicts[0].other == "Session 1"
    assert conflicts[0].detail["room"] == "Salón Bolívar"


def test_same_room_one_after_the_other_is_fine():
    first = slot("1", at(14), at(15), room_id=7)
    second = slot("2", at(15), at(16), room_id=7)
    assert check_slot(second, DATES, [first]) == []


def test_a_person_in_two_places_at_once_is_caught():
    first = slot("1", at(14), at(15), room_id=1, people={5: "Ana Muñoz"})
    second = slot("2", at(14), at(15), room_id=2, people={5: "Ana Muñoz", 6: "Osvaldo Elissetche"})
    conflicts = check_slot(second, DATES, [first])
    assert kinds(conflicts) == [ConflictKind.PERSON_DOUBLE_BOOKED]
    assert conflicts[0].detail["person"] == "Ana Muñoz"


def test_a_session_is_not_compared_with_itself():
    saved = slot("1", at(14), at(15), room_id=1, people={5: "Ana"})
    assert check_slot(saved, DATES, [saved]) == []


def test_items_longer_than_the_session_overrun():
    conflicts = check_slot(slot("1", at(14), at(14, 30), item_minutes=(5, 20, 10)), DATES, [])
    assert kinds(conflicts) == [ConflictKind.ITEMS_OVERRUN]
    assert conflicts[0].detail == {"planned_minutes": 35, "available_minutes": 30}


def test_items_that_fill_the_session_exactly_fit():
    assert check_slot(slot("1", at(14), at(14, 30), item_minutes=(5, 25, None)), DATES, []) == []


def test_a_session_spilling_out_of_its_block_is_caught():
    conflicts = check_slot(slot("1", at(16, 30), at(17, 30), block=MORNING), DATES, [])
    assert kinds(conflicts) == [ConflictKind.OUTSIDE_BLOCK]
    assert conflicts[0].other == "9:00 – 12:00"


def test_a_session_before_the_forum_starts_in_local_time_is_outside_its_dates():
    # 04:00 UTC on the 26th is still the 25th in Bogotá.
    conflicts = check_slot(slot("1", at(4), at(4, 30)), DATES, [])
    assert kinds(conflicts) == [ConflictKind.OUTSIDE_FORUM_DATES]


def test_a_session_on_the_last_evening_in_local_time_is_inside_the_dates():
    # 02:00 UTC on the 29th is 21:00 on the 28th in Bogotá, the forum's last day.
    assert check_slot(slot("1", at(1, 0, day=29), at(2, 0, day=29)), DATES, []) == []


def test_a_session_that_ends_before_it_starts_says_only_that():
    assert kinds(check_slot(slot("1", at(15), at(14), room_id=1), DATES, [slot("2", at(14), at(15), room_id=1)])) == [
        ConflictKind.ENDS_BEFORE_START
    ]


def test_the_whole_programme_reports_each_clash_once():
    slots = [
        slot("1", at(14), at(15), room_id=1),
        slot("2", at(14, 30), at(15, 30), room_id=1),
        slot("3", at(15), at(16), room_id=1),
        slot("4", at(16), at(17), room_id=2),
    ]
    conflicts = find_all_conflicts(slots, DATES)
    assert sorted((c.subject, c.other) for c in conflicts) == [("Session 2", "Session 1"), ("Session 3", "Session 2")]
