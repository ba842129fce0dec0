"""Check-in at the door: a badge code in, one attendance out, however many doors scan it at once.

Each use case takes the acting user, raises `Refused` with a reason for the desk officer, and
leaves the commit to the caller.
"""

from dataclasses import dataclass
from datetime import datetime

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from workshop.core import audit
from workshop.core.audit_wording import session_facts
from workshop.core.locking import hold_write_lock
from workshop.core.refusals import Refused
from workshop.core.timezones import utcnow
from workshop.desk.models import SessionAttendance
from workshop.desk.rules import badge_code, is_genuine, read_badge_code
from workshop.extensions import db
from workshop.programme.models import SessionFormat
from workshop.registration.models import Registration, SessionChoice
from workshop.registration.rules import ChoiceStatus, RegistrationStatus


@dataclass(frozen=True)
class CheckIn:
    """What the desk tells the officer: who it is, and whether they had come in before."""

    registration: Registration
    already_at: datetime | None
    had_chosen: bool = True


def badge_code_of(registration):
    """Return the code a registration's badge carries."""
    return badge_code(current_app.config["SECRET_KEY"], registration.forum_id, registration.id)


def registration_of_badge(forum, text):
    """Return the registration a typed or scanned code belongs to, or refuse a code this forum did not issue."""
    code = read_badge_code(text)
    if code is None:
        raise Refused(_l("This is not a badge code: it reads like 1234-K7Q2M9XW4D."), field="code")
    registration = db.session.get(Registration, code.registration_id)
    secret = current_app.config["SECRET_KEY"]
    if registration is None or not is_genuine(code, secret, registration.forum_id):
        raise Refused(_l("This badge was not issued by Workshop. Check the person's identity by hand."), field="code")
    if registration.forum_id != forum.id:
        raise Refused(_l("This badge is for another forum."), field="code")
    return registration


def check_in(actor, forum, text, session=None):
    """Mark a confirmed person as present at the forum, and at `session` if one is given; twice is once."""
    registration = registration_of_badge(forum, text)
    hold_write_lock(Registration, registration.id)
    db.session.refresh(registration)
    if registration.status != RegistrationStatus.CONFIRMED:
        raise Refused(
            _l(
                "%(name)s has no confirmed place (the registration is not confirmed or was cancelled).",
                name=registration.name,
            ),
            field="code",
        )
    if session is None:
        return _check_in_at_forum(actor, forum, registration)
    return _check_in_at_session(actor, forum, registration, session)


def _check_in_at_forum(actor, forum, registration):
    if registration.checked_in_at is not None:
        return CheckIn(registration, already_at=registration.checked_in_at)
    registration.checked_in_at = utcnow()
    audit.record(actor, "desk.checked_in", registration.name, forum, registration_id=registration.id)
    return CheckIn(registration, already_at=None)


def _check_in_at_session(actor, forum, registration, session):
    existing = db.session.scalar(
        select(SessionAttendance).where(
            SessionAttendance.registration_id == registration.id, SessionAttendance.session_id == session.id
        )
    )
    if existing is not None:
        return CheckIn(registration, already_at=existing.checked_in_at, had_chosen=existing.had_chosen)
    had_chosen = _holds_a_place(registration, session)
    db.session.add(
        SessionAttendance(
            registration_id=registration.id,
            session_id=session.id,
            had_chosen=had_chosen,
            checked_in_by_id=actor.id if actor else None,
        )
    )
    if registration.checked_in_at is None:
        # Coming to a session means coming to the forum.
        registration.checked_in_at = utcnow()
    audit.record(
        actor,
        "desk.checked_in_at_session",
        registration.name,
        forum,
        registration_id=registration.id,
        **session_facts(session),
    )
    return CheckIn(registration, already_at=None, had_chosen=had_chosen)


def _holds_a_place(registration, session):
    """Tell whether the person chose the session and holds a place in it (plenaries are everyone's)."""
    if session.format == SessionFormat.PLENARY:
        return True
    return (
        db.session.scalar(
            select(SessionChoice.id).where(
                SessionChoice.registration_id == registration.id,
                SessionChoice.session_id == session.id,
                SessionChoice.status == ChoiceStatus.CHOSEN,
            )
        )
        is not None
    )
