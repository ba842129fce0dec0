"""What each session still needs from its facilitator: drafts without a file, conclusions not submitted."""

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from workshop.documents.models import Document, SessionConclusion, SessionDocument
from workshop.extensions import db
from workshop.programme.models import Appointment, AppointmentRole, ForumSession


@dataclass
class SessionProgress:
    """One session's documents and conclusions, and what is missing from them."""

    session: ForumSession
    conclusions: SessionConclusion | None

    @property
    def documents(self):
        return [link.document for link in self.session.document_links]

    @property
    def documents_without_file(self):
        return [document for document in self.documents if document.current_version is None]

    @property
    def conclusions_submitted(self):
        return self.conclusions is not None and self.conclusions.is_submitted

    @property
    def is_complete(self):
        return bool(self.documents) and not self.documents_without_file and self.conclusions_submitted


@dataclass(frozen=True)
class BoardSummary:
    drafts_without_file: int
    sessions_without_draft: int
    conclusions_missing: int


def summarise(progress):
    """Count what is still missing across the sessions of a board."""
    return BoardSummary(
        drafts_without_file=sum(len(entry.documents_without_file) for entry in progress),
        sessions_without_draft=sum(1 for entry in progress if not entry.documents),
        conclusions_missing=sum(1 for entry in progress if not entry.conclusions_submitted),
    )


def _sessions_query(forum):
    return (
        select(ForumSession)
        .where(ForumSession.forum_id == forum.id)
        .order_by(ForumSession.starts_at, ForumSession.number, ForumSession.id)
        .options(
            selectinload(ForumSession.appointments).selectinload(Appointment.user),
            selectinload(ForumSession.document_links)
            .selectinload(SessionDocument.document)
            .selectinload(Document.versions),
        )
    )


def sessions_led_by(user, forum):
    """Return the sessions of `forum` that `user` is appointed to facilitate."""
    led = select(Appointment.session_id).where(
        Appointment.user_id == user.id, Appointment.role == AppointmentRole.FACILITATOR
    )
    return db.session.scalars(_sessions_query(forum).where(ForumSession.id.in_(led))).all()


def all_sessions(forum):
    return db.session.scalars(_sessions_query(forum)).all()


def progress_of(sessions):
    """Return each session's progress, reading all their conclusions in one query."""
    ids = [session.id for session in sessions]
    conclusions = (
        {
            conclusion.session_id: conclusion
            for conclusion in db.session.scalars(
                select(SessionConclusion)
                .where(SessionConclusion.session_id.in_(ids))
                .options(selectinload(SessionConclusion.submitted_by))
            )
        }
        if ids
        else {}
    )
    return [SessionProgress(session, conclusions.get(session.id)) for session in sessions]
