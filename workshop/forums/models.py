"""A forum and the frame its programme hangs on."""

import enum
from datetime import date, datetime

from sqlalchemy import Enum, ForeignKey, Index, String, Text, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from workshop.core.markdown import render_on_save
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
        Index(
            "uq_organisations_shared_name",
            "name",
            unique=True,
            sqlite_where=text("forum_id IS NULL"),
            postgresql_where=text("forum_id IS NULL"),
        ),
        Index(
            "uq_organisations_forum_name",
            "forum_id",
            "name",
            unique=True,
            sqlite_where=text("forum_id IS NOT NULL"),
            postgresql_where=text("forum_id IS NOT NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    forum_id: Mapped[int | None] = mapped_column(ForeignKey("forums.id", ondelete="CASCADE"), index=True)
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
    # The concept note's Markdown sections as sanitised HTML, rendered when they are saved.
    objective_html: Mapped[str] = mapped_column(Text, default="")
    background_html: Mapped[str] = mapped_column(Text, default="")
    participants_text_html: Mapped[str] = mapped_column(Text, default="")
    methodology_html: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[AgendaStatus] = mapped_column(
        Enum(AgendaStatus, native_enum=False, length=20), default=AgendaStatus.PRELIMINARY
    )
    is_public: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # Counts saves of the settings: a form sends back the version it was opened on (lost updates).
    version: Mapped[int] = mapped_column(default=1, server_default="1")

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

    # Only a save of the form bumps the version (see `core.versions`); every UPDATE still checks it.
    __mapper_args__ = {"version_id_col": version, "version_id_generator": False}

    def __str__(self):
        return self.title


MARKDOWN_FIELDS = ("objective", "background", "participants_text", "methodology")
for _field in MARKDOWN_FIELDS:
    render_on_save(getattr(Forum, _field), f"{_field}_html")


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
