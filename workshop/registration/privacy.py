"""What Workshop holds about a person, as JSON for them to download, and withdrawing from a forum.

Withdrawal erases the registration's personal data and keeps only what anonymous counts need
(`rules.KEPT_AFTER_WITHDRAWAL`); docs/data-protection.md says what is kept, for how long and why.
"""

from sqlalchemy import delete, or_, select

from workshop.accounts.models import ForumRoleName, LoginAttempt
from workshop.core import audit
from workshop.core.audit import AuditEntry
from workshop.core.timezones import utcnow
from workshop.extensions import db
from workshop.forums.models import GroupMember, ParticipantGroup
from workshop.programme.models import Appointment, BlockItem, SessionItem
from workshop.registration import rules, services
from workshop.registration.models import Invitation, Registration

WITHDRAWN_SUBJECT = "—"


def _iso(moment):
    return moment.isoformat() if moment else None


def personal_data(user):
    """Return everything Workshop keeps about the person, in plain JSON-ready data."""
    registrations = db.session.scalars(select(Registration).where(Registration.user_id == user.id)).all()
    return {
        "account": {
            "name": user.name,
            "email": user.email,
            "job_title": user.job_title,
            "organisation": user.organisation.name if user.organisation else None,
            "country_code": user.country_code,
            "preferred_language": user.preferred_language,
            "created_at": _iso(user.created_at),
            "has_password": user.password_hash is not None,
            "wants_change_digests": user.wants_change_digests,
            "reader_timezone": user.reader_timezone,
        },
        "forum_roles": [{"forum": role.forum.slug, "role": role.role.value} for role in user.forum_roles],
        "appointments": [
            {
                "forum": appointment.session.forum.slug,
                "session": appointment.session.title,
                "role": appointment.role.value,
            }
            for appointment in db.session.scalars(select(Appointment).where(Appointment.user_id == user.id))
        ],
        "registrations": [_registration_data(registration) for registration in registrations],
        "group_memberships": [
            {"forum": member.group.forum.slug, "group": member.group.name or member.group.stakeholder.value}
            for member in db.session.scalars(select(GroupMember).where(GroupMember.user_id == user.id))
        ],
        "invitations": [
            {"forum": invitation.forum_id, "invited_at": _iso(invitation.invited_at)}
            for invitation in db.session.scalars(select(Invitation).where(Invitation.email == user.email))
        ],
        "failed_sign_ins": [
            _iso(attempt.attempted_at)
            for attempt in db.session.scalars(select(LoginAttempt).where(LoginAttempt.email == user.email))
        ],
        "actions_recorded": [
            {"action": entry.action, "subject": entry.subject, "at": _iso(entry.created_at)}
            for entry in db.session.scalars(
                select(AuditEntry).where(AuditEntry.actor_id == user.id).order_by(AuditEntry.id)
            )
        ],
    }


def _registration_data(registration):
    return {
        "forum": registration.forum.slug,
        "email": registration.email,
        "status": registration.status.value,
        "title": registration.title.value if registration.title else None,
        "name": registration.name,
        "organisation": registration.organisation.name if registration.organisation else None,
        "country_code": registration.country_code,
        "stakeholder_group": registration.group.stakeholder.value if registration.group else None,
        "gender": registration.gender.value if registration.gender else None,
        "languages": registration.language_codes,
        "accessibility_needs": registration.accessibility_needs,
        "dietary_needs": registration.dietary_needs,
        "listed_publicly": registration.listed_publicly,
        "language": registration.language,
        "registered_at": _iso(registration.registered_at),
        "email_checked_at": _iso(registration.email_checked_at),
        "checked_in_at": _iso(registration.checked_in_at),
        "sessions": [
            {
                "session": choice.session.title if choice.session else None,
                "session_id": choice.session_id,
                "status": choice.status.value,
                "chosen_at": _iso(choice.chosen_at),
            }
            for choice in registration.choices
        ],
    }


def withdraw(actor, registration):
    """Erase a registration's personal data, keeping its anonymous counts; close the account if nothing else needs it.

    Return whether the account was closed too.
    """
    forum = registration.forum
    services.lock_forum_places(forum)
    registration = db.session.get(Registration, registration.id)
    if rules.is_active(registration.status):
        registration = services.cancel(actor, registration, tell=False)
    user, email = registration.user, registration.email
    db.session.execute(delete(Invitation).where(Invitation.forum_id == forum.id, Invitation.email == email))
    if user is not None:
        group_ids = select(ParticipantGroup.id).where(ParticipantGroup.forum_id == forum.id)
        db.session.execute(
            delete(GroupMember).where(GroupMember.user_id == user.id, GroupMember.group_id.in_(group_ids))
        )
    _scrub_audit_subjects(registration)
    _erase_personal_columns(registration)
    registration.withdrawn_at = utcnow()
    audit.record(None, "registration.withdrawn", WITHDRAWN_SUBJECT, forum)
    db.session.flush()
    if user is not None and account_can_close(user):
        db.session.execute(delete(LoginAttempt).where(LoginAttempt.email == user.email))
        # The cancellation deleted the participant role's row; read the roles again so it is not deleted twice.
        db.session.expire(user, ["forum_roles"])
        db.session.delete(user)
        return True
    return False


def _erase_personal_columns(registration):
    """Empty every column that is not kept for anonymous counts."""
    for column in Registration.__table__.columns:
        if column.name == "id" or column.name in rules.KEPT_AFTER_WITHDRAWAL:
            continue
        empty = None if column.nullable else column.default.arg
        setattr(registration, column.key, empty)
    registration.choices.clear()


def _scrub_audit_subjects(registration):
    """Take the person out of the audit entries that name them (by registration, name or address); the facts stay."""
    email, name = registration.email, registration.name
    entries = db.session.scalars(
        select(AuditEntry).where(or_(AuditEntry.forum_id == registration.forum_id, AuditEntry.forum_id.is_(None)))
    ).all()
    for entry in entries:
        details = dict(entry.details or {})
        about_it = entry.action.startswith("registration.") and details.get("registration_id") == registration.id
        if about_it or entry.subject in (email, name) and email:
            entry.subject = WITHDRAWN_SUBJECT
        if email in details.values():
            entry.details = {key: WITHDRAWN_SUBJECT if value == email else value for key, value in details.items()}


def account_can_close(user):
    """An account goes with its last registration unless it serves a forum otherwise (staff, speakers, admins)."""
    if user.is_admin or any(role.role != ForumRoleName.PARTICIPANT for role in user.forum_roles):
        return False
    still_registered = select(Registration.id).where(
        Registration.user_id == user.id, Registration.withdrawn_at.is_(None)
    )
    takes_part = [
        select(Appointment.id).where(Appointment.user_id == user.id),
        select(SessionItem.id).where(SessionItem.speaker_id == user.id),
        select(BlockItem.id).where(BlockItem.speaker_id == user.id),
        select(GroupMember.id).where(GroupMember.user_id == user.id),
    ]
    return all(db.session.scalar(query.limit(1)) is None for query in [still_registered, *takes_part])
