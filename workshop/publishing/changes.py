"""What changed between two agenda snapshots, in terms a participant cares about.

Pure functions over typed snapshots (release_view.Snapshot, parsed once from the stored JSON); the
wording lives in `wording.py`.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import UTC, datetime, time
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from workshop.publishing.release_view import Day, Session, Snapshot


class ChangeKind(enum.Enum):
    ADDED = "added"
    REMOVED = "removed"
    MOVED = "moved"
    RENAMED = "renamed"
    REFORMATTED = "reformatted"
    RESTAFFED = "restaffed"
    ITEMS_CHANGED = "items_changed"
    DOCUMENTS_CHANGED = "documents_changed"
    DAY_ANNOUNCED = "day_announced"
    DAY_POSTPONED = "day_postponed"


# Changes to a day of the forum; every other kind is a change to one session.
DAY_KINDS = frozenset({ChangeKind.DAY_ANNOUNCED, ChangeKind.DAY_POSTPONED})


@dataclass(frozen=True, slots=True)
class StaffChange:
    """The names who joined and who left one role of a session."""

    role: str
    joined: tuple[str, ...]
    left: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class DocumentChange:
    """The titles of the documents a session tables now and did not, and of those it no longer tables."""

    added: tuple[str, ...]
    removed: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Change:
    """One change: to `subject`, a session as it stands (as it stood, when cancelled) or a day of the forum.

    `before` is the session as the earlier release had it (moved, renamed, reformatted); `staffing`
    names who joined and left each role (restaffed); `documents` the titles tabled and withdrawn.
    """

    kind: ChangeKind
    subject: Session | Day
    before: Session | None = None
    staffing: tuple[StaffChange, ...] = ()
    documents: DocumentChange | None = None


def compare_snapshots(before: Snapshot | None, after: Snapshot) -> list[Change]:
    """Return the changes from `before` (or nothing published yet) to `after`, in agenda order."""
    before_sessions = before.sessions if before else {}
    changes = _day_changes(before, after) if before else []
    for key, session in after.sessions.items():
        if key not in before_sessions:
            changes.append(Change(ChangeKind.ADDED, session))
        else:
            changes.extend(compare_sessions(before_sessions[key], session))
    for key, session in before_sessions.items():
        if key not in after.sessions:
            changes.append(Change(ChangeKind.REMOVED, session))
    return sorted(changes, key=_in_agenda_order)


def compare_sessions(before: Session, after: Session) -> list[Change]:
    """Return how one session changed between two releases."""
    changes = []
    if (before.starts_at, before.ends_at, before.room) != (after.starts_at, after.ends_at, after.room):
        changes.append(Change(ChangeKind.MOVED, after, before=before))
    if (before.number, before.title) != (after.number, after.title):
        changes.append(Change(ChangeKind.RENAMED, after, before=before))
    if before.format != after.format:
        changes.append(Change(ChangeKind.REFORMATTED, after, before=before))
    staffing = _staffing_changes(before.people, after.people)
    if staffing:
        changes.append(Change(ChangeKind.RESTAFFED, after, staffing=staffing))
    if before.items != after.items:
        changes.append(Change(ChangeKind.ITEMS_CHANGED, after))
    documents = _title_changes(before.documents, after.documents)
    if documents.added or documents.removed:
        changes.append(Change(ChangeKind.DOCUMENTS_CHANGED, after, documents=documents))
    return changes


def _in_agenda_order(change):
    """Order changes by when they happen, then by kind; a day comes before the sessions starting on it (in UTC)."""
    if change.kind in DAY_KINDS:
        return (datetime.combine(change.subject.date, time.min, tzinfo=UTC), 0, change.kind.value)
    return (change.subject.starts_at, 1, change.kind.value)


def _staffing_changes(before, after):
    """Return, per role, the names who joined and left."""
    roles = []
    for role in sorted(set(before) | set(after)):
        names_before = [person.name for person in before.get(role, ())]
        names_after = [person.name for person in after.get(role, ())]
        joined = tuple(name for name in names_after if name not in names_before)
        left = tuple(name for name in names_before if name not in names_after)
        if joined or left:
            roles.append(StaffChange(role, joined, left))
    return tuple(roles)


def _title_changes(before, after):
    titles_before = [document.title for document in before]
    titles_after = [document.title for document in after]
    return DocumentChange(
        added=tuple(title for title in titles_after if title not in titles_before),
        removed=tuple(title for title in titles_before if title not in titles_after),
    )


def _day_changes(before, after):
    announced_before = {day.date: day.to_be_announced for day in before.days}
    changes = []
    for day in after.days:
        was_pending = announced_before.get(day.date)
        if was_pending and not day.to_be_announced:
            changes.append(Change(ChangeKind.DAY_ANNOUNCED, day))
        elif was_pending is False and day.to_be_announced:
            changes.append(Change(ChangeKind.DAY_POSTPONED, day))
    return changes
