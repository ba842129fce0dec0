"""Attendance figures from check-ins, for the desk and the rapporteurs' reports."""

from collections import Counter
from dataclasses import dataclass

from sqlalchemy import select

from workshop.desk.models import SessionAttendance
from workshop.extensions import db
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
