"""Write a forum's programme as a programme file: plain data in the documented format (docs/forum-format.md)."""

import json
from collections import defaultdict

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from workshop.accounts.models import ForumRole, ForumRoleName, User
from workshop.core.timezones import local_date, local_time
from workshop.documents.models import Document
from workshop.extensions import db
from workshop.programme_files.validation import FORMAT_KEY, FORMAT_VERSION, FORUM_FIELDS
from workshop.publishing.snapshot import load_sessions


def export_forum(forum):
    """Return the forum's programme as JSON-ready data in the documented programme-file format."""
    zone = forum.timezone
    sessions = load_sessions(forum)
    documents = db.session.scalars(
        select(Document)
        .where(Document.forum_id == forum.id)
        .order_by(Document.id)
        .options(selectinload(Document.organisation), selectinload(Document.translation_of))
    ).all()
    groups = forum.participant_groups
    people = _people_of(forum, sessions, groups)
    organisations = {user.organisation for user in people if user.organisation}
    organisations |= {document.organisation for document in documents if document.organisation}
    organisations |= {member.organisation for group in groups for member in group.members if member.organisation}
    sessions_by_block, sessions_by_date = defaultdict(list), defaultdict(list)
    for session in sessions:
        if session.block_id is not None:
            sessions_by_block[session.block_id].append(session)
        else:
            sessions_by_date[local_date(session.starts_at, zone)].append(session)
    days = [_day_data(day, sessions_by_block, sessions_by_date.pop(day.date, []), zone) for day in forum.days]
    # A session in no block, on a date the forum has no day for, would otherwise be lost.
    days.extend(
        {"date": on.isoformat(), "sessions": [_session_data(session, zone) for session in unplaced]}
        for on, unplaced in sessions_by_date.items()
    )
    return {
        FORMAT_KEY: FORMAT_VERSION,
        "forum": _forum_data(forum),
        "organisations": [_organisation_data(item) for item in sorted(organisations, key=lambda item: item.name)],
        "people": [_person_data(user, forum) for user in people],
        "participant_groups": [_group_data(group) for group in groups],
        "rooms": [{"name": room.name, "capacity": room.capacity} for room in forum.rooms],
        "tracks": [{"name": track.name} for track in forum.tracks],
        "documents": [_document_data(document) for document in documents],
        "days": sorted(days, key=lambda day: day["date"]),
    }


def _people_of(forum, sessions, groups):
    """Return everyone the forum names: role holders, appointees, speakers and group members, by e-mail address."""
    people = set(db.session.scalars(select(User).join(ForumRole).where(ForumRole.forum_id == forum.id)))
    people.update(member.user for group in groups for member in group.members if member.user)
    for session in sessions:
        people.update(appointment.user for appointment in session.appointments)
        people.update(item.speaker for item in session.items if item.speaker)
    for day in forum.days:
        for block in day.blocks:
            people.update(item.speaker for item in block.loose_items if item.speaker)
    return sorted(people, key=lambda user: user.email)


def _forum_data(forum):
    data = {name: getattr(forum, name) for name in FORUM_FIELDS}
    data.update(start_date=forum.start_date.isoformat(), end_date=forum.end_date.isoformat(), status=forum.status.value)
    return data


def _organisation_data(organisation):
    return {
        "name": organisation.name,
        "acronym": organisation.acronym,
        "type": organisation.type.value,
        "country_code": organisation.country_code,
    }


def _person_data(user, forum):
    held = user.roles_in(forum)
    return {
        "email": user.email,
        "name": user.name,
        "job_title": user.job_title,
        "organisation": user.organisation.name if user.organisation else None,
        "country_code": user.country_code,
        "roles": [role.value for role in ForumRoleName if role in held],
    }


def _group_data(group):
    return {
        "name": group.name,
        "stakeholder": group.stakeholder.value if group.stakeholder else None,
        "kind": group.kind.value,
        "quota": group.quota,
        "organisations": sorted(member.organisation.name for member in group.members if member.organisation),
        "people": sorted(member.user.email for member in group.members if member.user),
    }


def _document_data(document):
    return {
        "title": document.title,
        "kind": document.kind.value,
        "organisation": document.organisation.name if document.organisation else None,
        "language": document.language,
        "translation_of": document.translation_of.title if document.translation_of else None,
    }


def _clock(moment, zone):
    return local_time(moment, zone).strftime("%H:%M")


def _day_data(day, sessions_by_block, unblocked_sessions, zone):
    return {
        "date": day.date.isoformat(),
        "title": day.title,
        "to_be_announced": day.to_be_announced,
        "note": day.note,
        "blocks": [
            {
                "label": block.label,
                "starts": _clock(block.starts_at, zone),
                "ends": _clock(block.ends_at, zone),
                "loose_items": [_loose_item_data(item, zone) for item in block.loose_items],
                "sessions": [_session_data(session, zone) for session in sessions_by_block.get(block.id, [])],
            }
            for block in day.blocks
        ],
        "sessions": [_session_data(session, zone) for session in unblocked_sessions],
    }


def _loose_item_data(item, zone):
    return {
        "kind": item.kind.value,
        "title": item.title,
        "starts": _clock(item.starts_at, zone),
        "ends": _clock(item.ends_at, zone),
        "speaker": item.speaker.email if item.speaker else None,
        "room": item.room.name if item.room else None,
    }


def _session_data(session, zone):
    return {
        "number": session.number,
        "title": session.title,
        "outputs": session.outputs,
        "format": session.format.value,
        "room": session.room.name if session.room else None,
        "track": session.track.name if session.track else None,
        "capacity": session.capacity,
        "starts": _clock(session.starts_at, zone),
        "ends": _clock(session.ends_at, zone),
        "items": [
            {
                "kind": item.kind.value,
                "title": item.title,
                "speaker": item.speaker.email if item.speaker else None,
                "duration_minutes": item.duration_minutes,
            }
            for item in session.items
        ],
        "appointments": [
            {"role": appointment.role.value, "person": appointment.user.email} for appointment in session.appointments
        ],
        "documents": [link.document.title for link in session.document_links],
        "restricted_to": session.restricted_to_group.reference if session.restricted_to_group else None,
    }


def programme_file_text(forum):
    """Return the forum's programme file as text: stable key order, two-space indent, accents kept."""
    return json.dumps(export_forum(forum), indent=2, ensure_ascii=False) + "\n"
