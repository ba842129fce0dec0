"""Sessions of a forum, the items inside them, loose items of a block, and who is appointed to what."""
import enum
from datetime import datetime
from typing import Optional

from flask_babel import gettext as _
from sqlalchemy import Enum, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

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
    block_id: Mapped[Optional[int]] = mapped_column(ForeignKey("time_blocks.id", ondelete="SET NULL"), index=True)
    number: Mapped[str] = mapped_column(String(20), default="")
    title: Mapped[str] = mapped_column(String(500))
    outputs: Mapped[str] = mapped_column(Text, default="")
    format: Mapped[SessionFormat] = mapped_column(
        Enum(SessionFormat, native_enum=False, length=30), default=SessionFormat.ENGAGEMENT_WORKSHOP
    )
    room_id: Mapped[Optional[int]] = mapped_column(ForeignKey("rooms.id", ondelete="SET NULL"), index=True)
    track_id: Mapped[Optional[int]] = mapped_column(ForeignKey("tracks.id", ondelete="SET NULL"), index=True)
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime)
    capacity: Mapped[Optional[int]]
    # Shown to everyone, but only this group's members may choose it and find it in their own agenda.
    restricted_to_group_id: Mapped[Optional[int]] = mapped_column(
        ForeignKey("participant_groups.id", ondelete="SET NULL"), index=True
    )
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    forum = relationship("Forum")
    block = relationship("TimeBlock", back_populates="sessions")
    room = relationship("Room")
    track = relationship("Track")
    restricted_to_group = relationship("ParticipantGroup")
    items: Mapped[list["SessionItem"]] = relationship(
        back_populates="session", cascade="all, delete-orphan", order_by="SessionItem.position"
    )
    appointments: Mapped[list["Appointment"]] = relationship(
        back_populates="session", cascade="all, delete-orphan", order_by="Appointment.id"
    )
    document_links = relationship(
        "SessionDocument", back_populates="session", cascade="all, delete-orphan", order_by="SessionDocument.position"
    )

    def __str__(self):
        """Name the session as the agenda does, in the reader's language: "Session 2. Title"."""
        return _("Session %(number)s. %(title)s", number=self.number, title=self.title) if self.number else self.title

    def people_with(self, role):
        """Return the users appointed to this session in `role`."""
        return [appointment.user for appointment in self.appointments if appointment.role == role]

    @property
    def facilitators(self):
        return self.people_with(AppointmentRole.FACILITATOR)


class SessionItem(db.Model):
    __tablename__ = "session_items"

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("forum_sessions.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    kind: Mapped[ItemKind] = mapped_column(Enum(ItemKind, native_enum=False, length=30))
    title: Mapped[str] = mapped_column(Text, default="")
    speaker_id: Mapped[Optional[int]] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    duration_minutes: Mapped[Optional[int]]

    session: Mapped[ForumSession] = relationship(back_populates="items")
    speaker = relationship("User")


class BlockItem(db.Model):
    """A loose item of a time block that belongs to no session: remarks, a break, a plenary debate."""

    __tablename__ = "block_items"

    id: Mapped[int] = mapped_column(primary_key=True)
    block_id: Mapped[int] = mapped_column(ForeignKey("time_blocks.id", ondelete="CASCADE"), index=True)
    kind: Mapped[ItemKind] = mapped_column(Enum(ItemKind, native_enum=False, length=30))
    title: Mapped[str] = mapped_column(Text)
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime)
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime)
    speaker_id: Mapped[Optional[int]] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    room_id: Mapped[Optional[int]] = mapped_column(ForeignKey("rooms.id", ondelete="SET NULL"))

    block = relationship("TimeBlock", back_populates="loose_items")
    speaker = relationship("User")
    room = relationship("Room")


class Appointment(db.Model):
    __tablename__ = "appointments"
    __table_args__ = (
        UniqueConstraint("session_id", "user_id", "role", name="uq_appointments_session_user_role"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("forum_sessions.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    role: Mapped[AppointmentRole] = mapped_column(Enum(AppointmentRole, native_enum=False, length=30))

    session: Mapped[ForumSession] = relationship(back_populates="appointments")
    user = relationship("User")
