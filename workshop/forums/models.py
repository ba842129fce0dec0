"""A forum and the frame its programme hangs on."""
import enum
from datetime import date, datetime
from typing import Optional

from sqlalchemy import CheckConstraint, Enum, ForeignKey, Index, String, Text, UniqueConstraint, event, text
from sqlalchemy.orm import Mapped, backref, mapped_column, relationship

from workshop.core.timezones import UTCDateTime, utcnow
from workshop.extensions import db


class AgendaStatus(enum.Enum):
    PRELIMINARY = "preliminary"
    FINAL = "final"


class OrganisationType(enum.Enum):
    GOVERNMENT = "government"
    UN_AGENCY = "un_agency"
    DEVELOPMENT_BANK = "development_bank"
    REGIONAL_BODY = "regional_body"
    CIVIL_SOCIETY = "civil_society"
    ACADEMIA = "academia"
    PRIVATE_SECTOR = "private_sector"
    OTHER = "other"


class Organisation(db.Model):
    """An organisation of the shared directory (no forum), or one a forum's secretariat added for that forum."""

    __tablename__ = "organisations"
    __table_args__ = (
        # A name is listed once in the shared directory, and once more at most in each forum.
        Index("uq_organisations_shared_name", "name", unique=True,
              sqlite_where=text("forum_id IS NULL"), postgresql_where=text("forum_id IS NULL")),
        Index("uq_organisations_forum_name", "forum_id", "name", unique=True,
              sqlite_where=text("forum_id IS NOT NULL"), postgresql_where=text("forum_id IS NOT NULL")),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    forum_id: Mapped[Optional[int]] = mapped_column(ForeignKey("forums.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(300))
    acronym: Mapped[str] = mapped_column(String(40), default="")
    type: Mapped[OrganisationType] = mapped_column(
        Enum(OrganisationType, native_enum=False, length=30), default=OrganisationType.OTHER
    )
    country_code: Mapped[str] = mapped_column(String(2), default="")

    def __str__(self):
        return f"{self.name} ({self.acronym})" if self.acronym else self.name


class Forum(db.Model):
    __tablename__ = "forums"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    title: Mapped[str] = mapped_column(String(300))
    subtitle: Mapped[str] = mapped_column(String(300), default="")
    city: Mapped[str] = mapped_column(String(120), default="")
    country_code: Mapped[str] = mapped_column(String(2), default="")
    venue: Mapped[str] = mapped_column(String(300), default="")
    start_date: Mapped[date]
    end_date: Mapped[date]
    timezone: Mapped[str] = mapped_column(String(64))
    convened_by: Mapped[str] = mapped_column(String(300), default="")
    facilitated_by: Mapped[str] = mapped_column(String(300), default="")
    objective: Mapped[str] = mapped_column(Text, default="")
    background: Mapped[str] = mapped_column(Text, default="")
    participants_text: Mapped[str] = mapped_column(Text, default="")
    methodology: Mapped[str] = mapped_column(Text, default="")
    agenda_note: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[AgendaStatus] = mapped_column(
        Enum(AgendaStatus, native_enum=False, length=20), default=AgendaStatus.PRELIMINARY
    )
    is_public: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    days: Mapped[list["ForumDay"]] = relationship(
        back_populates="forum", cascade="all, delete-orphan", order_by="ForumDay.date"
    )
    tracks: Mapped[list["Track"]] = relationship(
        back_populates="forum", cascade="all, delete-orphan", order_by="Track.position"
    )
    rooms: Mapped[list["Room"]] = relationship(
        back_populates="forum", cascade="all, delete-orphan", order_by="Room.name"
    )
    roles = relationship("ForumRole", back_populates="forum", cascade="all, delete-orphan")
    sessions = relationship("ForumSession", viewonly=True)

    def __str__(self):
        return self.title


class ForumDay(db.Model):
    __tablename__ = "forum_days"
    __table_args__ = (UniqueConstraint("forum_id", "date", name="uq_forum_days_forum_date"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    forum_id: Mapped[int] = mapped_column(ForeignKey("forums.id", ondelete="CASCADE"), index=True)
    date: Mapped[date]
    title: Mapped[str] = mapped_column(String(200), default="")
    to_be_announced: Mapped[bool] = mapped_column(default=False)
    note: Mapped[str] = mapped_column(Text, default="")

    forum: Mapped[Forum] = relationship(back_populates="days")
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
    loose_items = relationship(
        "BlockItem", back_populates="block", cascade="all, delete-orphan", order_by="BlockItem.starts_at"
    )
    sessions = relationship("ForumSession", back_populates="block", order_by="ForumSession.starts_at")

    @property
    def forum(self):
        return self.day.forum


class Track(db.Model):
    __tablename__ = "tracks"

    id: Mapped[int] = mapped_column(primary_key=True)
    forum_id: Mapped[int] = mapped_column(ForeignKey("forums.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    position: Mapped[int] = mapped_column(default=0)

    forum: Mapped[Forum] = relationship(back_populates="tracks")


class Room(db.Model):
    __tablename__ = "rooms"
    __table_args__ = (UniqueConstraint("forum_id", "name", name="uq_rooms_forum_name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    forum_id: Mapped[int] = mapped_column(ForeignKey("forums.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    capacity: Mapped[int] = mapped_column(default=0)

    forum: Mapped[Forum] = relationship(back_populates="rooms")
    sessions = relationship("ForumSession", viewonly=True)


class StakeholderGroup(enum.Enum):
    """The six groups the concept note gathers; every forum has them."""

    COUNTRY_REPRESENTATIVES = "country_representatives"
    MULTILATERAL_ORGANISATIONS = "multilateral_organisations"
    SOUTH_SOUTH_PRACTITIONERS = "south_south_practitioners"
    CIVIL_SOCIETY = "civil_society"
    SUBJECT_MATTER_EXPERTS = "subject_matter_experts"
    TECHNICAL_SECRETARIAT = "technical_secretariat"


class GroupKind(enum.Enum):
    STAKEHOLDER = "stakeholder"
    REGIONAL_PLATFORM = "regional_platform"
    WORKING_GROUP = "working_group"
    COALITION = "coalition"
    OTHER = "other"


class ParticipantGroup(db.Model):
    """A named set of participants that acts together: a stakeholder group, a platform, a coalition.

    A stakeholder group is named by its `stakeholder` value (worded in the reader's language when
    shown); a group the secretariat adds has a `name`. Participants pick their stakeholder group when
    they register; other groups list their members (people or whole organisations).
    """

    __tablename__ = "participant_groups"
    __table_args__ = (
        UniqueConstraint("forum_id", "stakeholder", name="uq_participant_groups_forum_stakeholder"),
        UniqueConstraint("forum_id", "name", name="uq_participant_groups_forum_name"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    forum_id: Mapped[int] = mapped_column(ForeignKey("forums.id", ondelete="CASCADE"), index=True)
    kind: Mapped[GroupKind] = mapped_column(Enum(GroupKind, native_enum=False, length=30), default=GroupKind.OTHER)
    stakeholder: Mapped[Optional[StakeholderGroup]] = mapped_column(Enum(StakeholderGroup, native_enum=False, length=40))
    name: Mapped[Optional[str]] = mapped_column(String(200))
    # Places kept for this group's participants; None: no quota.
    quota: Mapped[Optional[int]]
    position: Mapped[int] = mapped_column(default=0)

    forum = relationship(
        "Forum",
        backref=backref("participant_groups", cascade="all, delete-orphan", order_by="ParticipantGroup.position"),
    )
    members: Mapped[list["GroupMember"]] = relationship(
        back_populates="group", cascade="all, delete-orphan", order_by="GroupMember.id"
    )

    @property
    def is_stakeholder_group(self):
        return self.stakeholder is not None


class GroupMember(db.Model):
    """One member of a participant group: a person, or a whole organisation and so everyone from it."""

    __tablename__ = "group_members"
    __table_args__ = (
        CheckConstraint("(user_id IS NULL) <> (organisation_id IS NULL)", name="person_or_organisation"),
        UniqueConstraint("group_id", "user_id", name="uq_group_members_group_user"),
        UniqueConstraint("group_id", "organisation_id", name="uq_group_members_group_organisation"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("participant_groups.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[Optional[int]] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    organisation_id: Mapped[Optional[int]] = mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"), index=True)

    group: Mapped[ParticipantGroup] = relationship(back_populates="members")
    user = relationship("User")
    organisation = relationship("Organisation")


def stakeholder_groups():
    """Return the six stakeholder groups a new forum starts with, in the concept note's order."""
    return [
        ParticipantGroup(kind=GroupKind.STAKEHOLDER, stakeholder=stakeholder, position=position)
        for position, stakeholder in enumerate(StakeholderGroup)
    ]


@event.listens_for(Forum, "init")
def give_new_forum_its_stakeholder_groups(forum, args, kwargs):
    """Start every forum with the six stakeholder groups, however it is created (screens, files, demo, tests)."""
    if "participant_groups" not in kwargs:
        forum.participant_groups = stakeholder_groups()
