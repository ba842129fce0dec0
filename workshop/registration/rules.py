"""Registration rules, free of Flask and the database, so that they can be reasoned about and tested alone.

Statuses and the moves between them, when the registration window is open, who gets a place and
who waits (the forum, each group's quota, each session's places), who moves up from a waiting list
and in what order, which choices of sessions clash, who may take part in a restricted session, what
a personal agenda holds, and which changes of a new release concern a person. Services load the
facts, ask these functions and act on the answer; `wording.py` says the answers in words.
"""

import enum
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime

from email_validator import EmailNotValidError, validate_email

from workshop.programme.scheduling import overlaps
from workshop.publishing.changes import ChangeKind

# The languages people most often name at a policy forum: the six of the United Nations and Portuguese.
SPOKEN_LANGUAGES = ("en", "es", "fr", "pt", "ar", "zh", "ru")


def spoken_languages(codes):
    """Return the languages a person works in, each once, in the order the form lists them (others last)."""
    unique = dict.fromkeys(code for code in codes if code)
    order = {code: position for position, code in enumerate(SPOKEN_LANGUAGES)}
    return tuple(sorted(unique, key=lambda code: order.get(code, len(order))))


class RegistrationMode(enum.Enum):
    OPEN = "open"
    APPROVAL = "approval"
    INVITATION = "invitation"


class RegistrationStatus(enum.Enum):
    AWAITING_EMAIL_CHECK = "awaiting_email_check"
    AWAITING_APPROVAL = "awaiting_approval"
    CONFIRMED = "confirmed"
    WAITING = "waiting"
    DECLINED = "declined"
    CANCELLED = "cancelled"


class ChoiceStatus(enum.Enum):
    CHOSEN = "chosen"
    WAITING = "waiting"


Status = RegistrationStatus

# Where a registration may go from each status. A cancelled registration may start again; a
# declined one is the secretariat's last word.
TRANSITIONS = {
    Status.AWAITING_EMAIL_CHECK: frozenset(
        {Status.AWAITING_APPROVAL, Status.CONFIRMED, Status.WAITING, Status.CANCELLED}
    ),
    Status.AWAITING_APPROVAL: frozenset({Status.CONFIRMED, Status.WAITING, Status.DECLINED, Status.CANCELLED}),
    Status.CONFIRMED: frozenset({Status.CANCELLED}),
    Status.WAITING: frozenset({Status.CONFIRMED, Status.DECLINED, Status.CANCELLED}),
    Status.DECLINED: frozenset(),
    Status.CANCELLED: frozenset(
        {Status.AWAITING_EMAIL_CHECK, Status.AWAITING_APPROVAL, Status.CONFIRMED, Status.WAITING}
    ),
}
# Statuses of someone who is coming or still hoping to: they may cancel and change what they gave.
ACTIVE = frozenset({Status.AWAITING_EMAIL_CHECK, Status.AWAITING_APPROVAL, Status.CONFIRMED, Status.WAITING})


def can_move(current: RegistrationStatus, target: RegistrationStatus) -> bool:
    """Tell whether a registration may go from `current` to `target`."""
    return target in TRANSITIONS[current]


def is_active(status: RegistrationStatus) -> bool:
    return status in ACTIVE


def may_choose_sessions(status: RegistrationStatus) -> bool:
    """Only people with a place in the forum pick sessions."""
    return status == Status.CONFIRMED


class Attempt(enum.Enum):
    """What a registration form sent for an address does, given what that address holds already."""

    NEW = "new"
    RESTART_CHECK = "restart_check"
    REOPEN = "reopen"
    DUPLICATE = "duplicate"


def attempt_for(existing: RegistrationStatus | None) -> Attempt:
    """Decide what a new registration for an address does: start, replace an unchecked one, reopen, or refuse."""
    if existing is None:
        return Attempt.NEW
    if existing == Status.AWAITING_EMAIL_CHECK:
        return Attempt.RESTART_CHECK
    if existing == Status.CANCELLED:
        return Attempt.REOPEN
    return Attempt.DUPLICATE


def status_after_email_check(mode: RegistrationMode, has_room: bool) -> RegistrationStatus:
    """Return where a registration goes once its address is known to be the person's."""
    if mode == RegistrationMode.APPROVAL:
        return Status.AWAITING_APPROVAL
    return admission(has_room)


def admission(has_room: bool) -> RegistrationStatus:
    """Give a place while there is one; otherwise a place on the waiting list."""
    return Status.CONFIRMED if has_room else Status.WAITING


# --- The registration window ---------------------------------------------------------------


class WindowState(enum.Enum):
    NOT_YET_OPEN = "not_yet_open"
    OPEN = "open"
    CLOSED = "closed"


def window_state(opens_at: datetime | None, closes_at: datetime | None, now: datetime) -> WindowState:
    """Say whether registration is open at `now`; a missing bound leaves that side open."""
    if opens_at is not None and now < opens_at:
        return WindowState.NOT_YET_OPEN
    if closes_at is not None and now >= closes_at:
        return WindowState.CLOSED
    return WindowState.OPEN


# --- Places and waiting lists --------------------------------------------------------------


@dataclass(frozen=True)
class Places:
    """How many places something has (None: no limit) and how many are taken."""

    capacity: int | None
    taken: int

    @property
    def has_room(self) -> bool:
        return self.capacity is None or self.taken < self.capacity


UNLIMITED = Places(None, 0)


def has_room_for_one(forum: Places, group: Places = UNLIMITED) -> bool:
    """A person gets a place when both the forum and their group's quota have one left."""
    return forum.has_room and group.has_room


def session_capacity(own: int | None, room: int | None) -> int | None:
    """Return a session's places: its own number if set, else its room's, else no limit (a room of 0 is unknown)."""
    if own is not None:
        return own
    return room or None


@dataclass(frozen=True)
class Waiting:
    """Someone on a waiting list: who, when they joined it, and the group whose quota they count against."""

    key: int
    arrival: int
    group_id: int | None = None


def promotions(waiting: Iterable[Waiting], whole: Places, groups: Mapping[int, Places] = None) -> list[Waiting]:
    """Return who moves up into the free places, in order of arrival.

    The earliest arrival goes first; someone whose group's quota is full is passed over (and keeps
    their position) in favour of the next whose group has room, until the whole has no room left.
    """
    groups = groups or {}
    taken = whole.taken
    taken_in_group = {group_id: places.taken for group_id, places in groups.items()}
    promoted = []
    for person in sorted(waiting, key=lambda entry: (entry.arrival, entry.key)):
        if not Places(whole.capacity, taken).has_room:
            break
        group = groups.get(person.group_id)
        if group is not None and not Places(group.capacity, taken_in_group[person.group_id]).has_room:
            continue
        promoted.append(person)
        taken += 1
        if group is not None:
            taken_in_group[person.group_id] += 1
    return promoted


def waiting_position(arrival: int, arrivals_waiting: Iterable[int]) -> int:
    """Return someone's place in the waiting list, counting from 1 for the earliest arrival."""
    return 1 + sum(1 for other in arrivals_waiting if other < arrival)


# --- Groups and restricted sessions ---------------------------------------------------------


@dataclass(frozen=True)
class Person:
    """What makes someone a member of a group: their account, their organisation, their stakeholder group."""

    user_id: int | None = None
    organisation_id: int | None = None
    stakeholder_group_id: int | None = None


@dataclass(frozen=True)
class Membership:
    """A group's member: a person (by account) or a whole organisation."""

    group_id: int
    user_id: int | None = None
    organisation_id: int | None = None


def groups_of(person: Person, memberships: Iterable[Membership]) -> frozenset:
    """Return the groups a person belongs to: their stakeholder group, and those listing them or their organisation."""
    groups = {person.stakeholder_group_id} if person.stakeholder_group_id is not None else set()
    for member in memberships:
        if member.user_id is not None and member.user_id == person.user_id:
            groups.add(member.group_id)
        elif member.organisation_id is not None and member.organisation_id == person.organisation_id:
            groups.add(member.group_id)
    return frozenset(groups)


def may_take_part(restricted_to: int | None, groups: frozenset) -> bool:
    """A session restricted to a group is for its members only; any other session is for everyone."""
    return restricted_to is None or restricted_to in groups


# --- Choosing sessions ----------------------------------------------------------------------


@dataclass(frozen=True)
class TimedSession:
    """A session as a choice: what to call it and when it runs."""

    id: int
    title: str
    starts_at: datetime
    ends_at: datetime


def clashes(candidate: TimedSession, chosen: Iterable[TimedSession]) -> list[TimedSession]:
    """Return the chosen sessions that run at the same time as `candidate`, earliest first."""
    found = [
        other
        for other in chosen
        if other.id != candidate.id and overlaps(candidate.starts_at, candidate.ends_at, other.starts_at, other.ends_at)
    ]
    return sorted(found, key=lambda other: (other.starts_at, other.id))


class ChoiceRefusal(enum.Enum):
    NO_PLACE_IN_FORUM = "no_place_in_forum"
    ALREADY_CHOSEN = "already_chosen"
    FOR_EVERYONE = "for_everyone"
    RESTRICTED = "restricted"
    OVERLAP = "overlap"


@dataclass(frozen=True)
class Choosing:
    """Everything the rules weigh when a person picks a session."""

    status: RegistrationStatus
    candidate: TimedSession
    is_plenary: bool = False
    restricted_to: int | None = None
    groups: frozenset = frozenset()
    chosen: tuple = ()


@dataclass(frozen=True)
class Refusal:
    kind: ChoiceRefusal
    other: TimedSession | None = None


def check_choice(choosing: Choosing) -> list[Refusal]:
    """Return why a person may not pick a session, or nothing if they may."""
    if not may_choose_sessions(choosing.status):
        return [Refusal(ChoiceRefusal.NO_PLACE_IN_FORUM)]
    if any(other.id == choosing.candidate.id for other in choosing.chosen):
        return [Refusal(ChoiceRefusal.ALREADY_CHOSEN)]
    if not may_take_part(choosing.restricted_to, choosing.groups):
        return [Refusal(ChoiceRefusal.RESTRICTED)]
    if choosing.is_plenary:
        return [Refusal(ChoiceRefusal.FOR_EVERYONE)]
    return [Refusal(ChoiceRefusal.OVERLAP, other) for other in clashes(choosing.candidate, choosing.chosen)]


# --- Personal agendas -----------------------------------------------------------------------


@dataclass(frozen=True)
class Selection:
    """What puts sessions of one forum into a person's agenda besides their roles."""

    chosen: frozenset = frozenset()
    groups: frozenset = frozenset()


# The selection of someone who chose nothing and belongs to no group: their roles and the plenaries.
NO_SELECTION = Selection()


def in_personal_agenda(
    session_id: int, is_plenary: bool, restricted_to: int | None, has_role: bool, selection: Selection
) -> bool:
    """Tell whether a session belongs in a person's agenda: their roles, then plenaries and choices they may attend."""
    if has_role:
        return True
    if not may_take_part(restricted_to, selection.groups):
        return False
    return is_plenary or session_id in selection.chosen


# --- What changed for a person --------------------------------------------------------------

# The changes a person is told about: the session they chose or run moved, was renamed,
# re-staffed or cancelled. New items and documents are on the agenda for whoever looks.
DIGEST_KINDS = frozenset({ChangeKind.MOVED, ChangeKind.RENAMED, ChangeKind.RESTAFFED, ChangeKind.REMOVED})


def changes_for(changes: Iterable, session_ids: Iterable[int]) -> list:
    """Return, in their order, the changes of a release that concern the given sessions."""
    wanted = set(session_ids)
    return [change for change in changes if change.kind in DIGEST_KINDS and change.subject.id in wanted]


# --- Pasted lists of addresses ---------------------------------------------

ADDRESS_SEPARATORS = re.compile(r"[\s,;<>\"']+")


@dataclass(frozen=True)
class AddressList:
    addresses: tuple = ()
    rejected: tuple = ()


def read_address_list(text: str) -> AddressList:
    """Pick the e-mail addresses out of a pasted list or a CSV file, once each, in order.

    Anything with an @ is taken for an address (names, headers and other columns are passed over);
    one that is not a valid address is returned as rejected, so that nobody is left out unseen.
    """
    addresses, rejected, seen = [], [], set()
    for token in ADDRESS_SEPARATORS.split(text or ""):
        if "@" not in token:
            continue
        try:
            address = validate_email(token, check_deliverability=False, test_environment=True).normalized.lower()
        except EmailNotValidError:
            rejected.append(token)
            continue
        if address not in seen:
            seen.add(address)
            addresses.append(address)
    return AddressList(tuple(addresses), tuple(rejected))


# --- Personal data kept after withdrawal -----------------------------------------------------

# What stays of a withdrawn registration: enough to count people by status, stakeholder group,
# gender and attendance, and nothing that names or reaches the person (docs/data-protection.md).
KEPT_AFTER_WITHDRAWAL = ("forum_id", "status", "group_id", "gender", "registered_at", "checked_in_at", "withdrawn_at")
