"""Read what registration keeps: a forum's settings and window, a person's registration, groups and selection."""

import hashlib

from sqlalchemy import select

from workshop.core.timezones import utcnow
from workshop.extensions import db
from workshop.forums.models import GroupMember, ParticipantGroup
from workshop.registration import rules
from workshop.registration.models import Registration, RegistrationSettings, SessionChoice
from workshop.registration.rules import ChoiceStatus, RegistrationStatus, WindowState


def settings_of(forum):
    """Return the forum's registration settings, or None while the secretariat has set none."""
    return db.session.scalar(select(RegistrationSettings).where(RegistrationSettings.forum_id == forum.id))


def window_of(forum, now=None):
    """Say whether the forum takes registrations now; a forum without settings does not."""
    settings = settings_of(forum)
    if settings is None:
        return None, WindowState.NOT_YET_OPEN
    return settings, rules.window_state(settings.opens_at, settings.closes_at, now or utcnow())


def registration_of(user, forum):
    """Return the person's registration for the forum, or None."""
    if user is None or not user.is_authenticated:
        return None
    return db.session.scalar(
        select(Registration).where(Registration.forum_id == forum.id, Registration.user_id == user.id)
    )


def groups_of(forum, user=None, registration=None):
    """Return the ids of the forum's groups the person belongs to (by stakeholder group, account or organisation)."""
    memberships = db.session.execute(
        select(GroupMember.group_id, GroupMember.user_id, GroupMember.organisation_id)
        .join(ParticipantGroup)
        .where(ParticipantGroup.forum_id == forum.id)
    ).all()
    organisation_id = registration.organisation_id if registration else (user.organisation_id if user else None)
    person = rules.Person(
        user_id=user.id if user is not None else (registration.user_id if registration else None),
        organisation_id=organisation_id,
        stakeholder_group_id=registration.group_id if registration else None,
    )
    return rules.groups_of(person, [rules.Membership(*row) for row in memberships])


def selection_of(user, forum):
    """Return what puts sessions of the forum into the person's agenda besides their roles."""
    registration = registration_of(user, forum)
    chosen = frozenset()
    if registration is not None and registration.status == RegistrationStatus.CONFIRMED:
        chosen = frozenset(
            db.session.scalars(
                select(SessionChoice.session_id).where(
                    SessionChoice.registration_id == registration.id, SessionChoice.status == ChoiceStatus.CHOSEN
                )
            )
        )
    return rules.Selection(chosen=chosen, groups=groups_of(forum, user, registration))


def selection_fingerprint(selection):
    """Name a selection in a few characters, so that caches of personal exports follow a changed choice."""
    text = f"{sorted(selection.chosen)}|{sorted(selection.groups)}"
    return hashlib.sha256(text.encode()).hexdigest()[:12]
