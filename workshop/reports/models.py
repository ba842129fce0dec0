"""Session reports, their recommendations, revisions and comments; a forum's deadline and the reminders sent."""

from datetime import date, datetime

from sqlalchemy import JSON, Enum, ForeignKey, String, Text, UniqueConstraint, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from workshop.accounts.models import User
from workshop.core.markdown import render_on_save
from workshop.core.timezones import UTCDateTime, utcnow
from workshop.extensions import db
from workshop.forums.models import Forum
from workshop.programme.models import ForumSession
from workshop.reports.rules import HEADER_LIMITS, MARKDOWN_SECTIONS
from workshop.reports.workflow import ParticipantCounts, ReportStatus


class SessionReport(db.Model):
    """The rapporteur's report of one session, laid out as the forum's report template asks."""

    __tablename__ = "session_reports"

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("forum_sessions.id", ondelete="CASCADE"), unique=True)
    status: Mapped[ReportStatus] = mapped_column(
        Enum(ReportStatus, native_enum=False, length=20), default=ReportStatus.DRAFT
    )
    # The header: filled from the agenda when the report is started, then the rapporteur's to correct.
    title: Mapped[str] = mapped_column(String(HEADER_LIMITS["title"]), default="")
    track: Mapped[str] = mapped_column(String(HEADER_LIMITS["track"]), default="")
    organiser_name: Mapped[str] = mapped_column(String(HEADER_LIMITS["organiser_name"]), default="")
    organiser_organisation: Mapped[str] = mapped_column(String(HEADER_LIMITS["organiser_organisation"]), default="")
    organiser_email: Mapped[str] = mapped_column(String(HEADER_LIMITS["organiser_email"]), default="")
    moderator: Mapped[str] = mapped_column(String(HEADER_LIMITS["moderator"]), default="")
    rapporteur: Mapped[str] = mapped_column(String(HEADER_LIMITS["rapporteur"]), default="")
    # One presenter a line: "Name, title, organisation, country".
    presenters: Mapped[str] = mapped_column(Text, default="")
    format: Mapped[str] = mapped_column(String(HEADER_LIMITS["format"]), default="")
    time_and_date: Mapped[str] = mapped_column(String(HEADER_LIMITS["time_and_date"]), default="")
    women: Mapped[int | None]
    men: Mapped[int | None]
    other: Mapped[int | None]
    total: Mapped[int | None]
    # The sections, in Markdown, each with its sanitised HTML rendered on save.
    summary: Mapped[str] = mapped_column(Text, default="")
    summary_html: Mapped[str] = mapped_column(Text, default="")
    questions: Mapped[str] = mapped_column(Text, default="")
    questions_html: Mapped[str] = mapped_column(Text, default="")
    outcomes: Mapped[str] = mapped_column(Text, default="")
    outcomes_html: Mapped[str] = mapped_column(Text, default="")
    new_perspectives: Mapped[str] = mapped_column(Text, default="")
    new_perspectives_html: Mapped[str] = mapped_column(Text, default="")
    lessons_learned: Mapped[str] = mapped_column(Text, default="")
    lessons_learned_html: Mapped[str] = mapped_column(Text, default="")
    recommendations_intro: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    # Counts saves: a form sends back the version it was opened on, so that a save over someone else's is caught.
    version: Mapped[int] = mapped_column(default=1, server_default="1")
    # The secretariat's choice to show this report, once approved, on the public session page.
    published: Mapped[bool] = mapped_column(default=False, server_default=false())

    session: Mapped[ForumSession] = relationship()
    updated_by: Mapped[User | None] = relationship()
    recommendations: Mapped[list["Recommendation"]] = relationship(
        back_populates="report", cascade="all, delete-orphan", order_by="Recommendation.position"
    )
    revisions: Mapped[list["ReportRevision"]] = relationship(
        back_populates="report", cascade="all, delete-orphan", order_by="ReportRevision.number"
    )
    comments: Mapped[list["ReportComment"]] = relationship(
        back_populates="report", cascade="all, delete-orphan", order_by="ReportComment.id"
    )

    # Only a save of the form bumps the version (see `core.versions`); every UPDATE still checks it.
    __mapper_args__ = {"version_id_col": version, "version_id_generator": False}

    @property
    def counts(self):
        return ParticipantCounts(self.women, self.men, self.other, self.total)


for _section in MARKDOWN_SECTIONS:
    render_on_save(getattr(SessionReport, _section), f"{_section}_html")


class Recommendation(db.Model):
    """One key recommendation of a report, with the people it is addressed to, if the rapporteur names them."""

    __tablename__ = "report_recommendations"

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("session_reports.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    text: Mapped[str] = mapped_column(Text)
    addressee: Mapped[str] = mapped_column(String(HEADER_LIMITS["addressee"]), default="")

    report: Mapped[SessionReport] = relationship(back_populates="recommendations")


class ReportRevision(db.Model):
    """Every field of a report as one save left it (`rules.REVISED_FIELDS`, then the recommendations); only ever added."""

    __tablename__ = "report_revisions"
    __table_args__ = (UniqueConstraint("report_id", "number", name="uq_report_revisions_report_number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("session_reports.id", ondelete="CASCADE"), index=True)
    number: Mapped[int]
    status: Mapped[ReportStatus] = mapped_column(Enum(ReportStatus, native_enum=False, length=20))
    content: Mapped[dict] = mapped_column(JSON)
    saved_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    saved_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    report: Mapped[SessionReport] = relationship(back_populates="revisions")
    saved_by: Mapped[User | None] = relationship()


class ReportComment(db.Model):
    """A comment on a report by its facilitator, rapporteur or the secretariat; a return to the rapporteur carries one."""

    __tablename__ = "report_comments"

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("session_reports.id", ondelete="CASCADE"), index=True)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    body: Mapped[str] = mapped_column(Text)
    returned: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    report: Mapped[SessionReport] = relationship(back_populates="comments")
    author: Mapped[User | None] = relationship()


class ReportDeadline(db.Model):
    """The day a forum's reports are due, when its secretariat sets one (else two weeks after the forum)."""

    __tablename__ = "report_deadlines"

    forum_id: Mapped[int] = mapped_column(ForeignKey("forums.id", ondelete="CASCADE"), primary_key=True)
    due_on: Mapped[date]

    forum: Mapped[Forum] = relationship()


class ReportPublication(db.Model):
    """A forum's choice to publish every approved report on its session page, not only those picked one by one."""

    __tablename__ = "report_publications"

    forum_id: Mapped[int] = mapped_column(ForeignKey("forums.id", ondelete="CASCADE"), primary_key=True)
    every_approved_report: Mapped[bool] = mapped_column(default=False, server_default=false())


class ReportReminder(db.Model):
    """The last reminder mailed to a rapporteur about one session's report."""

    __tablename__ = "report_reminders"
    __table_args__ = (UniqueConstraint("session_id", "user_id", name="uq_report_reminders_session_user"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("forum_sessions.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    sent_on: Mapped[date]
