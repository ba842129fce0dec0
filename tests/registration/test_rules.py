"""The registration rules, tested as plain functions without Flask or a database: each branch, each boundary, each order."""

from datetime import UTC, datetime, timedelta

import pytest

from workshop.publishing.changes import Change, ChangeKind
from workshop.publishing.release_view import Snapshot
from workshop.registration import rules
from workshop.registration.rules import (
    ACTIVE,
    TRANSITIONS,
    Attempt,
    ChoiceRefusal,
    Choosing,
    Membership,
    Person,
    Places,
    RegistrationMode,
    Selection,
    TimedSession,
    Waiting,
    WindowState,
    spoken_languages,
)
from workshop.registration.rules import (
    RegistrationStatus as S,
)

NOON = datetime(2030, 11, 5, 12, tzinfo=UTC)


def at(hour, minute=0):
    return datetime(2030, 11, 5, hour, minute, tzinfo=UTC)


def session(key, start, end, title=None):
    return TimedSession(key, title or f"Session {key}", start, end)


# --- Statuses -------------------------------------------------------------------------------


def test_every_status_has_its_moves_listed():
    assert set(TRANSITIONS) == set(S)


@pytest.mark.parametrize(
    ("current", "allowed"),
    [
        (S.AWAITING_EMAIL_CHECK, {S.AWAITING_APPROVAL, S.CONFIRMED, S.WAITING, S.CANCELLED}),
        (S.AWAITING_APPROVAL, {S.CONFIRMED, S.WAITING, S.DECLINED, S.CANCELLED}),
        (S.CONFIRMED, {S.CANCELLED}),
        (S.WAITING, {S.CONFIRMED, S.DECLINED, S.CANCELLED}),
        (S.DECLINED, set()),
        (S.CANCELLED, {S.AWAITING_EMAIL_CHECK, S.AWAITING_APPROVAL, S.CONFIRMED, S.WAITING}),
    ],
)
def test_a_registration_moves_only_where_its_status_allows(current, allowed):
    assert {target for target in S if rules.can_move(current, target)} == allowed


def test_nothing_moves_to_where_it_is():
    assert not any(rules.can_move(status, status) for status in S)


def test_the_active_statuses_are_those_of_people_still_coming_or_hoping_to():
    assert ACTIVE == {S.AWAITING_EMAIL_CHECK, S.AWAITING_APPROVAL, S.CONFIRMED, S.WAITING}
    assert [status for status in S if rules.is_active(status)] == [
        S.AWAITING_EMAIL_CHECK,
        S.AWAITING_APPROVAL,
        S.CONFIRMED,
        S.WAITING,
    ]


def test_only_a_confirmed_person_chooses_sessions():
    assert [status for status in S if rules.may_choose_sessions(status)] == [S.CONFIRMED]


@pytest.mark.parametrize(
    ("existing", "attempt"),
    [
        (None, Attempt.NEW),
        (S.AWAITING_EMAIL_CHECK, Attempt.RESTART_CHECK),
        (S.CANCELLED, Attempt.REOPEN),
        (S.AWAITING_APPROVAL, Attempt.DUPLICATE),
        (S.CONFIRMED, Attempt.DUPLICATE),
        (S.WAITING, Attempt.DUPLICATE),
        (S.DECLINED, Attempt.DUPLICATE),
    ],
)
def test_a_second_registration_for_an_address_starts_replaces_reopens_or_is_refused(existing, attempt):
    assert rules.attempt_for(existing) == attempt


@pytest.mark.parametrize(
    ("mode", "has_room", "status"),
    [
        (RegistrationMode.OPEN, True, S.CONFIRMED),
        (RegistrationMode.OPEN, False, S.WAITING),
        (RegistrationMode.INVITATION, True, S.CONFIRMED),
        (RegistrationMode.INVITATION, False, S.WAITING),
        (RegistrationMode.APPROVAL, True, S.AWAITING_APPROVAL),
        (RegistrationMode.APPROVAL, False, S.AWAITING_APPROVAL),
    ],
)
def test_a_checked_address_is_admitted_or_awaits_approval(mode, has_room, status):
    assert rules.status_after_email_check(mode, has_room) == status


def test_admission_gives_a_place_while_there_is_one():
    assert rules.admission(True) == S.CONFIRMED
    assert rules.admission(False) == S.WAITING


# --- The window -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("opens_at", "closes_at", "state"),
    [
        (None, None, WindowState.OPEN),
        (NOON, None, WindowState.OPEN),
        (NOON + timedelta(microseconds=1), None, WindowState.NOT_YET_OPEN),
        (None, NOON + timedelta(microseconds=1), WindowState.OPEN),
        (None, NOON, WindowState.CLOSED),
        (NOON - timedelta(days=1), NOON - timedelta(hours=1), WindowState.CLOSED),
        (NOON + timedelta(hours=1), NOON + timedelta(days=1), WindowState.NOT_YET_OPEN),
        (NOON - timedelta(hours=1), NOON + timedelta(hours=1), WindowState.OPEN),
    ],
)
def test_registration_is_open_from_its_opening_moment_until_just_before_its_closing_moment(opens_at, closes_at, state):
    assert rules.window_state(opens_at, closes_at, NOON) == state


# --- Places ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("capacity", "taken", "has_room"),
    [
        (None, 0, True),
        (None, 10_000, True),
        (3, 2, True),
        (3, 3, False),
        (3, 4, False),
        (0, 0, False),
        (1, 0, True),
    ],
)
def test_places_have_room_until_every_one_is_taken(capacity, taken, has_room):
    assert Places(capacity, taken).has_room is has_room


def test_a_person_needs_room_in_the_forum_and_in_their_group():
    assert rules.has_room_for_one(Places(10, 9), Places(2, 1))
    assert not rules.has_room_for_one(Places(10, 10), Places(2, 1))
    assert not rules.has_room_for_one(Places(10, 9), Places(2, 2))
    assert rules.has_room_for_one(Places(10, 9))
    assert not rules.has_room_for_one(Places(1, 1))


@pytest.mark.parametrize(
    ("own", "room", "capacity"),
    [
        (None, None, None),
        (None, 0, None),
        (None, 40, 40),
        (12, 40, 12),
        (60, 40, 60),
        (12, None, 12),
        (12, 0, 12),
    ],
)
def test_a_session_has_its_own_number_of_places_else_its_rooms(own, room, capacity):
    assert rules.session_capacity(own, room) == capacity


def test_promotions_follow_the_order_of_arrival_not_of_the_list():
    waiting = [Waiting(key=7, arrival=30), Waiting(key=5, arrival=10), Waiting(key=6, arrival=20)]
    assert [entry.key for entry in rules.promotions(waiting, Places(5, 3))] == [5, 6]


def test_promotions_stop_when_the_places_are_gone():
    waiting = [Waiting(key=n, arrival=n) for n in range(1, 6)]
    assert rules.promotions(waiting, Places(5, 5)) == []
    assert [entry.key for entry in rules.promotions(waiting, Places(5, 4))] == [1]
    assert [entry.key for entry in rules.promotions(waiting, Places(None, 100))] == [1, 2, 3, 4, 5]


def test_equal_arrivals_go_by_key():
    waiting = [Waiting(key=9, arrival=1), Waiting(key=3, arrival=1)]
    assert [entry.key for entry in rules.promotions(waiting, Places(1, 0))] == [3]


def test_someone_whose_group_is_full_keeps_waiting_while_the_next_moves_up():
    waiting = [
        Waiting(key=1, arrival=1, group_id=10),
        Waiting(key=2, arrival=2, group_id=20),
        Waiting(key=3, arrival=3, group_id=10),
    ]
    groups = {10: Places(2, 2), 20: Places(5, 1)}
    assert [entry.key for entry in rules.promotions(waiting, Places(10, 5), groups)] == [2]


def test_a_group_quota_fills_as_its_people_move_up():
    waiting = [Waiting(key=n, arrival=n, group_id=10) for n in range(1, 5)]
    promoted = rules.promotions(waiting, Places(10, 0), {10: Places(2, 0)})
    assert [entry.key for entry in promoted] == [1, 2]


def test_a_group_without_a_quota_or_unknown_to_the_rules_limits_nobody():
    waiting = [
        Waiting(key=1, arrival=1, group_id=10),
        Waiting(key=2, arrival=2, group_id=99),
        Waiting(key=3, arrival=3, group_id=None),
    ]
    assert [entry.key for entry in rules.promotions(waiting, Places(3, 0), {10: Places(None, 50)})] == [1, 2, 3]


def test_the_whole_counts_every_promotion_across_groups():
    waiting = [
        Waiting(key=1, arrival=1, group_id=10),
        Waiting(key=2, arrival=2, group_id=20),
        Waiting(key=3, arrival=3, group_id=20),
    ]
    groups = {10: Places(5, 0), 20: Places(5, 0)}
    assert [entry.key for entry in rules.promotions(waiting, Places(4, 2), groups)] == [1, 2]


@pytest.mark.parametrize(("arrival", "position"), [(5, 1), (10, 2), (12, 3), (30, 4)])
def test_the_waiting_position_counts_the_earlier_arrivals(arrival, position):
    assert rules.waiting_position(arrival, [30, 12, 10, 5]) == position


# --- Groups ---------------------------------------------------------------------------------


def test_a_person_belongs_to_their_stakeholder_group_and_to_groups_listing_them_or_their_organisation():
    memberships = [
        Membership(group_id=1, user_id=7),
        Membership(group_id=2, organisation_id=40),
        Membership(group_id=3, user_id=8),
        Membership(group_id=4, organisation_id=41),
    ]
    assert rules.groups_of(Person(user_id=7, organisation_id=40, stakeholder_group_id=9), memberships) == {1, 2, 9}
    assert rules.groups_of(Person(user_id=8), memberships) == {3}
    assert rules.groups_of(Person(organisation_id=41), memberships) == {4}


def test_missing_facts_never_match_a_member_with_the_same_missing_fact():
    memberships = [Membership(group_id=1, user_id=7), Membership(group_id=2, organisation_id=40)]
    assert rules.groups_of(Person(), memberships) == frozenset()
    assert rules.groups_of(Person(user_id=None, organisation_id=None), [Membership(group_id=5)]) == frozenset()


def test_a_restricted_session_is_for_its_groups_members_only():
    assert rules.may_take_part(None, frozenset())
    assert rules.may_take_part(3, frozenset({3, 4}))
    assert not rules.may_take_part(3, frozenset({4}))


# --- Choosing sessions ----------------------------------------------------------------------


def test_sessions_clash_when_they_share_a_moment_and_are_named_earliest_first():
    candidate = session(1, at(9), at(11))
    chosen = [
        session(4, at(10, 30), at(12)),
        session(2, at(8), at(9, 1)),
        session(3, at(11), at(12)),
        session(5, at(7), at(9)),
    ]
    assert [other.id for other in rules.clashes(candidate, chosen)] == [2, 4]


def test_a_session_does_not_clash_with_itself():
    candidate = session(1, at(9), at(11))
    assert rules.clashes(candidate, [candidate]) == []


def test_clashes_at_the_same_moment_go_by_id():
    candidate = session(1, at(9), at(11))
    assert [other.id for other in rules.clashes(candidate, [session(8, at(9), at(10)), session(6, at(9), at(10))])] == [
        6,
        8,
    ]


def choosing(**facts):
    values = {"status": S.CONFIRMED, "candidate": session(1, at(9), at(10), "Session 1. Parallel A")}
    values.update(facts)
    return Choosing(**values)


def kinds(refusals):
    return [refusal.kind for refusal in refusals]


def test_a_confirmed_person_may_choose_a_free_session():
    assert rules.check_choice(choosing()) == []


@pytest.mark.parametrize("status", [status for status in S if status != S.CONFIRMED])
def test_only_a_confirmed_person_may_choose(status):
    assert kinds(rules.check_choice(choosing(status=status))) == [ChoiceRefusal.NO_PLACE_IN_FORUM]


def test_an_overlapping_choice_is_refused_naming_the_chosen_session():
    other = session(2, at(9, 30), at(10, 30), "Session 2. Parallel B")
    refusals = rules.check_choice(choosing(chosen=(other,)))
    assert kinds(refusals) == [ChoiceRefusal.OVERLAP]
    assert refusals[0].other == other


def test_each_clash_is_named():
    chosen = (session(2, at(9), at(9, 30)), session(3, at(9, 30), at(10)), session(4, at(10), at(11)))
    assert [refusal.other.id for refusal in rules.check_choice(choosing(chosen=chosen))] == [2, 3]


def test_a_session_chosen_already_is_refused_before_anything_else():
    candidate = session(1, at(9), at(10))
    refusals = rules.check_choice(choosing(candidate=candidate, chosen=(candidate,), restricted_to=5, is_plenary=True))
    assert kinds(refusals) == [ChoiceRefusal.ALREADY_CHOSEN]


def test_a_restricted_session_is_refused_to_an_outsider_and_allowed_to_a_member():
    assert kinds(rules.check_choice(choosing(restricted_to=5, groups=frozenset({6})))) == [ChoiceRefusal.RESTRICTED]
    assert rules.check_choice(choosing(restricted_to=5, groups=frozenset({5, 6}))) == []


def test_a_restriction_is_said_before_a_clash():
    other = session(2, at(9), at(10))
    refusals = rules.check_choice(choosing(restricted_to=5, chosen=(other,)))
    assert kinds(refusals) == [ChoiceRefusal.RESTRICTED]


def test_a_plenary_needs_no_choosing():
    assert kinds(rules.check_choice(choosing(is_plenary=True))) == [ChoiceRefusal.FOR_EVERYONE]


def test_an_outsider_is_told_of_the_restriction_even_for_a_plenary():
    assert kinds(rules.check_choice(choosing(is_plenary=True, restricted_to=5))) == [ChoiceRefusal.RESTRICTED]


# --- Personal agendas -----------------------------------------------------------------------

MEMBER = Selection(chosen=frozenset({1, 2}), groups=frozenset({5}))


@pytest.mark.parametrize(
    ("session_id", "is_plenary", "restricted_to", "has_role", "selection", "kept"),
    [
        (1, False, None, False, MEMBER, True),
        (3, False, None, False, MEMBER, False),
        (3, True, None, False, MEMBER, True),
        (3, True, 6, False, MEMBER, False),
        (3, True, 5, False, MEMBER, True),
        (1, False, 6, False, MEMBER, False),
        (1, False, 5, False, MEMBER, True),
        (3, False, 6, True, MEMBER, True),
        (3, False, None, True, Selection(), True),
        (3, True, None, False, Selection(), True),
        (3, False, None, False, Selection(), False),
    ],
)
def test_a_personal_agenda_holds_roles_then_plenaries_and_choices_the_person_may_attend(
    session_id, is_plenary, restricted_to, has_role, selection, kept
):
    assert rules.in_personal_agenda(session_id, is_plenary, restricted_to, has_role, selection) is kept


# --- What changed for a person --------------------------------------------------------------


def released(*session_ids):
    """Return a typed snapshot (as a release's stored JSON is read) of the given sessions, and of day 1 whose id is 1."""
    stored = {
        "forum": {"slug": "f", "title": "F", "start_date": "2030-11-05", "end_date": "2030-11-05", "timezone": "UTC"},
        "days": [{"id": 1, "date": "2030-11-05", "title": "", "to_be_announced": False, "note": "", "blocks": []}],
        "sessions": {
            str(key): {
                "id": key,
                "number": str(key),
                "title": f"Session {key}",
                "format": "workshop",
                "starts_at": "2030-11-05T14:00:00+00:00",
                "ends_at": "2030-11-05T15:00:00+00:00",
                "people": {},
                "items": [],
                "documents": [],
            }
            for key in session_ids
        },
    }
    return Snapshot.from_json(stored)


def test_a_person_is_told_of_moves_renames_restaffing_and_cancellations_of_their_sessions_only():
    snapshot = released(1, 2, 3, 4)
    session = snapshot.sessions
    changes = [
        Change(ChangeKind.MOVED, session[1]),
        Change(ChangeKind.RENAMED, session[2]),
        Change(ChangeKind.RESTAFFED, session[1]),
        Change(ChangeKind.REMOVED, session[3]),
        Change(ChangeKind.ITEMS_CHANGED, session[1]),
        Change(ChangeKind.DOCUMENTS_CHANGED, session[1]),
        Change(ChangeKind.ADDED, session[1]),
        Change(ChangeKind.DAY_ANNOUNCED, snapshot.days[0]),
        Change(ChangeKind.MOVED, session[4]),
    ]
    assert snapshot.days[0].id == 1, "a day whose id is a wanted session's is still no change to that session"
    assert rules.changes_for(changes, [1, 3]) == [changes[0], changes[2], changes[3]]
    assert rules.changes_for(changes, []) == []


def test_the_digest_kinds_are_those_the_issue_names():
    assert rules.DIGEST_KINDS == {ChangeKind.MOVED, ChangeKind.RENAMED, ChangeKind.RESTAFFED, ChangeKind.REMOVED}


# --- Pasted addresses and organisations -----------------------------------------------------


def test_addresses_are_picked_out_of_a_pasted_list_once_each_in_order():
    text = "Ana <ana@example.org>, bo@example.org; Ana@Example.org\nname,email\nCé,ce@example.org\n\tdan@example.org"
    found = rules.read_address_list(text)
    assert found.addresses == ("ana@example.org", "bo@example.org", "ce@example.org", "dan@example.org")
    assert found.rejected == ()


def test_an_unreadable_address_is_reported_not_dropped_silently():
    found = rules.read_address_list("good@example.org, bad@@example, @nobody, x@y")
    assert found.addresses == ("good@example.org",)
    assert found.rejected == ("bad@@example", "@nobody", "x@y")


def test_an_empty_list_has_no_addresses():
    assert rules.read_address_list("") == rules.AddressList()
    assert rules.read_address_list(None) == rules.AddressList()
    assert rules.read_address_list("no addresses here, just names") == rules.AddressList()


def test_a_withdrawn_registration_keeps_only_what_counts_need():
    assert set(rules.KEPT_AFTER_WITHDRAWAL) == {
        "forum_id",
        "status",
        "group_id",
        "gender",
        "registered_at",
        "checked_in_at",
        "withdrawn_at",
    }


def test_spoken_languages_come_once_each_in_the_forms_order_with_others_last():
    assert spoken_languages(["pt", "es", "", "en", "es", "qu"]) == ("en", "es", "pt", "qu")
