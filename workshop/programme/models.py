"""Sessions of a forum, the items inside them, loose items of a block, and who is appointed to what."""

import enum
from datetime import datetime

from flask_babel import gettext as _
from sqlalchemy import Enum, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from workshop.core.markdown import render_on_save
from workshop.core.timezones import UTCDateTime, utcnow
from workshop.extensions import db

KEYNOTE_DEFAULT_MINUTES = 5


class ItemKind(enum.Enum):
    OPENING_REMARKS = "opening_remarks"
    WELCOME_REMARKS = "welcome_remarks"
    KEYNOTE = "keynote"
    PRESENTATION = "presentation"
    DEBATE = "debate"
    QUESTIONS = "questions"
    CLOSING_REMARKS = "closing_remarks"
    BREAK = "break"
    OTHER = "other"


class SessionFormat(enum.Enum):
    ENGAGEMENT_WORKSHOP = "engagement_workshop"
    PLENARY = "plenary"
    PANEL = "panel"
    WORKING_SESSION = "working_session"
    SIDE_EVENT = "side_event"


class AppointmentRole(enum.Enum):
    FACILITATOR = "facilitator"
    MODERATOR = "moderator"
    RAPPORTEUR = "rapporteur"
    ORGANISER = "organiser"
    PRESENTER = "presenter"
    KEYNOTE_SPEAKER = "keynote_speaker"


class ForumSession(db.Model):
    """A session of the programme; named so to keep clear of the database and HTTP sessions."""

    __tablename__ = "forum_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    forum_id: Mapped[int] = mapped_column(ForeignKey("forums.id", ondelete="CASCADE"), index=True)
    block_id: Mapped[int | None] = mapped_column(ForeignKey("time_blocks.id", ondelete="SET NULL"), index=True)
    number: Mapped[str] = mapped_column(String(20), default="")
    title: Mapped[str] = mapped_column(String(500))
    outputs: Mapped[str] = mapped_column(Text, default="")
    outputs_html: Mapped[str] = mapped_column(Text, default="")
    format: Mapped[SessionFormat] = mapped_column(
        Enum(SessionFormat, native_enum=False, length=30), default=SessionFormat.ENGAGEMENT_WORKSHOP
    )
    room_id: Mapped[int | None] = mapped_column(ForeignKey("rooms.id", ondelete="SET NULL"), index=True)
    track_id: Mapped[int | None] = mapped_column(ForeignKey("tracks.id", ondelete="SET NULL"), index=True)
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime)
    capacity: Mapped[int | None]
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    # Counts saves: a form sends back the version it was opened on, so that a save over someone else's is caught.
    version: Mapped[int] = mapped_column(default=1, server_default="1")

    forum = relationship("Forum")
    block = relationship("TimeBlock", back_populates="sessions")
    room = relationship("Room")
    track = relationship("Track")
    items: Mapped[list["SessionItem"]] = relationship(
        back_populates="session", cascade="all, delete-orphan", order_by="SessionItem.position"
    )
    appointments: Mapped[list["Appointment"]] = relationship(
        back_populates="session", cascade="all, delete-orphan", order_by="Appointment.id"
    )
    document_links = relationship(
        "SessionDocument", back_populates="session", cascade="all, delete-orphan", order_by="SessionDocument.position"
    )

    # Only a save of the form bumps the version (see `core.versions`); every UPDATE still checks it.
    __mapper_args__ = {"version_id_col": version, "version_id_generator": False}

    def __str__(self):
        """Name the session as the agenda does, in the reader's language: "Session 2. Title"."""
        return _("Session %(number)s. %(title)s", number=self.number, title=self.title) if self.number else self.title

    def people_with(self, role):
        """Return the users appointed to this session in `role`."""
        return [appointment.user for appointment in self.appointments if appointment.role == role]

    @property
    def facilitators(self):
        return self.people_with(AppointmentRole.FACILITATOR)


render_on_save(ForumSession.outputs, "outputs_html")


class SessionItem(db.Model):
    __tablename__ = "session_items"

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("forum_sessions.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    kind: Mapped[ItemKind] = mapped_column(Enum(ItemKind, native_enum=False, length=30))
    title: Mapped[str] = mapped_column(Text, default="")
    speaker_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    # A speaker named without an e-mail address has no account; the name alone is kept and shown.
    speaker_name: Mapped[str] = mapped_column(String(200), default="", server_default="")
    duration_minutes: Mapped[int | None]

    session: Mapped[ForumSession] = relationship(back_populates="items")
    speaker = relationship("User")

    @property
    def speaker_shown(self):
        """Return the name the agenda gives the speaker: their account's, else the name typed in."""
        return self.speaker.name if self.speaker else self.speaker_name


class BlockItem(db.Model):
    """A loose item of a time block that belongs to no session: remarks, a break, a plenary debate."""

    __tablename__ = "block_items"

    id: Mapped[int] = mapped_column(primary_key=True)
    block_id: Mapped[int] = mapped_column(ForeignKey("time_blocks.id", ondelete="CASCADE"), index=True)
    kind: Mapped[ItemKind] = mapped_column(Enum(ItemKind, native_enum=False, length=30))
    title: Mapped[str] = mapped_column(Text)
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime)
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime)
    speaker_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    room_id: Mapped[int | None] = mapped_column(ForeignKey("rooms.id", ondelete="SET NULL"))

    block = relationship("TimeBlock", back_populates="loose_items")
    speaker = relationship("User")
    room = relationship("Room")


class Appointment(db.Model):
    __tablename__ = "appointments"
    __table_args__ = (UniqueConstraint("session_id", "user_id", "role", name="uq_appointments_session_user_role"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("forum_sessions.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    role: Mapped[AppointmentRole] = mapped_column(Enum(AppointmentRole, native_enum=False, length=30))

    session: Mapped[ForumSession] = relationship(back_populates="appointments")
    user = relationship("User")
