"""Registration use cases: settings, registering, checking the address, admission, decisions, changes, cancelling.

Each takes the acting user (None for someone not signed in), raises `Refused` with a reason for
people, and leaves the commit to the caller. Everything that counts places starts with
`lock_forum_places`, so that concurrent registrations and cancellations take turns: nobody gets a
place that is not there, and nobody loses their position in the waiting list.
"""

from dataclasses import dataclass, field
from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, or_, select

from workshop.accounts.mail import Address
from workshop.accounts.models import ForumRoleName
from workshop.accounts.services import (
    find_or_create_account,
    find_user_by_email,
    grant_role,
    normalise_email,
    revoke_role,
)
from workshop.accounts.tokens import make_password_token
from workshop.core import audit
from workshop.core.locking import hold_write_lock
from workshop.core.refusals import Refused
from workshop.core.site import site_url_for
from workshop.core.timezones import utcnow
from workshop.extensions import db
from workshop.forums.mail import send_forum_mail
from workshop.forums.models import Forum, Organisation, OrganisationType, ParticipantGroup
from workshop.forums.rules import KnownOrganisation, repeated_organisation
from workshop.forums.services import organisation_repeated
from workshop.registration import rules, wording
from workshop.registration.choices import release_choices
from workshop.registration.mail import send_to_registrant
from workshop.registration.models import Gender, Honorific, Invitation, Registration, RegistrationSettings
from workshop.registration.queries import settings_of, window_of
from workshop.registration.rules import Attempt, Places, RegistrationMode, RegistrationStatus, WindowState
from workshop.registration.tokens import (
    TokenProblem,
    make_email_check_token,
    make_invitation_token,
    read_email_check_token,
    read_invitation_token,
)

Status = RegistrationStatus


@dataclass(frozen=True)
class Details:
    """What a person tells about themselves on the registration form."""

    name: str
    country_code: str
    group_id: int | None
    title: str | None = None
    organisation_id: int | None = None
    new_organisation_name: str = ""
    new_organisation_acronym: str = ""
    gender: str | None = None
    languages: tuple = ()
    accessibility_needs: str = ""
    dietary_needs: str = ""
    listed_publicly: bool = False


@dataclass(frozen=True)
class SettingsChanges:
    mode: str
    opens_at: datetime | None = None
    closes_at: datetime | None = None
    capacity: int | None = None
    quotas: dict = field(default_factory=dict)


# --- Reading --------------------------------------------------------------------------------


def stakeholder_groups_of(forum):
    return db.session.scalars(
        select(ParticipantGroup)
        .where(ParticipantGroup.forum_id == forum.id, ParticipantGroup.stakeholder.is_not(None))
        .order_by(ParticipantGroup.position, ParticipantGroup.id)
    ).all()


def organisations_for(forum):
    """Return the organisations a registrant picks from: the shared directory and the forum's own."""
    return db.session.scalars(
        select(Organisation)
        .where(or_(Organisation.forum_id.is_(None), Organisation.forum_id == forum.id))
        .order_by(func.lower(Organisation.name))
    ).all()


def waiting_position(registration):
    """Return a waiting person's place in the forum's waiting list (1 is next)."""
    arrivals = db.session.scalars(
        select(Registration.arrival_number).where(
            Registration.forum_id == registration.forum_id, Registration.status == Status.WAITING
        )
    ).all()
    return rules.waiting_position(registration.arrival_number, arrivals)


def count_confirmed(forum, group_id=None):
    query = (
        select(func.count())
        .select_from(Registration)
        .where(Registration.forum_id == forum.id, Registration.status == Status.CONFIRMED)
    )
    if group_id is not None:
        query = query.where(Registration.group_id == group_id)
    return db.session.scalar(query)


# --- Places ---------------------------------------------------------------------------------


def lock_forum_places(forum):
    """Take the forum's write lock, then forget what was read before it: counts must be read under the lock."""
    hold_write_lock(Forum, forum.id)
    db.session.expire_all()


def forum_places(forum, settings):
    return Places(settings.capacity if settings else None, count_confirmed(forum))


def group_places(forum, group):
    if group is None:
        return rules.UNLIMITED
    return Places(group.quota, count_confirmed(forum, group.id))


def _admit(registration, target):
    """Put a registration into `target`, numbering its arrival if it now holds or waits for a place."""
    _move(registration, target)
    if target in (Status.CONFIRMED, Status.WAITING):
        registration.arrival_number = _next_arrival_number(registration.forum_id)
    _tell_about_status(registration)


def _next_arrival_number(forum_id):
    latest = db.session.scalar(select(func.max(Registration.arrival_number)).where(Registration.forum_id == forum_id))
    return (latest or 0) + 1


def _move(registration, target):
    if not rules.can_move(registration.status, target):
        raise Refused(wording.cannot_move(registration.status, target))
    registration.status = target
    registration.status_changed_at = utcnow()


def _has_room(forum, settings, group):
    return rules.has_room_for_one(forum_places(forum, settings), group_places(forum, group))


def promote_waiting(actor, forum, settings):
    """Give the places that are free to the people waiting for them, earliest arrival first, and tell them."""
    waiting = db.session.scalars(
        select(Registration).where(Registration.forum_id == forum.id, Registration.status == Status.WAITING)
    ).all()
    if not waiting:
        return []
    groups = {group.id: group_places(forum, group) for group in forum.participant_groups}
    chosen = rules.promotions(
        [rules.Waiting(entry.id, entry.arrival_number, entry.group_id) for entry in waiting],
        forum_places(forum, settings),
        groups,
    )
    by_id = {entry.id: entry for entry in waiting}
    promoted = [by_id[entry.key] for entry in chosen]
    for registration in promoted:
        _move(registration, Status.CONFIRMED)
        audit.record(actor, "registration.promoted", registration.name, forum, registration_id=registration.id)
        send_to_registrant(
            registration,
            _l("You have a place at %(forum)s", forum=forum.title),
            "registration/mail/promoted.txt",
        )
    return promoted


# --- Settings -------------------------------------------------------------------------------


def save_settings(actor, forum, changes: SettingsChanges):
    """Set how the forum takes registrations; new places go to the waiting list at once."""
    lock_forum_places(forum)
    if changes.opens_at and changes.closes_at and changes.closes_at <= changes.opens_at:
        raise Refused(_l("Registration must close after it opens."), field="closes_at")
    settings = settings_of(forum) or RegistrationSettings(forum_id=forum.id)
    before = (
        settings.id and audit.column_values(settings),
        {group.id: group.quota for group in forum.participant_groups},
    )
    settings.mode = RegistrationMode(changes.mode)
    settings.opens_at, settings.closes_at = changes.opens_at, changes.closes_at
    settings.capacity = changes.capacity
    for group in forum.participant_groups:
        if group.id in changes.quotas:
            group.quota = changes.quotas[group.id]
    db.session.add(settings)
    db.session.flush()
    after = (audit.column_values(settings), {group.id: group.quota for group in forum.participant_groups})
    if after != before:
        audit.record(
            actor,
            "registration.settings_saved",
            forum.title,
            forum,
            mode=settings.mode.value,
            capacity=settings.capacity,
        )
    promote_waiting(actor, forum, settings)
    return settings


# --- Registering ----------------------------------------------------------------------------


def register(actor, forum, details: Details, email="", language="", invitation=None):
    """Register a person for the forum, or refuse and say why.

    Someone signed in registers as their account; someone invited registers the invited address;
    both have shown that the address is theirs, so they are admitted at once (or await approval).
    Anyone else gets a link to check the address first, and nothing else happens until they use it.
    """
    lock_forum_places(forum)
    settings, state = window_of(forum)
    if state != WindowState.OPEN:
        raise Refused(wording.window_closed(state, settings, forum))
    address, checked = _address_of(actor, forum, settings, email, invitation)
    existing = db.session.scalar(
        select(Registration).where(Registration.forum_id == forum.id, Registration.email == address)
    )
    attempt = rules.attempt_for(existing.status if existing else None)
    if attempt == Attempt.DUPLICATE:
        raise Refused(wording.duplicate(existing.status), field="email")
    registration = existing or Registration(forum=forum, email=address, status=Status.AWAITING_EMAIL_CHECK)
    _apply_details(registration, forum, details)
    registration.language = language or registration.language
    registration.registered_at = utcnow()
    registration.arrival_number = None
    db.session.add(registration)
    if attempt == Attempt.REOPEN and not checked:
        _move(registration, Status.AWAITING_EMAIL_CHECK)
    db.session.flush()
    audit.record(actor, "registration.started", registration.name, forum, registration_id=registration.id)
    if checked:
        registration.user = account_for(registration)
        _after_email_check(registration, settings)
    else:
        _send_email_check(registration)
    return registration


def _address_of(actor, forum, settings, email, invitation):
    """Return the address to register and whether it is known to be the person's."""
    if invitation is not None:
        return invitation, True
    if actor is not None:
        address = actor.email
    elif not (email or "").strip():
        raise Refused(_l("Enter a valid e-mail address."), field="email")
    else:
        # A malformed address is refused at the field with the validator's reason (InvalidEmail).
        address = normalise_email(email)
    if settings.mode == RegistrationMode.INVITATION and not _is_invited(forum, address):
        raise Refused(
            _l("This forum registers by invitation only, and this address has not been invited."),
            field="email" if actor is None else None,
        )
    return address, actor is not None


def _is_invited(forum, address):
    return (
        db.session.scalar(select(Invitation.id).where(Invitation.forum_id == forum.id, Invitation.email == address))
        is not None
    )


def _apply_details(registration, forum, details: Details):
    """Copy the form's answers onto the registration, checking those the form cannot check alone."""
    group = db.session.get(ParticipantGroup, details.group_id) if details.group_id else None
    if group is None or group.forum_id != forum.id or not group.is_stakeholder_group:
        raise Refused(_l("Choose one of the forum's stakeholder groups."), field="group_id")
    registration.group = group
    registration.name = details.name.strip()
    registration.title = Honorific(details.title) if details.title else None
    registration.country_code = details.country_code.upper()
    registration.gender = Gender(details.gender) if details.gender else None
    registration.languages = ",".join(rules.spoken_languages(details.languages))
    registration.accessibility_needs = details.accessibility_needs.strip()
    registration.dietary_needs = details.dietary_needs.strip()
    registration.listed_publicly = details.listed_publicly
    registration.organisation = _organisation_for(forum, details)


def _organisation_for(forum, details: Details):
    """Return the organisation picked, or the one the person adds to the forum's own list."""
    name = details.new_organisation_name.strip()
    if name:
        known = [KnownOrganisation(item.id, item.name, item.acronym) for item in organisations_for(forum)]
        repeated = repeated_organisation(name, details.new_organisation_acronym, known)
        if repeated is not None:
            raise Refused(organisation_repeated(repeated), field=f"new_organisation_{repeated.field}")
        organisation = Organisation(
            forum_id=forum.id,
            name=name,
            acronym=details.new_organisation_acronym.strip(),
            type=OrganisationType.OTHER,
            country_code=details.country_code.upper(),
        )
        db.session.add(organisation)
        return organisation
    if not details.organisation_id:
        return None
    organisation = db.session.get(Organisation, details.organisation_id)
    if organisation is None or organisation.forum_id not in (None, forum.id):
        raise Refused(_l("Choose an organisation from the list, or add yours."), field="organisation_id")
    return organisation


def account_for(registration):
    """Return the account of the registration's address, opening one (without a password) if there is none."""
    user, is_new = find_or_create_account(
        registration.email,
        registration.name,
        country_code=registration.country_code,
        organisation=registration.organisation,
        preferred_language=registration.language,
    )
    if is_new:
        db.session.flush()
    return user


def choose_change_digests(actor, wanted):
    """Record whether the person wants an e-mail after each release that changes their sessions."""
    actor.wants_change_digests = wanted


def _send_email_check(registration):
    send_to_registrant(
        registration,
        _l("Confirm your e-mail address for %(forum)s", forum=registration.forum.title),
        "registration/mail/check_email.txt",
        link=site_url_for(
            "registration.check_email", slug=registration.forum.slug, token=make_email_check_token(registration)
        ),
    )


def _after_email_check(registration, settings):
    registration.email_checked_at = utcnow()
    # A participant of a forum that is not public must be able to see it, and their registration in it.
    grant_role(registration.user, registration.forum, ForumRoleName.PARTICIPANT)
    forum = registration.forum
    target = rules.status_after_email_check(settings.mode, _has_room(forum, settings, registration.group))
    _admit(registration, target)


def check_email(token):
    """Take a confirmed address as the person's and move their registration on; refuse a link that is spent."""
    reading = read_email_check_token(token)
    if reading.problem == TokenProblem.EXPIRED:
        raise Refused(_l("This link has expired. Register again to get a new one; what you entered is kept."))
    if reading.problem is not None:
        raise Refused(_l("This link is not valid. Copy the whole address from the e-mail."))
    registration = db.session.get(Registration, reading.payload.get("registration"))
    if registration is None:
        raise Refused(_l("This registration no longer exists."))
    lock_forum_places(registration.forum)
    registration = db.session.get(Registration, registration.id)
    if registration.email != reading.payload.get("email"):
        raise Refused(_l("This registration no longer exists."))
    if registration.status == Status.CANCELLED:
        raise Refused(_l("This registration was cancelled, so the link no longer works. You may register again."))
    if registration.status != Status.AWAITING_EMAIL_CHECK:
        raise Refused(
            _l("This link has been used already: your address is confirmed. Sign in to see your registration.")
        )
    if registration.registered_at.isoformat() != reading.payload.get("since"):
        raise Refused(_l("A newer link was sent for this registration; use the one in the latest e-mail."))
    registration.user = account_for(registration)
    audit.record(
        registration.user,
        "registration.email_checked",
        registration.name,
        registration.forum,
        registration_id=registration.id,
    )
    _after_email_check(registration, settings_of(registration.forum))
    return registration


# --- Telling people -------------------------------------------------------------------------

# The message each status sends, and its subject for a forum (said lazily: the recipient's language decides).
STATUS_MAIL = {
    Status.AWAITING_APPROVAL: (
        lambda forum: _l("We have your registration for %(forum)s", forum=forum.title),
        "registration/mail/awaiting_approval.txt",
    ),
    Status.CONFIRMED: (
        lambda forum: _l("Your place at %(forum)s is confirmed", forum=forum.title),
        "registration/mail/confirmed.txt",
    ),
    Status.WAITING: (
        lambda forum: _l("You are on the waiting list for %(forum)s", forum=forum.title),
        "registration/mail/waiting.txt",
    ),
    Status.DECLINED: (
        lambda forum: _l("Your registration for %(forum)s", forum=forum.title),
        "registration/mail/declined.txt",
    ),
    Status.CANCELLED: (
        lambda forum: _l("Your registration for %(forum)s is cancelled", forum=forum.title),
        "registration/mail/cancelled.txt",
    ),
}


def _tell_about_status(registration):
    subject, template = STATUS_MAIL[registration.status]
    context = {}
    if registration.status == Status.WAITING:
        db.session.flush()
        context["position"] = waiting_position(registration)
    needs_password = registration.user is not None and registration.user.password_hash is None
    if needs_password and rules.is_active(registration.status):
        # Someone who registered without an account needs a password to come back and pick sessions.
        context["password_link"] = site_url_for(
            "accounts.set_password", token=make_password_token(registration.user, "invitation")
        )
    send_to_registrant(registration, subject(registration.forum), template, **context)


# --- The secretariat's decisions and invitations --------------------------------------------


def approve(actor, forum, registrations):
    """Accept registrations that await approval: each gets a place while there is one, else waits, in the given order."""
    lock_forum_places(forum)
    settings = settings_of(forum)
    for registration in _reloaded(registrations):
        if registration.status != Status.AWAITING_APPROVAL:
            raise Refused(wording.not_awaiting_approval(registration))
        _admit(registration, rules.admission(_has_room(forum, settings, registration.group)))
        audit.record(actor, "registration.approved", registration.name, forum, registration_id=registration.id)


def decline(actor, forum, registrations):
    """Decline registrations that await approval or wait for a place, and tell each person."""
    lock_forum_places(forum)
    for registration in _reloaded(registrations):
        _move(registration, Status.DECLINED)
        registration.arrival_number = None
        _end_participation(registration)
        _tell_about_status(registration)
        audit.record(actor, "registration.declined", registration.name, forum, registration_id=registration.id)


def move_to_group(actor, forum, registrations, group):
    """Put registrations in another stakeholder group of the forum, all or none.

    Confirmed people take places in the group they join, so they all move only if its quota has room
    for them; the places they leave go to the people waiting.
    """
    lock_forum_places(forum)
    if group.forum_id != forum.id or group.stakeholder is None:
        raise Refused(_l("Choose one of the forum's stakeholder groups."))
    moving = [registration for registration in _reloaded(registrations) if registration.group_id != group.id]
    confirmed_moving = sum(registration.status == Status.CONFIRMED for registration in moving)
    if confirmed_moving and group.quota is not None:
        places_left = max(group.quota - count_confirmed(forum, group.id), 0)
        if confirmed_moving > places_left:
            raise Refused(wording.group_too_full_to_move(group, places_left, confirmed_moving))
    for registration in moving:
        registration.group = group
        audit.record(
            actor,
            "registration.moved",
            registration.name,
            forum,
            registration_id=registration.id,
            group=wording.group_name(group),
        )
    db.session.flush()
    promote_waiting(actor, forum, settings_of(forum))
    return moving


def _end_participation(registration):
    """Take away the participant role a registration gave; roles the secretariat gave for other reasons stay."""
    if registration.user is not None:
        revoke_role(registration.user, registration.forum, ForumRoleName.PARTICIPANT)


def _reloaded(registrations):
    """Read the registrations again under the lock, in a stable order."""
    return [db.session.get(Registration, registration_id) for registration_id in sorted(r.id for r in registrations)]


def invite(actor, forum, addresses):
    """Invite addresses to register, once each; return those newly invited and those invited or registered already."""
    lock_forum_places(forum)
    invited, skipped = [], []
    for address in addresses:
        taken = db.session.scalar(
            select(Registration.id).where(Registration.forum_id == forum.id, Registration.email == address)
        )
        if taken is not None or _is_invited(forum, address):
            skipped.append(address)
            continue
        db.session.add(Invitation(forum_id=forum.id, email=address, invited_by_id=actor.id if actor else None))
        invited.append(address)
        known = find_user_by_email(address)
        send_forum_mail(
            Address(address, preferred_language=known.preferred_language if known else ""),
            _l("You are invited to %(forum)s", forum=forum.title),
            "registration/mail/invitation.txt",
            forum,
            inviter=actor,
            link=site_url_for(
                "registration.register", slug=forum.slug, invitation=make_invitation_token(forum, address)
            ),
        )
    db.session.flush()
    audit.record(actor, "registration.invited", forum.title, forum, count=len(invited))
    return invited, skipped


def invited_address(forum, token):
    """Return the address an invitation link was sent to, or refuse a link that is not (or no longer) one."""
    reading = read_invitation_token(token)
    if reading.problem == TokenProblem.EXPIRED:
        raise Refused(_l("This invitation has expired. Ask the secretariat for a new one."))
    payload = reading.payload or {}
    if reading.problem is not None or payload.get("forum") != forum.id or not _is_invited(forum, payload.get("email")):
        raise Refused(_l("This invitation link is not valid for this forum."))
    return payload["email"]


# --- The person's own changes ---------------------------------------------------------------


def _active_under_lock(registration):
    """Read the registration again under its forum's lock; refuse if it is no longer active."""
    lock_forum_places(registration.forum)
    registration = db.session.get(Registration, registration.id)
    if not rules.is_active(registration.status):
        raise Refused(wording.not_active(registration.status))
    return registration


def change_details(actor, registration, details: Details):
    """Change what a person told us; moving to a full stakeholder group keeps the place they hold."""
    registration = _active_under_lock(registration)
    forum, settings = registration.forum, settings_of(registration.forum)
    old_group_id, before = registration.group_id, audit.column_values(registration)
    _apply_details(registration, forum, details)
    group = registration.group
    if group.id != old_group_id and registration.status == Status.CONFIRMED:
        db.session.flush()
        if group.quota is not None and count_confirmed(forum, group.id) > group.quota:
            raise Refused(wording.group_full(group), field="group_id")
    db.session.flush()
    if audit.column_values(registration) != before:
        audit.record(actor, "registration.changed", registration.name, forum, registration_id=registration.id)
    promote_waiting(actor, forum, settings)
    return registration


def cancel(actor, registration, tell=True):
    """Cancel a registration: its place and its sessions go to the people waiting, in order.

    `tell=False` sends the person no mail (they are withdrawing and their address is being erased).
    """
    registration = _active_under_lock(registration)
    forum, settings = registration.forum, settings_of(registration.forum)
    _move(registration, Status.CANCELLED)
    registration.arrival_number = None
    _end_participation(registration)
    release_choices(actor, registration)
    db.session.flush()
    if tell:
        _tell_about_status(registration)
    audit.record(actor, "registration.cancelled", registration.name, forum, registration_id=registration.id)
    promote_waiting(actor, forum, settings)
    return registration
