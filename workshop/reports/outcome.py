"""The forum's consolidated outcome: its approved reports by day and track, led by every key recommendation traced to its session."""

import hashlib
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from workshop.core.timezones import local_date
from workshop.desk.attendance import attendance_count, stakeholder_attendance
from workshop.extensions import db
from workshop.forums.logos import face_fingerprint
from workshop.forums.models import StakeholderGroup
from workshop.programme.models import ForumSession
from workshop.reports.models import SessionReport
from workshop.reports.services import PrintedReport, printed_report
from workshop.reports.workflow import ParticipantCounts, ReportStatus


@dataclass(frozen=True)
class TracedRecommendation:
    """A key recommendation with the session it comes from: its number, title and rapporteur."""

    text: str
    addressee: str
    session_number: str
    session_title: str
    rapporteur: str


@dataclass(frozen=True)
class Participation:
    """One row of the participation table: a session's counts, or the forum's totals (no session)."""

    label: str
    counts: ParticipantCounts
    session: object = None  # the ForumSession, for a page that marks the language of its title


# The columns of the stakeholder table: the six groups, then everyone whose group is none of them.
STAKEHOLDER_COLUMNS = (*StakeholderGroup, None)


@dataclass(frozen=True)
class GroupParticipation:
    """One row of the stakeholder table: how many checked in at a session (or at all sessions) from each group."""

    label: str
    counts: tuple[int, ...]  # in the order of STAKEHOLDER_COLUMNS
    session: object = None  # the ForumSession, none for the forum's totals

    @property
    def total(self):
        return sum(self.counts)


@dataclass(frozen=True)
class OutcomeGroup:
    day: object
    track: str
    reports: tuple[PrintedReport, ...]


@dataclass(frozen=True)
class ConsolidatedOutcome:
    recommendations: tuple[TracedRecommendation, ...]
    participation: tuple[Participation, ...]
    totals: ParticipantCounts
    by_stakeholder: tuple[GroupParticipation, ...]  # the sessions where people were checked in
    stakeholder_totals: GroupParticipation
    groups: tuple[OutcomeGroup, ...]
    stakeholder_columns: tuple = STAKEHOLDER_COLUMNS


def approved_reports(forum):
    """Return the forum's approved reports in agenda order, their sessions and recommendations loaded."""
    return db.session.scalars(
        select(SessionReport)
        .join(ForumSession)
        .where(ForumSession.forum_id == forum.id, SessionReport.status == ReportStatus.APPROVED)
        .options(selectinload(SessionReport.recommendations), selectinload(SessionReport.session))
        .order_by(ForumSession.starts_at, ForumSession.number)
    ).all()


def outcome_fingerprint(forum):
    """Return a short digest of what the outcome is compiled from: it changes whenever a compiled output would.

    It reads the forum's face (logos, colour), the approved reports' versions (every save, approval and reopening bumps one), their
    sessions' numbers, times and tracks, and how many check-ins they hold, without loading the
    reports' text.
    """
    rows = db.session.execute(
        select(
            SessionReport.id, SessionReport.version, ForumSession.number, ForumSession.starts_at, ForumSession.track_id
        )
        .join(ForumSession)
        .where(ForumSession.forum_id == forum.id, SessionReport.status == ReportStatus.APPROVED)
        .order_by(SessionReport.id)
    ).all()
    tracks = [(track.id, track.name) for track in forum.tracks]
    checked_in = attendance_count(_session_ids_of(forum))
    face = face_fingerprint(forum)
    facts = repr((forum.title, forum.timezone, face, tracks, checked_in, [tuple(map(str, row)) for row in rows]))
    return hashlib.sha256(facts.encode()).hexdigest()[:20]


def consolidated_outcome(forum, on_progress=lambda done, total: None):
    """Compile the approved reports: recommendations first, then participation, then the reports by day and track.

    `on_progress(done, total)` hears how many reports are compiled, for a build that shows its progress.
    """
    reports = approved_reports(forum)
    printed = []
    for report in reports:
        printed.append(printed_report(report))
        on_progress(len(printed), len(reports))
    participation = tuple(Participation(str(report.session), report.counts, report.session) for report in reports)
    by_stakeholder = _by_stakeholder(reports)
    return ConsolidatedOutcome(
        recommendations=_traced(reports),
        participation=participation,
        totals=forum_totals([row.counts for row in participation]),
        by_stakeholder=by_stakeholder,
        stakeholder_totals=GroupParticipation("", stakeholder_totals([row.counts for row in by_stakeholder])),
        groups=_by_day_and_track(forum, reports, printed),
    )


def traced_recommendations(forum):
    """Return the key recommendations of the forum's approved reports in agenda order, each traced to its session."""
    return _traced(approved_reports(forum))


def _traced(reports):
    return tuple(
        TracedRecommendation(item.text, item.addressee, report.session.number, report.title, report.rapporteur)
        for report in reports
        for item in report.recommendations
    )


def _session_ids_of(forum):
    return (
        select(SessionReport.session_id)
        .join(ForumSession)
        .where(ForumSession.forum_id == forum.id, SessionReport.status == ReportStatus.APPROVED)
    )


def _by_stakeholder(reports):
    """Return a row for each reported session where the desk checked people in, in agenda order."""
    tally = stakeholder_attendance([report.session_id for report in reports])
    rows = (
        GroupParticipation(
            str(report.session),
            tuple(tally[report.session_id][group] for group in STAKEHOLDER_COLUMNS),
            report.session,
        )
        for report in reports
    )
    return tuple(row for row in rows if row.total)


def stakeholder_totals(all_counts):
    """Add up the stakeholder rows column by column (no rows: zeros)."""
    return tuple(sum(column) for column in zip(*all_counts, strict=True)) or (0,) * len(STAKEHOLDER_COLUMNS)


def forum_totals(all_counts):
    """Add up the sessions' counts; a part nobody counted stays unknown rather than zero."""

    def total(name):
        values = [getattr(counts, name) for counts in all_counts if getattr(counts, name) is not None]
        return sum(values) if values else None

    return ParticipantCounts(total("women"), total("men"), total("other"), total("total"))


def _by_day_and_track(forum, reports, printed):
    """Group the reports by day, and within a day by track in the forum's order of tracks, keeping agenda order inside."""
    track_order = {track.id: position for position, track in enumerate(forum.tracks)}
    groups = {}
    for report, shown in zip(reports, printed, strict=True):
        session = report.session
        key = (local_date(session.starts_at, forum.timezone), track_order.get(session.track_id, len(track_order)))
        groups.setdefault(key, (session.track.name if session.track else "", []))[1].append(shown)
    return tuple(OutcomeGroup(day, track, tuple(items)) for (day, _order), (track, items) in sorted(groups.items()))
