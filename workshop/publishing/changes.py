"""What changed between two agenda snapshots, in terms a participant cares about.

Pure functions over snapshot data (see `snapshot.py`); the wording lives in `wording.py`.
"""

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field


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


@dataclass(frozen=True)
class Change:
    kind: ChangeKind
    subject: Mapping[str, object]
    detail: Mapping[str, object] = field(default_factory=dict)


def compare_snapshots(before, after) -> list[Change]:
    """Return the changes from `before` (or nothing published yet) to `after`, in agenda order."""
    before_sessions = before["sessions"] if before else {}
    after_sessions = after["sessions"]
    changes = _day_changes(before, after) if before else []
    for key, session in after_sessions.items():
        if key not in before_sessions:
            changes.append(Change(ChangeKind.ADDED, session))
        else:
            changes.extend(compare_sessions(before_sessions[key], session))
    for key, session in before_sessions.items():
        if key not in after_sessions:
            changes.append(Change(ChangeKind.REMOVED, session))
    return sorted(changes, key=lambda change: (change.subject["starts_at"], change.kind.value))


def compare_sessions(before, after) -> list[Change]:
    """Return how one session changed between two releases."""
    changes = []
    if (before["starts_at"], before["ends_at"], before["room"]) != (
        after["starts_at"],
        after["ends_at"],
        after["room"],
    ):
        changes.append(
            Change(
                ChangeKind.MOVED,
                after,
                {
                    "from_starts_at": before["starts_at"],
                    "from_ends_at": before["ends_at"],
                    "from_room": before["room"],
                },
            )
        )
    if (before["number"], before["title"]) != (after["number"], after["title"]):
        changes.append(
            Change(ChangeKind.RENAMED, after, {"from_number": before["number"], "from_title": before["title"]})
        )
    if before["format"] != after["format"]:
        changes.append(Change(ChangeKind.REFORMATTED, after, {"from_format": before["format"]}))
    staffing = _staffing_changes(before["people"], after["people"])
    if staffing:
        changes.append(Change(ChangeKind.RESTAFFED, after, {"roles": staffing}))
    if before["items"] != after["items"]:
        changes.append(Change(ChangeKind.ITEMS_CHANGED, after))
    documents = _title_changes(before["documents"], after["documents"])
    if documents["added"] or documents["removed"]:
        changes.append(Change(ChangeKind.DOCUMENTS_CHANGED, after, documents))
    return changes


def _staffing_changes(before, after):
    """Return, per role, the names who joined and left."""
    roles = []
    for role in sorted(set(before) | set(after)):
        names_before = [person["name"] for person in before.get(role, [])]
        names_after = [person["name"] for person in after.get(role, [])]
        joined = [name for name in names_after if name not in names_before]
        left = [name for name in names_before if name not in names_after]
        if joined or left:
            roles.append({"role": role, "joined": joined, "left": left})
    return roles


def _title_changes(before, after):
    titles_before = [document["title"] for document in before]
    titles_after = [document["title"] for document in after]
    return {
        "added": [title for title in titles_after if title not in titles_before],
        "removed": [title for title in titles_before if title not in titles_after],
    }


def _day_changes(before, after):
    announced_before = {day["date"]: day["to_be_announced"] for day in before["days"]}
    changes = []
    for day in after["days"]:
        was_pending = announced_before.get(day["date"])
        if was_pending and not day["to_be_announced"]:
            changes.append(Change(ChangeKind.DAY_ANNOUNCED, {"date": day["date"], "starts_at": day["date"]}))
        elif was_pending is False and day["to_be_announced"]:
            changes.append(Change(ChangeKind.DAY_POSTPONED, {"date": day["date"], "starts_at": day["date"]}))
    return changes
