"""Who plays which part in a session's report; what each part may do is the workflow's to say."""

from workshop.accounts.permissions import is_secretariat, is_signed_in
from workshop.programme.rules import AppointmentRole
from workshop.reports.workflow import Part, ReportStatus, may

_APPOINTED_PARTS = {AppointmentRole.RAPPORTEUR: Part.RAPPORTEUR, AppointmentRole.FACILITATOR: Part.FACILITATOR}


def parts_in(user, session):
    """Return the parts `user` plays in the report of `session`: its rapporteur, its facilitator, the secretariat."""
    if not is_signed_in(user):
        return frozenset()
    parts = {
        _APPOINTED_PARTS[appointment.role]
        for appointment in session.appointments
        if appointment.user_id == user.id and appointment.role in _APPOINTED_PARTS
    }
    if is_secretariat(user, session.forum):
        parts.add(Part.SECRETARIAT)
    return frozenset(parts)


def can(user, session, action, report=None):
    """Tell whether `user` may take `action` on the session's report (or, with none yet, on the one to be started)."""
    status = report.status if report is not None else ReportStatus.DRAFT
    return may(parts_in(user, session), action, status)


def covers_sessions(user, forum):
    """Tell whether `user` is appointed rapporteur of any session of `forum`, or manages the forum."""
    return is_secretariat(user, forum) or (
        is_signed_in(user)
        and any(
            appointment.user_id == user.id and appointment.role == AppointmentRole.RAPPORTEUR
            for session in forum.sessions
            for appointment in session.appointments
        )
    )
