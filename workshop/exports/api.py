"""The published agenda as JSON for the organisers' websites, and its OpenAPI description.

Times are ISO 8601 in the forum's own zone with their offset ("2011-09-26T09:00:00-05:00"), so
that a reader gets the wall-clock time and the exact moment from one value. People come without
their e-mail addresses: the snapshot never holds them.
"""

import json
from datetime import date

from workshop.documents.models import DocumentKind
from workshop.forums.models import AgendaStatus
from workshop.forums.rules import PUBLISHED_FORUM_FIELDS
from workshop.programme.models import AppointmentRole, ItemKind, SessionFormat
from workshop.publishing.layout import agenda_days

API_VERSION = "1.1.0"
PERSON_FIELDS = ("id", "name", "job_title", "organisation", "organisation_acronym", "country_code")


def agenda_document(snapshot, links):
    """Return the agenda of a release (a typed snapshot of a stored release) as plain JSON-ready data."""
    forum, release = snapshot.forum, snapshot.release
    zone = forum.zone
    people, documents = {}, {}
    sessions = [
        _session(session, forum, zone, links, people, documents, snapshot.document_versions)
        for session in snapshot.sessions.values()
    ]
    days = [_day(day, people) for day in agenda_days(snapshot)]
    return {
        "forum": {name: _published(getattr(forum, name)) for name in PUBLISHED_FORUM_FIELDS},
        "release": {
            "number": release.number,
            "status": "final" if release.is_final else "preliminary",
            "published_at": release.published_at.astimezone(zone).isoformat(),
        },
        "days": days,
        "sessions": sorted(sessions, key=lambda session: (session["starts_at"], session["number"], session["id"])),
        "cancelled_sessions": [
            {
                "id": session.id,
                "number": session.number,
                "title": session.title,
                "starts_at": _local(session.starts_at, zone),
                "ends_at": _local(session.ends_at, zone),
            }
            for session in snapshot.cancelled.values()
        ],
        "people": sorted(people.values(), key=lambda person: (person["name"], person["id"])),
        "rooms": [{"id": room.id, "name": room.name, "capacity": room.capacity} for room in snapshot.rooms],
        "tracks": [{"id": track.id, "name": track.name} for track in snapshot.tracks],
        "documents": sorted(documents.values(), key=lambda document: document["id"]),
    }


def agenda_json(snapshot, links):
    """Return the agenda document as UTF-8 JSON bytes."""
    return json.dumps(agenda_document(snapshot, links), ensure_ascii=False, indent=1).encode("utf-8")


def _local(moment, zone):
    return moment.astimezone(zone).isoformat()


def _published(value):
    """Return a forum field as the stored snapshot writes it: dates as ISO text."""
    return value.isoformat() if isinstance(value, date) else value


def _person_id(person, people):
    """Remember a person for the `people` list and return the id that refers to them."""
    people.setdefault(person.id, {name: getattr(person, name) for name in PERSON_FIELDS})
    return person.id


def _speaker_id(speaker, people):
    """Return the person id of an item's speaker; a speaker known by name only has none."""
    return _person_id(speaker, people) if speaker and speaker.id is not None else None


def _current_version(document_id, forum, links, versions):
    """Describe the version of a document the release names, or None (no file yet, or a release from before)."""
    version = versions.get(document_id)
    if version is None:
        return None
    return {
        "number": version.number,
        "url": links.version_url(forum.slug, document_id, version.number),
        "size": version.size,
        "media_type": version.media_type,
        "sha256": version.sha256,
    }


def _session(session, forum, zone, links, people, documents, versions):
    for document in session.documents:
        documents.setdefault(
            document.id,
            {
                "id": document.id,
                "title": document.title,
                "kind": document.kind,
                "organisation": document.organisation,
                "url": links.document_url(forum.slug, document.id),
                "current_version": _current_version(document.id, forum, links, versions),
            },
        )
    return {
        "id": session.id,
        "number": session.number,
        "title": session.title,
        "outputs": session.outputs,
        "format": session.format,
        "block_id": session.block_id,
        "room_id": session.room_id,
        "track_id": session.track_id,
        "starts_at": _local(session.starts_at, zone),
        "ends_at": _local(session.ends_at, zone),
        "people": {
            role: [_person_id(person, people) for person in appointed] for role, appointed in session.people.items()
        },
        "items": [
            {
                "kind": item.kind,
                "title": item.title,
                "speaker_id": _speaker_id(item.speaker, people),
                "speaker_name": item.speaker.name if item.speaker else None,
                "duration_minutes": item.duration_minutes,
            }
            for item in session.items
        ],
        "document_ids": [document.id for document in session.documents],
        "sequence": session.sequence,
        "last_modified": session.last_modified.isoformat(),
        "url": links.session_url(forum.slug, session.id),
    }


def _day(day, people):
    return {
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
                "entries": [_entry(entry, people) for entry in block.entries],
                "document_ids": [document.id for document in block.documents],
            }
            for block in day.blocks
        ],
    }


def _entry(entry, people):
    if entry.is_session:
        return {"type": "session", "session_id": entry.data.id}
    item = entry.data
    return {
        "type": "item",
        "id": item.id,
        "kind": item.kind,
        "title": item.title,
        "starts_at": entry.starts_at.isoformat(),
        "ends_at": entry.ends_at.isoformat(),
        "speaker_id": _person_id(item.speaker, people) if item.speaker else None,
        "room": item.room,
    }


def _object(properties, required=None, nullable=()):
    """Return a JSON Schema object whose properties are all required unless told otherwise."""
    return {
        "type": "object",
        "properties": {
            name: ({**schema, "type": [schema["type"], "null"]} if name in nullable else schema)
            for name, schema in properties.items()
        },
        "required": list(properties) if required is None else required,
    }


STRING = {"type": "string"}
INTEGER = {"type": "integer"}
MOMENT = {"type": "string", "format": "date-time", "description": "Forum-local time with its UTC offset."}
DAY = {"type": "string", "format": "date"}
IDS = {"type": "array", "items": INTEGER}
ITEM_KINDS = [kind.value for kind in ItemKind]
ROLES = [role.value for role in AppointmentRole]

SCHEMAS = {
    "Forum": _object(
        {
            "slug": STRING,
            "title": STRING,
            "subtitle": STRING,
            "city": STRING,
            "country_code": {"type": "string", "description": "ISO 3166-1 alpha-2, or empty."},
            "venue": STRING,
            "timezone": {"type": "string", "description": "IANA time zone, e.g. America/Bogota."},
            "start_date": DAY,
            "end_date": DAY,
            "convened_by": STRING,
            "facilitated_by": STRING,
            "agenda_note": STRING,
        }
    ),
    "Release": _object(
        {
            "number": INTEGER,
            "status": {"type": "string", "enum": [status.value for status in AgendaStatus]},
            "published_at": MOMENT,
        }
    ),
    "Entry": {
        "oneOf": [
            _object({"type": {"const": "session"}, "session_id": INTEGER}),
            _object(
                {
                    "type": {"const": "item"},
                    "id": INTEGER,
                    "kind": {"type": "string", "enum": ITEM_KINDS},
                    "title": STRING,
                    "starts_at": MOMENT,
                    "ends_at": MOMENT,
                    "speaker_id": INTEGER,
                    "room": STRING,
                },
                nullable=("speaker_id",),
            ),
        ],
    },
    "Block": _object(
        {
            "id": INTEGER,
            "label": STRING,
            "starts_at": MOMENT,
            "ends_at": MOMENT,
            "entries": {"type": "array", "items": {"$ref": "#/components/schemas/Entry"}},
            "document_ids": {**IDS, "description": "The block's draft documents for discussion, in order."},
        },
        nullable=("id",),
    ),
    "Day": _object(
        {
            "date": DAY,
            "title": STRING,
            "to_be_announced": {"type": "boolean"},
            "note": STRING,
            "blocks": {"type": "array", "items": {"$ref": "#/components/schemas/Block"}},
        }
    ),
    "SessionItem": _object(
        {
            "kind": {"type": "string", "enum": ITEM_KINDS},
            "title": STRING,
            "speaker_id": INTEGER,
            "speaker_name": {
                "type": "string",
                "description": "The speaker's name, with or without an entry in `people`.",
            },
            "duration_minutes": INTEGER,
        },
        nullable=("speaker_id", "speaker_name", "duration_minutes"),
    ),
    "Session": _object(
        {
            "id": INTEGER,
            "number": STRING,
            "title": STRING,
            "outputs": {"type": "string", "description": "Markdown."},
            "format": {"type": "string", "enum": [session_format.value for session_format in SessionFormat]},
            "block_id": INTEGER,
            "room_id": INTEGER,
            "track_id": INTEGER,
            "starts_at": MOMENT,
            "ends_at": MOMENT,
            "people": {
                "type": "object",
                "description": "Person ids (see `people`) by role.",
                "properties": {role: IDS for role in ROLES},
                "additionalProperties": IDS,
            },
            "items": {"type": "array", "items": {"$ref": "#/components/schemas/SessionItem"}},
            "document_ids": IDS,
            "sequence": {"type": "integer", "description": "Grows by one each release in which the session changed."},
            "last_modified": {"type": "string", "format": "date-time"},
            "url": {"type": "string", "format": "uri"},
        },
        nullable=("block_id", "room_id", "track_id"),
    ),
    "CancelledSession": _object(
        {
            "id": INTEGER,
            "number": STRING,
            "title": STRING,
            "starts_at": MOMENT,
            "ends_at": MOMENT,
        }
    ),
    "Person": _object(
        {
            "id": INTEGER,
            "name": STRING,
            "job_title": STRING,
            "organisation": STRING,
            "organisation_acronym": STRING,
            "country_code": STRING,
        }
    ),
    "Room": _object({"id": INTEGER, "name": STRING, "capacity": INTEGER}),
    "Track": _object({"id": INTEGER, "name": STRING}),
    "Document": _object(
        {
            "id": INTEGER,
            "title": STRING,
            "kind": {"type": "string", "enum": [kind.value for kind in DocumentKind]},
            "organisation": STRING,
            "url": {"type": "string", "format": "uri", "description": "Download page of the current version."},
            "current_version": {
                "oneOf": [{"$ref": "#/components/schemas/DocumentVersion"}, {"type": "null"}],
                "description": "The version current when the release was published; null before any upload.",
            },
        }
    ),
    "DocumentVersion": _object(
        {
            "number": {"type": "integer", "minimum": 1},
            "url": {"type": "string", "format": "uri", "description": "Download of this version's file."},
            "size": {"type": "integer", "minimum": 0, "description": "In bytes."},
            "media_type": {"type": "string", "description": "The file's media type."},
            "sha256": {"type": "string", "pattern": "^[0-9a-f]{64}$", "description": "Hex SHA-256 of the file."},
        }
    ),
}
SCHEMAS["Error"] = _object({"error": _object({"status": INTEGER, "title": STRING, "description": STRING})})
SCHEMAS["Agenda"] = _object(
    {
        "forum": {"$ref": "#/components/schemas/Forum"},
        "release": {"$ref": "#/components/schemas/Release"},
        **{
            name: {"type": "array", "items": {"$ref": f"#/components/schemas/{schema}"}}
            for name, schema in (
                ("days", "Day"),
                ("sessions", "Session"),
                ("cancelled_sessions", "CancelledSession"),
                ("people", "Person"),
                ("rooms", "Room"),
                ("tracks", "Track"),
                ("documents", "Document"),
            )
        },
    }
)


def openapi_document(server_url):
    """Return the OpenAPI 3.1 description of the agenda API served at `server_url`."""
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Workshop agenda API",
            "version": API_VERSION,
            "description": "The published agenda of a forum: days, time blocks, sessions, items, people, rooms, "
            "tracks and draft documents. Read-only; see docs/api.md.",
        },
        "servers": [{"url": server_url}],
        "paths": {
            "/api/v1/forums/{slug}/agenda": {
                "get": {
                    "operationId": "getAgenda",
                    "summary": "The latest published release of a forum's agenda",
                    "parameters": [
                        {
                            "name": "slug",
                            "in": "path",
                            "required": True,
                            "schema": {"type": "string", "pattern": "^[^/]+$"},
                        },
                        {"name": "If-None-Match", "in": "header", "required": False, "schema": STRING},
                    ],
                    "responses": {
                        "200": {
                            "description": "The agenda.",
                            "headers": {
                                "ETag": {"schema": STRING},
                                "Last-Modified": {"schema": STRING},
                                "Workshop-Release": {
                                    "schema": STRING,
                                    "description": "Sent with the previous release's agenda while the latest "
                                    "one's is being built (no ETag then).",
                                },
                                "Workshop-Latest-Release": {"schema": STRING},
                            },
                            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Agenda"}}},
                        },
                        "304": {"description": "The copy named by If-None-Match or If-Modified-Since is current."},
                        "503": {
                            "description": "The latest release's agenda is being built and no earlier one is "
                            "stored; ask again after Retry-After seconds.",
                            "headers": {"Retry-After": {"schema": STRING}},
                        },
                        "404": {
                            "description": "No such forum, no release yet, or a forum you have no role in.",
                            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
                        },
                    },
                },
            },
        },
        "components": {"schemas": SCHEMAS},
    }
