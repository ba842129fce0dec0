"""Who is coming to a forum: registrations, the forum's registration settings, invitations and session choices."""

import enum
from datetime import datetime

from sqlalchemy import Enum, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from workshop.core.timezones import UTCDateTime, utcnow
from workshop.extensions import db
from workshop.registration.rules import ChoiceStatus, RegistrationMode, RegistrationStatus


class Gender(enum.Enum):
    WOMAN = "woman"
    MAN = "man"
    ANOTHER = "another"
    UNDISCLOSED = "undisclosed"


class Honorific(enum.Enum):
    MX = "mx"
    MS = "ms"
    MR = "mr"
    DR = "dr"
    PROF = "prof"
    EXCELLENCY = "excellency"


class RegistrationSettings(db.Model):
    """How a forum takes registrations: the mode, the dates it is open between, and its places."""

    __tablename__ = "registration_settings"

    id: Mapped[int] = mapped_column(primary_key=True)
    forum_id: Mapped[int] = mapped_column(ForeignKey("forums.id", ondelete="CASCADE"), unique=True)
    mode: Mapped[RegistrationMode] = mapped_column(
        Enum(RegistrationMode, native_enum=False, length=20), default=RegistrationMode.OPEN
    )
    opens_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    closes_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Places in the whole forum; None: no limit.
    capacity: Mapped[int | None]

    forum = relationship("Forum")


class Registration(db.Model):
    """One person's registration for one forum, with what they told us and where it stands.

    Gender, stakeholder group, organisation, country and needs are columns of their own, so that
    the participants desk can filter and count by them; a withdrawn registration keeps only what
    anonymous counts need (`rules.KEPT_AFTER_WITHDRAWAL`).
    """

    __tablename__ = "registrations"
    __table_args__ = (
        UniqueConstraint("forum_id", "email", name="uq_registrations_forum_email"),
        UniqueConstraint("forum_id", "user_id", name="uq_registrations_forum_user"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    forum_id: Mapped[int] = mapped_column(ForeignKey("forums.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    email: Mapped[str | None] = mapped_column(String(254))
    title: Mapped[Honorific | None] = mapped_column(Enum(Honorific, native_enum=False, length=20))
    name: Mapped[str] = mapped_column(String(200), default="")
    organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisations.id", ondelete="SET NULL"), index=True)
    country_code: Mapped[str] = mapped_column(String(2), default="", index=True)
    group_id: Mapped[int | None] = mapped_column(ForeignKey("participant_groups.id", ondelete="SET NULL"), index=True)
    gender: Mapped[Gender | None] = mapped_column(Enum(Gender, native_enum=False, length=20), index=True)
    languages: Mapped[str] = mapped_column(String(60), default="")
    accessibility_needs: Mapped[str] = mapped_column(Text, default="")
    dietary_needs: Mapped[str] = mapped_column(Text, default="")
    listed_publicly: Mapped[bool] = mapped_column(default=False)
    # The language the person registered in: their mail goes in it until their account says otherwise.
    language: Mapped[str] = mapped_column(String(5), default="")
    status: Mapped[RegistrationStatus] = mapped_column(
        Enum(RegistrationStatus, native_enum=False, length=30),
        default=RegistrationStatus.AWAITING_EMAIL_CHECK,
        index=True,
    )
    # Order of arrival among the people admitted to the forum: the waiting list's order.
    arrival_number: Mapped[int | None]
    registered_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    email_checked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    status_changed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    checked_in_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    withdrawn_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    forum = relationship("Forum")
    user = relationship("User")
    organisation = relationship("Organisation")
    group = relationship("ParticipantGroup")
    choices: Mapped[list["SessionChoice"]] = relationship(
        back_populates="registration", cascade="all, delete-orphan", order_by="SessionChoice.id"
    )

    @property
    def language_codes(self):
        return [code for code in self.languages.split(",") if code]


class Invitation(db.Model):
    """An address the secretariat invited to a forum that registers by invitation only."""

    __tablename__ = "registration_invitations"
    __table_args__ = (UniqueConstraint("forum_id", "email", name="uq_registration_invitations_forum_email"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    forum_id: Mapped[int] = mapped_column(ForeignKey("forums.id", ondelete="CASCADE"), index=True)
    email: Mapped[str] = mapped_column(String(254))
    invited_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    invited_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))


class SessionChoice(db.Model):
    """A session a registered person picked: with a place in it, or on its waiting list.

    The choice outlives a deleted session (the session id has no foreign key): the next release
    lists that session as cancelled, and its digest and the person's feed must still know who
    chose it. Such a choice holds no place and is dropped with the registration.
    """

    __tablename__ = "session_choices"
    __table_args__ = (
        UniqueConstraint("registration_id", "session_id", name="uq_session_choices_registration_session"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    registration_id: Mapped[int] = mapped_column(ForeignKey("registrations.id", ondelete="CASCADE"), index=True)
    session_id: Mapped[int] = mapped_column(index=True)
    status: Mapped[ChoiceStatus] = mapped_column(Enum(ChoiceStatus, native_enum=False, length=20))
    # Order of arrival among the people who picked this session: its waiting list's order.
    arrival_number: Mapped[int]
    chosen_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    registration: Mapped[Registration] = relationship(back_populates="choices")
    session = relationship("ForumSession", primaryjoin="foreign(SessionChoice.session_id) == ForumSession.id")
