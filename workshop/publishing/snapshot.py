"""Freeze a forum's programme into plain data: what a release keeps and every output reads."""

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from workshop.accounts.models import User
from workshop.documents.models import Document, DocumentVersion, SessionDocument
from workshop.extensions import db
from workshop.forums.rules import PUBLISHED_FORUM_FIELDS, interpretation_pairs
from workshop.programme.models import (
    Appointment,
    AppointmentRole,
    BlockItem,
    ForumDay,
    ForumSession,
    SessionItem,
    TimeBlock,
)

SNAPSHOT_FORMAT = 1
# Fields that make a session "the same event" for calendars; any change bumps its sequence.
BOOKKEEPING_FIELDS = ("sequence", "last_modified")


def build_snapshot(forum, sessions=None):
    """Return the forum's current programme as JSON-ready data; `sessions` if `load_sessions` gave them already."""
    if sessions is None:
        sessions = load_sessions(forum)
    days = db.session.scalars(
        select(ForumDay)
        .where(ForumDay.forum_id == forum.id)
        .order_by(ForumDay.date)
        .options(
            selectinload(ForumDay.blocks)
            .selectinload(TimeBlock.loose_items)
            .selectinload(BlockItem.speaker)
            .selectinload(User.organisation),
            selectinload(ForumDay.blocks).selectinload(TimeBlock.loose_items).selectinload(BlockItem.room),
        )
    ).all()
    sessions_by_block = {}
    for session in sessions:
        sessions_by_block.setdefault(session.block_id, []).append(session.id)
    return {
        "format": SNAPSHOT_FORMAT,
        "forum": _forum_data(forum),
        "tracks": [{"id": track.id, "name": track.name} for track in forum.tracks],
        "rooms": [{"id": room.id, "name": room.name, "capacity": room.capacity} for room in forum.rooms],
        "days": [_day_data(day, sessions_by_block) for day in days],
        "sessions": {str(session.id): session_data(session) for session in sessions},
        "cancelled": {},
        "cancelled_items": {},
        "document_versions": current_versions(sessions),
    }


def current_versions(sessions):
    """Return the current version of each document the sessions table, by document id as text.

    Kept apart from the sessions, so that a new upload does not make calendars see a changed session.
    A release names a version by number: the file at its download URL never changes, so its size and
    checksum stay true however many versions follow.
    """
    document_ids = {link.document_id for session in sessions for link in session.document_links}
    versions = db.session.scalars(
        select(DocumentVersion)
        .where(DocumentVersion.document_id.in_(document_ids))
        .order_by(DocumentVersion.document_id, DocumentVersion.number)
    )
    return {
        str(version.document_id): {
            "number": version.number,
            "size": version.size,
            "media_type": version.media_type,
            "sha256": version.sha256,
        }
        for version in versions
    }


def load_sessions(forum):
    """Return the forum's sessions in agenda order, with everything an agenda says of them loaded at once."""
    return db.session.scalars(
        select(ForumSession)
        .where(ForumSession.forum_id == forum.id)
        .order_by(ForumSession.starts_at, ForumSession.number, ForumSession.id)
        .options(
            selectinload(ForumSession.room),
            selectinload(ForumSession.track),
            selectinload(ForumSession.block),
            selectinload(ForumSession.restricted_to_group),
            selectinload(ForumSession.items).selectinload(SessionItem.speaker).selectinload(User.organisation),
            selectinload(ForumSession.appointments).selectinload(Appointment.user).selectinload(User.organisation),
            selectinload(ForumSession.document_links)
            .selectinload(SessionDocument.document)
            .selectinload(Document.organisation),
        )
    ).all()


def _forum_data(forum):
    data = {name: getattr(forum, name) for name in (*PUBLISHED_FORUM_FIELDS, "is_public")}
    data.update(
        start_date=forum.start_date.isoformat(),
        end_date=forum.end_date.isoformat(),
        working_languages=forum.working_language_codes,
    )
    return data


def _day_data(day, sessions_by_block):
    return {
        "id": day.id,
        "date": day.date.isoformat(),
        "title": day.title,
        "to_be_announced": day.to_be_announced,
        "note": day.note,
        "blocks": [
            {
                "id": block.id,
                "label": block.label,
                "starts_at": block.starts_at.isoformat(),
                "ends_at": block.ends_at.isoformat(),
                "loose_items": [_loose_item_data(item) for item in block.loose_items],
                "session_ids": sessions_by_block.get(block.id, []),
            }
            for block in day.blocks
        ],
    }


def _loose_item_data(item):
    return {
        "id": item.id,
        "kind": item.kind.value,
        "title": item.title,
        "starts_at": item.starts_at.isoformat(),
        "ends_at": item.ends_at.isoformat(),
        "speaker": person_data(item.speaker) if item.speaker else None,
        "room": item.room.name if item.room else "",
    }


def person_data(user):
    """Return what the agenda says of a person: never their e-mail address."""
    return {
        "id": user.id,
        "name": user.name,
        "job_title": user.job_title,
        "organisation": user.organisation.name if user.organisation else "",
        "organisation_acronym": user.organisation.acronym if user.organisation else "",
        "country_code": user.country_code,
    }


def named_person_data(name):
    """Return what the agenda says of a speaker known by name only: no account, so no id."""
    return {
        "id": None,
        "name": name,
        "job_title": "",
        "organisation": "",
        "organisation_acronym": "",
        "country_code": "",
    }


def item_speaker_data(item):
    """Return the speaker of a session item: their account's details, their name alone, or None."""
    if item.speaker:
        return person_data(item.speaker)
    return named_person_data(item.speaker_name) if item.speaker_name else None


def session_data(session):
    """Return one session as the agenda shows it."""
    people = {role.value: [] for role in AppointmentRole}
    for appointment in session.appointments:
        people[appointment.role.value].append(person_data(appointment.user))
    data = {
        "id": session.id,
        "number": session.number,
        "title": session.title,
        "outputs": session.outputs,
        "outputs_html": session.outputs_html,
        "format": session.format.value,
        "block_id": session.block_id,
        "room_id": session.room_id,
        "room": session.room.name if session.room else "",
        "track_id": session.track_id,
        "track": session.track.name if session.track else "",
        "starts_at": session.starts_at.isoformat(),
        "ends_at": session.ends_at.isoformat(),
        "people": people,
        "items": [
            {
                "kind": item.kind.value,
                "title": item.title,
                "speaker": item_speaker_data(item),
                "duration_minutes": item.duration_minutes,
            }
            for item in session.items
        ],
        "documents": [
            {
                "id": link.document.id,
                "title": link.document.title,
                "kind": link.document.kind.value,
                "organisation": link.document.organisation.name if link.document.organisation else "",
            }
            for link in session.document_links
        ],
    }
    # Only restricted or interpreted sessions carry these keys, so that adding them left every other
    # session's revision as it was.
    if session.restricted_to_group is not None:
        data["restricted_to"] = group_data(session.restricted_to_group)
    if session.interpretation:
        data["interpretation"] = [list(pair) for pair in interpretation_pairs(session.interpretation)]
    return data


def group_data(group):
    """Return what the agenda says of a participant group: its id, and its stakeholder value or its name."""
    return {"id": group.id, "stakeholder": group.stakeholder.value if group.stakeholder else None, "name": group.name}


def stamp_revisions(snapshot, previous, now_iso):
    """Carry each session's and loose item's calendar sequence forward, bumping it only where it changed.

    Sessions and loose items that were in the previous release and are gone now are kept as
    cancelled, so that calendars that subscribed to them learn of the cancellation instead of
    losing the event.
    """
    previous = previous or {}
    snapshot["cancelled"] = _stamp(
        snapshot["sessions"], previous.get("sessions", {}), previous.get("cancelled", {}), now_iso
    )
    snapshot["cancelled_items"] = _stamp(
        loose_items_by_id(snapshot), loose_items_by_id(previous), previous.get("cancelled_items", {}), now_iso
    )
    return snapshot


def loose_items_by_id(snapshot):
    """Return the loose items of every block of a snapshot, keyed by their id as text."""
    return {
        str(item["id"]): item
        for day in snapshot.get("days", [])
        for block in day["blocks"]
        for item in block["loose_items"]
    }


def _stamp(entries, previous_entries, previous_cancelled, now_iso):
    """Stamp `entries` (changed in place) against the previous release; return what is cancelled now."""
    for key, entry in entries.items():
        before = previous_entries.get(key) or previous_cancelled.get(key)
        if before is None:
            entry.update(sequence=0, last_modified=now_iso)
        elif key in previous_cancelled or _content(before) != _content(entry):
            entry.update(sequence=before["sequence"] + 1, last_modified=now_iso)
        else:
            entry.update(sequence=before["sequence"], last_modified=before["last_modified"])
    cancelled = {key: entry for key, entry in previous_cancelled.items() if key not in entries}
    for key, entry in previous_entries.items():
        if key not in entries:
            cancelled[key] = {**entry, "sequence": entry["sequence"] + 1, "last_modified": now_iso}
    return cancelled


def _content(entry):
    return {name: value for name, value in entry.items() if name not in BOOKKEEPING_FIELDS}
