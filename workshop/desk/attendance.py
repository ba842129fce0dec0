"""Attendance figures from check-ins, for the desk and the rapporteurs' reports."""

from collections import Counter, defaultdict
from dataclasses import dataclass

from sqlalchemy import func, select

from workshop.core.labels import group_label
from workshop.desk.models import SessionAttendance
from workshop.desk.rules import NOT_STATED, Attendee, attendance_figures
from workshop.extensions import db
from workshop.forums.models import ParticipantGroup
from workshop.programme.models import ForumSession
from workshop.registration.models import Gender, Registration
from workshop.registration.services import stakeholder_groups_of


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


def forum_figures(forum):
    """Return the figures of the people checked in at the forum's door, by gender and by stakeholder group."""
    came = db.session.execute(
        select(Registration.gender, Registration.group_id).where(
            Registration.forum_id == forum.id, Registration.checked_in_at.is_not(None)
        )
    ).all()
    return _figures(_group_labels(forum), came)


def figures_per_session(forum):
    """Return (session, figures) for every session of the forum in programme order, sessions nobody came to too."""
    came_to = defaultdict(list)
    for check_in in _session_check_ins(Registration.forum_id == forum.id):
        came_to[check_in.session_id].append((check_in.gender, check_in.group_id))
    sessions = db.session.scalars(
        select(ForumSession).where(ForumSession.forum_id == forum.id).order_by(ForumSession.starts_at, ForumSession.id)
    ).all()
    labels = _group_labels(forum)
    return [(session, _figures(labels, came_to[session.id])) for session in sessions]


def _group_labels(forum):
    """Return the forum's stakeholder groups' names by id, in the groups' order."""
    return {group.id: group_label(group.stakeholder, group.name) for group in stakeholder_groups_of(forum)}


def _figures(group_labels, came):
    attendees = (
        Attendee(gender.value if gender else NOT_STATED, group_labels.get(group_id, NOT_STATED))
        for gender, group_id in came
    )
    return attendance_figures(attendees, [gender.value for gender in Gender], list(group_labels.values()))


def stakeholder_attendance(session_ids):
    """Return, for each session, how many people checked in there came from each stakeholder group.

    Counts are keyed by `StakeholderGroup`, and by None for people whose group is none of the six.
    """
    tally = {session_id: Counter() for session_id in session_ids}
    for check_in in _session_check_ins(SessionAttendance.session_id.in_(list(session_ids))):
        tally[check_in.session_id][check_in.stakeholder] += 1
    return tally


def _session_check_ins(condition):
    """Return the check-ins at sessions that meet `condition`, each with the person's gender, group and stakeholder.

    The desk counts them by the forum's own groups, the outcome by the six stakeholder groups: one reading serves both.
    """
    return db.session.execute(
        select(SessionAttendance.session_id, Registration.gender, Registration.group_id, ParticipantGroup.stakeholder)
        .join(Registration, SessionAttendance.registration_id == Registration.id)
        .outerjoin(ParticipantGroup, Registration.group_id == ParticipantGroup.id)
        .where(condition)
    ).all()


def attendance_count(session_ids):
    """Return how many check-ins the sessions (ids, or a query selecting them) hold: a change in any changes it."""
    return db.session.scalar(
        select(func.count()).select_from(SessionAttendance).where(SessionAttendance.session_id.in_(session_ids))
    )
