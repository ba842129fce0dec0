"""The secretariat's board of reports: every session with its rapporteurs, report status, days left and last change."""

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select

from workshop.extensions import db
from workshop.programme.rules import AppointmentRole
from workshop.reports.models import ReportReminder, SessionReport
from workshop.reports.services import forum_deadline, forum_today
from workshop.reports.workflow import ReportStatus, days_left, is_outstanding

# The board's filter for sessions whose report is not started: they have no status of their own.
NOT_STARTED = "missing"


@dataclass(frozen=True)
class BoardRow:
    session: object
    rapporteurs: list
    status: ReportStatus | None
    days_left: int | None  # None once the report is in: nothing is awaited
    last_change: datetime | None
    reminded_on: date | None


def rows_of(forum, sessions):
    """Return a board row for each session, reading every report and reminder of them in two queries."""
    ids = [session.id for session in sessions]
    reports = {
        report.session_id: report
        for report in db.session.scalars(select(SessionReport).where(SessionReport.session_id.in_(ids)))
    }
    reminders = {}
    for reminder in db.session.scalars(select(ReportReminder).where(ReportReminder.session_id.in_(ids))):
        reminders[reminder.session_id] = max(reminders.get(reminder.session_id, reminder.sent_on), reminder.sent_on)
    left = days_left(forum_deadline(forum), forum_today(forum))
    rows = []
    for session in sessions:
        report = reports.get(session.id)
        status = report.status if report else None
        rows.append(
            BoardRow(
                session=session,
                rapporteurs=session.people_with(AppointmentRole.RAPPORTEUR),
                status=status,
                days_left=left if is_outstanding(status) else None,
                last_change=report.updated_at if report else None,
                reminded_on=reminders.get(session.id),
            )
        )
    return rows


def filtered(rows, track_id=None, status=""):
    """Keep the rows of one track and of one status (NOT_STARTED for sessions without a report), if asked."""
    if track_id:
        rows = [row for row in rows if row.session.track_id == track_id]
    if status == NOT_STARTED:
        return [row for row in rows if row.status is None]
    if status:
        return [row for row in rows if row.status is not None and row.status.value == status]
    return rows


def summarise(rows):
    """Return how many reports are in each state, not started included, in the workflow's order."""
    counts = {NOT_STARTED: sum(1 for row in rows if row.status is None)}
    for status in ReportStatus:
        counts[status.value] = sum(1 for row in rows if row.status == status)
    return counts
