"""The scheduling rules, tested as plain functions without Flask or a database."""

from datetime import UTC, date, datetime, timedelta

from workshop.programme.scheduling import (
    Conflict,
    ConflictKind,
    ForumDates,
    Slot,
    Window,
    check_slot,
    find_all_conflicts,
    overlaps,
)

DATES = ForumDates(date(2011, 9, 26), date(2011, 9, 28), "America/Bogota")
MORNING = Window(datetime(2011, 9, 26, 14, tzinfo=UTC), datetime(2011, 9, 26, 17, tzinfo=UTC), "9:00 – 12:00")


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
    assert check_slot(slot("1", at(15), at(14), room_id=1), DATES, [slot("2", at(14), at(15), room_id=1)]) == [
        Conflict(ConflictKind.ENDS_BEFORE_START, "Session 1")
    ]


def test_a_session_that_exactly_fills_its_block_fits():
    assert check_slot(slot("1", at(14), at(17), block=MORNING), DATES, []) == []


def test_a_session_starting_before_its_block_is_outside_it():
    assert check_slot(slot("1", at(13, 59), at(15), block=MORNING), DATES, []) == [
        Conflict(ConflictKind.OUTSIDE_BLOCK, "Session 1", "9:00 – 12:00")
    ]


def test_a_session_of_no_length_is_refused():
    assert check_slot(slot("1", at(14), at(14), block=MORNING), DATES, []) == [
        Conflict(ConflictKind.ENDS_BEFORE_START, "Session 1")
    ]


def test_a_session_ending_at_midnight_after_the_last_day_is_inside_the_dates():
    # Bogotá's midnight between the 28th and the 29th is 05:00 UTC on the 29th.
    assert check_slot(slot("1", at(4, 0, day=29), at(5, 0, day=29)), DATES, []) == []


def test_a_session_running_past_midnight_after_the_last_day_is_outside_the_dates():
    assert check_slot(slot("1", at(4, 0, day=29), at(5, 1, day=29)), DATES, []) == [
        Conflict(
            ConflictKind.OUTSIDE_FORUM_DATES,
            "Session 1",
            detail={"first_day": date(2011, 9, 26), "last_day": date(2011, 9, 28)},
        )
    ]


def test_a_session_ending_a_moment_after_midnight_runs_into_the_next_day():
    just_after_midnight = at(5, 0, day=29) + timedelta(microseconds=1)
    assert kinds(check_slot(slot("1", at(4, 0, day=29), just_after_midnight), DATES, [])) == [
        ConflictKind.OUTSIDE_FORUM_DATES
    ]


def test_an_overrun_counts_the_session_in_whole_minutes():
    conflicts = check_slot(slot("1", at(14), at(14, 29) + timedelta(seconds=30), item_minutes=(30,)), DATES, [])
    assert conflicts == [
        Conflict(ConflictKind.ITEMS_OVERRUN, "Session 1", detail={"planned_minutes": 30, "available_minutes": 29})
    ]


def test_every_conflict_names_the_session_and_what_it_clashes_with():
    first = slot("1", at(14), at(15), room_id=7, room_name="Salón Bolívar", people={5: "Ana Muñoz"})
    second = slot("2", at(14), at(15), room_id=7, room_name="Salón Bolívar", people={5: "Ana Muñoz"})
    assert check_slot(second, DATES, [first]) == [
        Conflict(ConflictKind.ROOM_DOUBLE_BOOKED, "Session 2", "Session 1", {"room": "Salón Bolívar"}),
        Conflict(ConflictKind.PERSON_DOUBLE_BOOKED, "Session 2", "Session 1", {"person": "Ana Muñoz"}),
    ]


def test_the_whole_programme_names_a_backwards_session_and_goes_on_checking_the_rest():
    slots = [
        slot("1", at(15), at(14)),
        slot("2", at(14, 30), at(14, 30)),
        slot("3", at(16), at(17), room_id=1),
        slot("4", at(16, 30), at(17, 30), room_id=1),
    ]
    assert find_all_conflicts(slots, DATES) == [
        Conflict(ConflictKind.ENDS_BEFORE_START, "Session 2"),
        Conflict(ConflictKind.ENDS_BEFORE_START, "Session 1"),
        Conflict(ConflictKind.ROOM_DOUBLE_BOOKED, "Session 4", "Session 3", {"room": ""}),
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
