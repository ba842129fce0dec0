"""A forum, its tracks and rooms, and the organisations of its directory; its days and time blocks are the programme's."""

import enum
from datetime import date, datetime

from sqlalchemy import CheckConstraint, Enum, ForeignKey, Index, String, Text, UniqueConstraint, event, text
from sqlalchemy.orm import Mapped, backref, mapped_column, relationship

from workshop.accounts.models import ForumRole
from workshop.core.markdown import render_on_save
from workshop.core.timezones import UTCDateTime, utcnow
from workshop.extensions import db
from workshop.forums.rules import CONCEPT_NOTE_FIELDS, TEXT_LIMITS, language_codes


class AgendaStatus(enum.Enum):
    PRELIMINARY = "preliminary"
    FINAL = "final"


class OrganisationType(enum.Enum):
    UN_AGENCY = "un_agency"
    DEVELOPMENT_BANK = "development_bank"
    REGIONAL_ORGANISATION = "regional_organisation"
    # Stored as "regional_body" since before regional organisations had a type of their own.
    REGIONAL_INTEGRATION_BODY = "regional_body"
    GOVERNMENT = "government"
    GOVERNMENT_AGENCY = "government_agency"
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
    slug: Mapped[str] = mapped_column(String(TEXT_LIMITS["slug"]), unique=True)
    title: Mapped[str] = mapped_column(String(TEXT_LIMITS["title"]))
    subtitle: Mapped[str] = mapped_column(String(TEXT_LIMITS["subtitle"]), default="")
    city: Mapped[str] = mapped_column(String(TEXT_LIMITS["city"]), default="")
    country_code: Mapped[str] = mapped_column(String(2), default="")
    venue: Mapped[str] = mapped_column(String(TEXT_LIMITS["venue"]), default="")
    start_date: Mapped[date]
    end_date: Mapped[date]
    timezone: Mapped[str] = mapped_column(String(TEXT_LIMITS["timezone"]))
    convened_by: Mapped[str] = mapped_column(String(TEXT_LIMITS["convened_by"]), default="")
    facilitated_by: Mapped[str] = mapped_column(String(TEXT_LIMITS["facilitated_by"]), default="")
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
    # The convener's colour as #rrggbb (forums/colours.py), or empty for the site's own.
    accent_colour: Mapped[str] = mapped_column(String(7), default="", server_default="")
    # The languages the forum works in, in order ("en,es"); mail goes in the first one we write in to
    # people who have not said which language they prefer.
    working_languages: Mapped[str] = mapped_column(String(60), default="", server_default="")
    # The language the secretariat writes the programme in, whatever language each reader reads the site in.
    content_language: Mapped[str] = mapped_column(String(8), default="en", server_default="en")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # Counts saves of the settings: a form sends back the version it was opened on (lost updates).
    version: Mapped[int] = mapped_column(default=1, server_default="1")

    tracks: Mapped[list["Track"]] = relationship(
        back_populates="forum", cascade="all, delete-orphan", order_by="Track.position"
    )
    rooms: Mapped[list["Room"]] = relationship(
        back_populates="forum", cascade="all, delete-orphan", order_by="Room.name"
    )
    roles: Mapped[list["ForumRole"]] = relationship(back_populates="forum", cascade="all, delete-orphan")
    logos: Mapped[list["ForumLogo"]] = relationship(
        back_populates="forum", cascade="all, delete-orphan", order_by="ForumLogo.number"
    )

    # Only a save of the form bumps the version (see `core.versions`); every UPDATE still checks it.
    __mapper_args__ = {"version_id_col": version, "version_id_generator": False}

    def __str__(self):
        return self.title

    @property
    def working_language_codes(self):
        return language_codes(self.working_languages)

    @property
    def first_language(self):
        """The first working language, as the settings form shows it apart."""
        return next(iter(self.working_language_codes), "")

    @property
    def other_languages(self):
        return self.working_language_codes[1:]


for _field in CONCEPT_NOTE_FIELDS:
    render_on_save(getattr(Forum, _field), f"{_field}_html")


class LogoRole(enum.Enum):
    CONVENER = "convener"
    PARTNER = "partner"


class ForumLogo(db.Model):
    """One uploaded logo of a forum; a new upload is shown instead of the last, which is kept."""

    __tablename__ = "forum_logos"
    __table_args__ = (UniqueConstraint("forum_id", "role", "number", name="uq_forum_logos_forum_role_number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    forum_id: Mapped[int] = mapped_column(ForeignKey("forums.id", ondelete="CASCADE"), index=True)
    role: Mapped[LogoRole] = mapped_column(Enum(LogoRole, native_enum=False, length=20))
    number: Mapped[int]
    # Whose logo it is: its alternative text on pages, in PDFs and e-mails.
    organisation_name: Mapped[str] = mapped_column(String(TEXT_LIMITS["convened_by"]))
    stored_name: Mapped[str] = mapped_column(String(64), unique=True)
    size: Mapped[int]
    sha256: Mapped[str] = mapped_column(String(64))
    media_type: Mapped[str] = mapped_column(String(40))
    uploaded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    uploaded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    forum: Mapped[Forum] = relationship(back_populates="logos")


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
    stakeholder: Mapped[StakeholderGroup | None] = mapped_column(Enum(StakeholderGroup, native_enum=False, length=40))
    name: Mapped[str | None] = mapped_column(String(200))
    # Places kept for this group's participants; None: no quota.
    quota: Mapped[int | None]
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

    @property
    def reference(self):
        """Name the group as a programme file does: a stakeholder group by its value, any other by its name."""
        return self.stakeholder.value if self.stakeholder else self.name


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
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"), index=True)

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
