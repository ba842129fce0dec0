"""The programme of a forum: its days and time blocks, sessions, the items inside them, loose items, appointments."""

from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import Enum, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, backref, mapped_column, relationship

from workshop.accounts.models import User
from workshop.core.markdown import render_on_save
from workshop.core.names import session_name
from workshop.core.timezones import UTCDateTime, utcnow
from workshop.extensions import db
from workshop.forums.models import Forum, ParticipantGroup, Room, Track
from workshop.programme.rules import AppointmentRole, ItemKind, SessionFormat

if TYPE_CHECKING:
    from workshop.documents.models import SessionDocument


class ForumDay(db.Model):
    __tablename__ = "forum_days"
    __table_args__ = (UniqueConstraint("forum_id", "date", name="uq_forum_days_forum_date"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    forum_id: Mapped[int] = mapped_column(ForeignKey("forums.id", ondelete="CASCADE"), index=True)
    date: Mapped[date]
    title: Mapped[str] = mapped_column(String(200), default="")
    to_be_announced: Mapped[bool] = mapped_column(default=False)
    note: Mapped[str] = mapped_column(Text, default="")

    # The forum lists its days, but only the programme knows them: the forum model names no part of the programme.
    forum: Mapped[Forum] = relationship(backref=backref("days", cascade="all, delete-orphan", order_by="ForumDay.date"))
    blocks: Mapped[list["TimeBlock"]] = relationship(
        back_populates="day", cascade="all, delete-orphan", order_by="TimeBlock.starts_at"
    )


class TimeBlock(db.Model):
    __tablename__ = "time_blocks"

    id: Mapped[int] = mapped_column(primary_key=True)
    day_id: Mapped[int] = mapped_column(ForeignKey("forum_days.id", ondelete="CASCADE"), index=True)
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime)
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime)
    label: Mapped[str] = mapped_column(String(200), default="")

    day: Mapped[ForumDay] = relationship(back_populates="blocks")
    loose_items: Mapped[list["BlockItem"]] = relationship(
        back_populates="block", cascade="all, delete-orphan", order_by="BlockItem.starts_at"
    )
    sessions: Mapped[list["ForumSession"]] = relationship(back_populates="block", order_by="ForumSession.starts_at")

    @property
    def forum(self):
        return self.day.forum


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
    # The languages interpreted into others during the session, source first ("en>es,es>en": forums.rules).
    interpretation: Mapped[str] = mapped_column(String(60), default="", server_default="")
    # Shown to everyone, but only this group's members may choose it and find it in their own agenda.
    restricted_to_group_id: Mapped[int | None] = mapped_column(
        ForeignKey("participant_groups.id", ondelete="SET NULL"), index=True
    )
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    # Counts saves: a form sends back the version it was opened on, so that a save over someone else's is caught.
    version: Mapped[int] = mapped_column(default=1, server_default="1")

    # The forum lists its sessions (read-only); the forum model names no part of the programme.
    forum: Mapped[Forum] = relationship(backref=backref("sessions", viewonly=True))
    block: Mapped[TimeBlock | None] = relationship(back_populates="sessions")
    room: Mapped[Room | None] = relationship()
    track: Mapped[Track | None] = relationship()
    restricted_to_group: Mapped[ParticipantGroup | None] = relationship()
    items: Mapped[list["SessionItem"]] = relationship(
        back_populates="session", cascade="all, delete-orphan", order_by="SessionItem.position"
    )
    appointments: Mapped[list["Appointment"]] = relationship(
        back_populates="session", cascade="all, delete-orphan", order_by="Appointment.id"
    )
    document_links: Mapped[list["SessionDocument"]] = relationship(
        back_populates="session", cascade="all, delete-orphan", order_by="SessionDocument.position"
    )

    # Only a save of the form bumps the version (see `core.versions`); every UPDATE still checks it.
    __mapper_args__ = {"version_id_col": version, "version_id_generator": False}

    def __str__(self):
        """Name the session as the agenda does, in the reader's language: "Session 2. Title"."""
        return session_name(self.number, self.title)

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
    speaker: Mapped[User | None] = relationship()

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

    block: Mapped[TimeBlock] = relationship(back_populates="loose_items")
    speaker: Mapped[User | None] = relationship()
    room: Mapped[Room | None] = relationship()


class Appointment(db.Model):
    __tablename__ = "appointments"
    __table_args__ = (UniqueConstraint("session_id", "user_id", "role", name="uq_appointments_session_user_role"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("forum_sessions.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    role: Mapped[AppointmentRole] = mapped_column(Enum(AppointmentRole, native_enum=False, length=30))

    session: Mapped[ForumSession] = relationship(back_populates="appointments")
    user: Mapped[User] = relationship()
