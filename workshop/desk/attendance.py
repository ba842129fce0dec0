"""Attendance figures from check-ins, for the desk and the rapporteurs' reports."""

from collections import Counter
from dataclasses import dataclass

from sqlalchemy import func, select

from workshop.desk.models import SessionAttendance
from workshop.extensions import db
from workshop.forums.models import ParticipantGroup
from workshop.registration.models import Gender, Registration


@dataclass(frozen=True)
class AttendanceCounts:
    """How many people came, by gender as they stated it; "other" is another gender, undisclosed or unsaid."""

    women: int
    men: int
    other: int
    total: int


def _counts(genders):
    tally = Counter(genders)
    women, men = tally[Gender.WOMAN], tally[Gender.MAN]
    total = sum(tally.values())
    return AttendanceCounts(women=women, men=men, other=total - women - men, total=total)


def session_attendance(session_id):
    """Return the counts of the people checked in at a session (each person once)."""
    return _counts(
        db.session.scalars(
            select(Registration.gender)
            .join(SessionAttendance, SessionAttendance.registration_id == Registration.id)
            .where(SessionAttendance.session_id == session_id)
        ).all()
    )


def forum_attendance(forum):
    """Return the counts of the people checked in at the forum's door."""
    return _counts(
        db.session.scalars(
            select(Registration.gender).where(
                Registration.forum_id == forum.id, Registration.checked_in_at.is_not(None)
            )
        ).all()
    )


def stakeholder_attendance(session_ids):
    """Return, for each session, how many people checked in there came from each stakeholder group.

    Counts are keyed by `StakeholderGroup`, and by None for people whose group is none of the six.
    """
    tally = {session_id: Counter() for session_id in session_ids}
    rows = db.session.execute(
        select(SessionAttendance.session_id, ParticipantGroup.stakeholder)
        .join(Registration, SessionAttendance.registration_id == Registration.id)
        .outerjoin(ParticipantGroup, Registration.group_id == ParticipantGroup.id)
        .where(SessionAttendance.session_id.in_(list(session_ids)))
    ).all()
    for session_id, stakeholder in rows:
        tally[session_id][stakeholder] += 1
    return tally


def attendance_count(session_ids):
    """Return how many check-ins the sessions (ids, or a query selecting them) hold: a change in any changes it."""
    return db.session.scalar(
        select(func.count()).select_from(SessionAttendance).where(SessionAttendance.session_id.in_(session_ids))
    )
