"""The use cases of session reports: start and save one, submit, return, approve, reopen, comment; the deadline."""

from dataclasses import dataclass
from datetime import date, datetime

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from workshop.core import audit
from workshop.core.audit_wording import session_facts
from workshop.core.labels import label
from workshop.core.locking import hold_write_lock
from workshop.core.refusals import EditConflict, Refused
from workshop.core.templating import country_name, local_clock, local_day
from workshop.core.timezones import local_date, utcnow
from workshop.desk.attendance import session_attendance
from workshop.extensions import db
from workshop.programme.models import Appointment, ForumSession
from workshop.programme.rules import AppointmentRole
from workshop.reports.models import (
    Recommendation,
    ReportComment,
    ReportDeadline,
    ReportPublication,
    ReportRevision,
    SessionReport,
)
from workshop.reports.permissions import parts_in
from workshop.reports.rules import HEADER_FIELDS, MARKDOWN_SECTIONS, REVISED_FIELDS, presenter_line
from workshop.reports.workflow import (
    Action,
    CountProblem,
    ParticipantCounts,
    ReportStatus,
    completed,
    count_problems,
    default_deadline,
    hidden_in_public,
    is_published,
    may,
    next_status,
)


class ReportRefused(Refused):
    """A report's workflow, or its content, declined the change."""

    status = 409


@dataclass(frozen=True)
class ReportFacts:
    """What Workshop already knows for a report's header, from the agenda (and, later, from check-in)."""

    title: str
    track: str
    organiser_name: str
    organiser_organisation: str
    organiser_email: str
    moderator: str
    rapporteur: str
    presenters: str
    format: str
    time_and_date: str
    counts: ParticipantCounts


@dataclass(frozen=True)
class RecommendationText:
    text: str
    addressee: str = ""


@dataclass(frozen=True)
class PrintedReport:
    """A report as its page, its PDF and the forum's outcome show it: the header grid, counts, sections in order."""

    session_id: int
    number: str
    status: ReportStatus
    header: tuple  # (field name, value), in the order of rules.HEADER_FIELDS, the presenters one a line
    counts: ParticipantCounts
    sections: tuple  # (field name, sanitised HTML), in the order of rules.MARKDOWN_SECTIONS, empty ones left out
    recommendations_intro: str
    recommendations: tuple[RecommendationText, ...]


def printed_report(report):
    """Return the report as every output shows it."""
    return PrintedReport(
        session_id=report.session_id,
        number=report.session.number,
        status=report.status,
        header=tuple((name, getattr(report, name)) for name in HEADER_FIELDS),
        counts=report.counts,
        sections=tuple(
            (name, getattr(report, f"{name}_html")) for name in MARKDOWN_SECTIONS if getattr(report, name).strip()
        ),
        recommendations_intro=report.recommendations_intro,
        recommendations=tuple(RecommendationText(item.text, item.addressee) for item in report.recommendations),
    )


def report_of(session):
    """Return the session's report, or None before its rapporteur starts it."""
    return db.session.scalar(select(SessionReport).where(SessionReport.session_id == session.id))


def known_participant_counts(session):
    """Return the participant counts Workshop knows of the session, or None when it knows none.

    The one place counts come from besides the rapporteur: the people the participants desk checked
    in at the session. While nobody was checked in, the rapporteur types them.
    """
    came = session_attendance(session.id)
    if came.total == 0:
        return None
    return ParticipantCounts(came.women, came.men, came.other, came.total)


def known_facts(session):
    """Return the header of a new report as the agenda fills it in: each value stays the rapporteur's to correct."""
    organisers = session.people_with(AppointmentRole.ORGANISER)
    organiser = organisers[0] if organisers else None
    presenters = session.people_with(AppointmentRole.PRESENTER) + session.people_with(AppointmentRole.KEYNOTE_SPEAKER)
    moderators = session.people_with(AppointmentRole.MODERATOR) or session.facilitators
    zone = session.forum.timezone
    return ReportFacts(
        title=session.title,
        track=session.track.name if session.track else "",
        organiser_name=organiser.name if organiser else "",
        organiser_organisation=organiser.organisation.name if organiser and organiser.organisation else "",
        organiser_email=organiser.email if organiser else "",
        moderator=", ".join(person.name for person in moderators),
        rapporteur=", ".join(person.name for person in session.people_with(AppointmentRole.RAPPORTEUR)),
        presenters="\n".join(
            presenter_line(
                person.name,
                person.job_title,
                person.organisation.name if person.organisation else "",
                country_name(person.country_code),
            )
            for person in presenters
        ),
        format=str(label(session.format, "session_format")),
        time_and_date=f"{local_day(session.starts_at, zone)} {local_clock(session.starts_at, zone)} – "
        f"{local_clock(session.ends_at, zone)}",
        counts=known_participant_counts(session) or ParticipantCounts(None, None, None, None),
    )


def save_report(actor, session, version_seen, recommendations, **fields):
    """Start or change the session's report, keeping the text it had as a revision; the second of two savers is told.

    `version_seen` is the version the form was opened on (None for a report not started then).
    """
    hold_write_lock(ForumSession, session.id)
    report = report_of(session)
    _ensure_allowed(actor, session, report, Action.EDIT)
    if report is not None and report.version != version_seen or report is None and version_seen is not None:
        raise EditConflict()
    report = report or SessionReport(session=session, status=ReportStatus.DRAFT)
    counts = completed(ParticipantCounts(*(fields.pop(name) for name in ("women", "men", "other", "total"))))
    _ensure_counts_add_up(counts)
    for name, value in fields.items():
        setattr(report, name, value)
    report.women, report.men, report.other, report.total = counts.women, counts.men, counts.other, counts.total
    _replace_recommendations(report, recommendations)
    content = revision_content(report)
    if report.revisions and report.revisions[-1].content == content:
        return report
    if report.id is not None:
        report.version += 1
    report.updated_at, report.updated_by = utcnow(), actor
    report.revisions.append(
        ReportRevision(number=len(report.revisions) + 1, status=report.status, content=content, saved_by=actor)
    )
    db.session.add(report)
    audit.record(actor, "report.saved", session.title, session.forum, **session_facts(session))
    return report


def _ensure_counts_add_up(counts):
    for field, problem in count_problems(counts).items():
        if problem == CountProblem.NEGATIVE:
            raise ReportRefused(_("A number of participants cannot be negative."), field=field, status=422)
        raise ReportRefused(
            _("Women, men and other add up to more than the total. Correct one of them."), field=field, status=422
        )


def _replace_recommendations(report, recommendations):
    """Keep the filled rows in order; leave the rows stored as they are when nothing in them changed."""
    wanted = [(item.text.strip(), item.addressee.strip()) for item in recommendations if item.text.strip()]
    if wanted == [(item.text, item.addressee) for item in report.recommendations]:
        return
    report.recommendations = [
        Recommendation(position=position, text=text, addressee=addressee)
        for position, (text, addressee) in enumerate(wanted)
    ]


def revision_content(report):
    """Return the report's text as a revision keeps it: every field, and the recommendations in order."""
    return {
        **{name: getattr(report, name) for name in REVISED_FIELDS},
        "recommendations": [[item.text, item.addressee] for item in report.recommendations],
    }


def submit_report(actor, session):
    """Send the report to the secretariat for review; a returned report goes back once revised."""
    return _move(actor, session, Action.SUBMIT, "report.submitted")


def approve_report(actor, session):
    """Approve a submitted report: it is locked from now on, and counts in the forum's outcome."""
    return _move(actor, session, Action.APPROVE, "report.approved")


def reopen_report(actor, session):
    """Unlock an approved report for a correction: it becomes a draft that needs approval again."""
    return _move(actor, session, Action.REOPEN, "report.reopened")


def return_report(actor, session, comments):
    """Return a submitted report to its rapporteur with the secretariat's comments."""
    comments = (comments or "").strip()
    if not comments:
        raise ReportRefused(_("Say what the rapporteur should change."), field="body", status=422)
    report = _move(actor, session, Action.RETURN, "report.returned")
    report.comments.append(ReportComment(author=actor, body=comments, returned=True))
    return report


def comment_on_report(actor, session, body):
    """Add a comment to the report, for its rapporteur, facilitators and the secretariat to read."""
    body = (body or "").strip()
    if not body:
        raise ReportRefused(_("Write the comment first."), field="body", status=422)
    hold_write_lock(ForumSession, session.id)
    report = _existing_report(session)
    _ensure_allowed(actor, session, report, Action.COMMENT)
    report.comments.append(ReportComment(author=actor, body=body))
    audit.record(actor, "report.commented", session.title, session.forum, **session_facts(session))
    return report


def _move(actor, session, action, audit_action):
    hold_write_lock(ForumSession, session.id)
    report = _existing_report(session)
    _ensure_allowed(actor, session, report, action)
    report.status = next_status(action, report.status)
    report.version += 1
    report.updated_at, report.updated_by = utcnow(), actor
    audit.record(actor, audit_action, session.title, session.forum, **session_facts(session))
    return report


def _existing_report(session):
    report = report_of(session)
    if report is None:
        raise ReportRefused(_("This session has no report yet."))
    return report


def _ensure_allowed(actor, session, report, action):
    status = report.status if report is not None else ReportStatus.DRAFT
    parts = parts_in(actor, session)
    if may(parts, action, status):
        return
    if report is not None and report.status == ReportStatus.APPROVED and parts:
        raise ReportRefused(_("This report is approved and locked. Reopen it for a correction first."))
    if parts:
        raise ReportRefused(
            _("This cannot be done while the report is %(status)s.", status=label(status, "report_status"))
        )
    raise ReportRefused(_("You do not cover this session."), status=403)


def forum_deadline(forum):
    """Return the day the forum's reports are due: as its secretariat set it, else two weeks after its last day."""
    deadline = db.session.get(ReportDeadline, forum.id)
    return deadline.due_on if deadline is not None else default_deadline(forum.end_date)


def set_deadline(actor, forum, due_on):
    """Set the day the forum's reports are due; reminders count down to it."""
    if due_on < forum.start_date:
        raise ReportRefused(_("Reports cannot be due before the forum starts."), field="due_on", status=422)
    deadline = db.session.get(ReportDeadline, forum.id) or ReportDeadline(forum=forum)
    deadline.due_on = due_on
    db.session.add(deadline)
    audit.record(actor, "report.deadline_set", forum.title, forum, due_on=due_on.isoformat())


def sessions_with_rapporteurs(forum):
    """Return the forum's sessions in agenda order, each with its appointments and report loaded."""
    return db.session.scalars(
        select(ForumSession)
        .where(ForumSession.forum_id == forum.id)
        .options(selectinload(ForumSession.appointments).selectinload(Appointment.user))
        .order_by(ForumSession.starts_at, ForumSession.number)
    ).all()


def sessions_covered_by(user, forum):
    """Return the sessions of `forum` that `user` is appointed to report on, in agenda order."""
    return db.session.scalars(
        select(ForumSession)
        .join(Appointment)
        .where(
            ForumSession.forum_id == forum.id,
            Appointment.user_id == user.id,
            Appointment.role == AppointmentRole.RAPPORTEUR,
        )
        .order_by(ForumSession.starts_at, ForumSession.number)
    ).all()


def forum_today(forum, now: datetime | None = None) -> date:
    """Return today's date where the forum takes place."""
    return local_date(now or utcnow(), forum.timezone)


@dataclass(frozen=True)
class PublicReport:
    """An approved report as the public session page shows it: the counts under five hidden (`hidden_counts`)."""

    printed: PrintedReport
    hidden_counts: frozenset


def publishes_every_report(forum):
    """Tell whether the forum's secretariat chose to publish every approved report."""
    choice = db.session.get(ReportPublication, forum.id)
    return choice is not None and choice.every_approved_report


def set_report_published(actor, session, published):
    """Show the session's approved report on the public session page, or take it off; the secretariat decides."""
    hold_write_lock(ForumSession, session.id)
    report = _existing_report(session)
    _ensure_allowed(actor, session, report, Action.PUBLISH)
    if report.published == published:
        return report
    report.published = published
    action = "report.published" if published else "report.unpublished"
    audit.record(actor, action, session.title, session.forum, **session_facts(session))
    return report


def set_forum_publication(actor, forum, every_approved_report):
    """Choose whether every approved report of the forum shows on its session page, not only those picked one by one."""
    if publishes_every_report(forum) == every_approved_report:
        return
    choice = db.session.get(ReportPublication, forum.id) or ReportPublication(forum_id=forum.id)
    choice.every_approved_report = every_approved_report
    db.session.add(choice)
    audit.record(actor, "report.publication_set", forum.title, forum, every_approved_report=every_approved_report)


def published_report(forum, session_id):
    """Return the session's report as the public session page shows it, or None when it is not published."""
    report = db.session.scalar(select(SessionReport).where(SessionReport.session_id == session_id))
    if report is None or report.session.forum_id != forum.id:
        return None
    if not is_published(report.status, report.published, publishes_every_report(forum)):
        return None
    return PublicReport(printed_report(report), hidden_in_public(report.counts))
