"""Write a forum at a given scale of a high-level forum (3,000 participants, 400 sessions, 600 documents).

Five days and eight rooms at every scale; participants, sessions and documents grow with it.
Run inside an application context on a migrated, empty database.
"""

import io
import math
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from workshop.accounts.models import ForumRole, ForumRoleName, User
from workshop.demo.sample_files import make_docx
from workshop.documents import services as document_services
from workshop.documents.models import Document, SessionDocument
from workshop.extensions import db
from workshop.forums.models import Forum, Room, Track
from workshop.programme.models import (
    Appointment,
    AppointmentRole,
    ForumDay,
    ForumSession,
    ItemKind,
    SessionItem,
    TimeBlock,
)
from workshop.publishing.services import publish_release

FULL_SCALE = {"participants": 3000, "sessions": 400, "documents": 600}
DAYS, ROOMS, TRACKS = 5, 8, 4
BLOCK_STARTS = (time(9, 0), time(14, 0))
BLOCK_MINUTES, SESSION_MINUTES = 210, 40
SLUG = "bench-forum"
SECRETARIAT_EMAIL = "secretariat@bench.test"
SECRETARIAT_PASSWORD = "bench-password"
FIRST_DAY = date(2031, 6, 2)


@dataclass
class BuiltForum:
    slug: str
    session_ids: list
    feed_token: str
    download_path: str


def counts_for(scale):
    return {name: max(1, round(count * scale)) for name, count in FULL_SCALE.items()}


def utc(day, clock):
    return datetime.combine(day, clock, tzinfo=UTC)


def build_forum(scale):
    """Write the forum, its people, sessions with items and appointments, documents; publish release 1."""
    counts = counts_for(scale)
    secretariat = User(email=SECRETARIAT_EMAIL, name="Bench Secretariat")
    secretariat.set_password(SECRETARIAT_PASSWORD)
    forum = Forum(
        slug=SLUG,
        title="Benchmark forum",
        start_date=FIRST_DAY,
        end_date=FIRST_DAY + timedelta(days=DAYS - 1),
        timezone="UTC",
        is_public=True,
        objective="A forum at the scale of a high-level event.",
    )
    db.session.add_all([secretariat, forum, ForumRole(user=secretariat, forum=forum, role=ForumRoleName.SECRETARIAT)])
    participants = [
        User(email=f"participant{n}@bench.test", name=f"Participant {n}") for n in range(counts["participants"])
    ]
    db.session.add_all(participants)
    db.session.add_all(ForumRole(user=user, forum=forum, role=ForumRoleName.PARTICIPANT) for user in participants)
    rooms = [Room(forum=forum, name=f"Room {n + 1}", capacity=100) for n in range(ROOMS)]
    tracks = [Track(forum=forum, name=f"Track {n + 1}", position=n) for n in range(TRACKS)]
    days = [ForumDay(forum=forum, date=FIRST_DAY + timedelta(days=n)) for n in range(DAYS)]
    blocks = [
        TimeBlock(
            day=day,
            starts_at=utc(day.date, start),
            ends_at=utc(day.date, start) + timedelta(minutes=BLOCK_MINUTES),
            label=f"Block {start:%H:%M}",
        )
        for day in days
        for start in BLOCK_STARTS
    ]
    db.session.add_all(rooms + tracks + days + blocks)
    sessions = add_sessions(forum, blocks, rooms, tracks, participants, counts["sessions"])
    add_documents(forum, sessions, counts["documents"])
    db.session.flush()
    downloadable = add_downloadable_version(secretariat, sessions[0])
    publish_release(secretariat, forum, "preliminary")
    db.session.commit()
    return BuiltForum(
        slug=SLUG,
        session_ids=[session.id for session in sessions],
        feed_token=participants[0].feed_token,
        download_path=f"/f/{SLUG}/documents/{downloadable.document_id}/versions/{downloadable.number}/download",
    )


def add_sessions(forum, blocks, rooms, tracks, participants, count):
    """Spread sessions over blocks and rooms, back to back; each has three items, a facilitator and a rapporteur."""
    per_room = math.ceil(count / (len(blocks) * len(rooms)))
    sessions = []
    for number in range(count):
        slot, position = divmod(number, per_room)
        block, room = blocks[slot // len(rooms)], rooms[slot % len(rooms)]
        starts_at = block.starts_at + timedelta(minutes=position * SESSION_MINUTES)
        session = ForumSession(
            forum=forum,
            block=block,
            room=room,
            track=tracks[number % len(tracks)],
            number=str(number + 1),
            title=f"Session {number + 1}: cooperation in practice",
            outputs="A short list of **recommendations**.",
            starts_at=starts_at,
            ends_at=starts_at + timedelta(minutes=SESSION_MINUTES),
        )
        session.items = [
            SessionItem(position=0, kind=ItemKind.KEYNOTE, title="Keynote", duration_minutes=5),
            SessionItem(position=1, kind=ItemKind.PRESENTATION, title="Case study", duration_minutes=15),
            SessionItem(position=2, kind=ItemKind.DEBATE, title="Debate", duration_minutes=15),
        ]
        session.appointments = [
            Appointment(user=participants[(2 * number) % len(participants)], role=AppointmentRole.FACILITATOR),
            Appointment(user=participants[(2 * number + 1) % len(participants)], role=AppointmentRole.RAPPORTEUR),
        ]
        sessions.append(session)
    db.session.add_all(sessions)
    return sessions


def add_documents(forum, sessions, count):
    documents = [Document(forum=forum, title=f"Draft paper {n + 1}") for n in range(count)]
    db.session.add_all(documents)
    db.session.add_all(
        SessionDocument(session=sessions[n % len(sessions)], document=document, position=n // len(sessions))
        for n, document in enumerate(documents)
    )


def add_downloadable_version(actor, session):
    """Give one tabled document a real file, for the burst of concurrent downloads."""
    return document_services.table_new_document(
        actor,
        session,
        "Draft with a file",
        "paper",
        "en",
        io.BytesIO(make_docx("Draft with a file", ["A paragraph."] * 200)),
        "draft.docx",
        "preliminary",
    )
