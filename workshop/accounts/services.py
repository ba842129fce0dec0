"""Account use-cases: sign-in with throttling, invitations, roles and password resets."""

from datetime import timedelta

from email_validator import EmailNotValidError, validate_email
from flask import current_app
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from workshop.accounts.mail import send_mail
from workshop.accounts.models import ForumRole, LoginAttempt, User, check_stand_in_password
from workshop.accounts.tokens import (
    make_password_token,
    make_trusted_browser_token,
    make_unlock_token,
    read_password_token,
    read_trusted_browser_token,
    read_unlock_token,
)
from workshop.core import audit
from workshop.core.locking import hold_named_lock
from workshop.core.reader_zone import is_offered_zone
from workshop.core.refusals import Refused
from workshop.core.site import site_url_for
from workshop.core.timezones import known_timezones, utcnow
from workshop.extensions import db


class WrongPassword(Refused):
    """Raised when the current password given to change it is not the account's."""

    status = 400

    def __init__(self):
        super().__init__(_("That is not your current password."), field="current_password")


class TooManyAttempts(Refused):
    """Raised when an account or an address has failed to sign in too often lately."""

    status = 429

    def __init__(self):
        super().__init__(
            _(
                "Too many failed attempts. Wait a few minutes, or reset your password. If the account is "
                "yours, we have e-mailed you a link that lets you sign in from your browser."
            )
        )


class InvalidEmail(Refused):
    """Raised when an e-mail address cannot be an address; the message says why."""


def normalise_email(address):
    """Return the canonical form of an e-mail address, or raise InvalidEmail with the reason."""
    try:
        return validate_email(address.strip(), check_deliverability=False).normalized.lower()
    except EmailNotValidError as error:
        raise InvalidEmail(str(error), field="email") from error


def find_user_by_email(address):
    return db.session.scalar(select(User).where(User.email == address.strip().lower()))


def authenticate(email, password, remote_address, trusted_browser=False):
    """Return the user these credentials belong to, or None; refuse outright after repeated failures; the caller commits.

    Each attempt first takes a place among the failures allowed, under a lock, so that simultaneous
    attempts cannot all find room for themselves; then the password is checked, and a right one
    gives its place back. An address without an account goes through the same steps and the same
    hashing, so that neither the answer nor its time tells whether the account exists. A browser
    the owner unlocked from their mailbox (`trusted_browser`) has failures of its own to spend.
    """
    email = email.strip().lower()
    attempt, fills_the_limit = _take_a_place_among_failures(email, remote_address or "", trusted_browser)
    user = find_user_by_email(email)
    if _password_matches(user, password):
        db.session.delete(attempt)
        return user
    if fills_the_limit and not trusted_browser and user is not None and user.is_active:
        _send_unlock_link(user)
    return None


def _take_a_place_among_failures(email, address, trusted_browser):
    """Record an attempt as failed until its password is checked; raise TooManyAttempts when no place is left.

    Return the attempt and whether it takes the last place, which locks the account.
    """
    config = current_app.config
    hold_named_lock(f"sign-in:account:{email}")
    if not trusted_browser:
        hold_named_lock(f"sign-in:address:{address}")
    since = utcnow() - timedelta(minutes=config["LOGIN_FAILURE_WINDOW_MINUTES"])
    recent = (
        select(func.count())
        .select_from(LoginAttempt)
        .where(LoginAttempt.attempted_at >= since, LoginAttempt.from_trusted_browser == trusted_browser)
    )
    by_account = db.session.scalar(recent.where(LoginAttempt.email == email))
    by_address = 0 if trusted_browser else db.session.scalar(recent.where(LoginAttempt.remote_address == address))
    if by_account >= config["LOGIN_FAILURES_PER_ACCOUNT"] or by_address >= config["LOGIN_FAILURES_PER_ADDRESS"]:
        # The caller's commit_or_refuse rolls back, which lets the locks go.
        raise TooManyAttempts()
    attempt = LoginAttempt(email=email, remote_address=address, from_trusted_browser=trusted_browser)
    db.session.add(attempt)
    # Committed here, the one service commit: the place is taken and the locks let go before the slow hash.
    db.session.commit()
    return attempt, by_account + 1 == config["LOGIN_FAILURES_PER_ACCOUNT"]


def _password_matches(user, password):
    """Check the password of an active account, or a stand-in hash when there is none to check."""
    if user is None:
        return check_stand_in_password(password)
    return user.check_password(password) and user.is_active


def _send_unlock_link(user):
    """Mail the owner of a just-locked account a link that lets their own browser in, once per lockout."""
    window = timedelta(minutes=current_app.config["LOGIN_FAILURE_WINDOW_MINUTES"])
    if user.unlock_link_sent_at is not None and user.unlock_link_sent_at > utcnow() - window:
        return
    user.unlock_link_sent_at = utcnow()
    send_mail(
        user,
        _l("Your Workshop sign-in is locked"),
        "accounts/mail/unlock.txt",
        minutes=current_app.config["LOGIN_FAILURE_WINDOW_MINUTES"],
        link=site_url_for("accounts.unlock_sign_in", token=make_unlock_token(user)),
    )
    audit.record(user, "account.unlock_link_sent", user.email)


def user_from_unlock_token(token):
    """Return the user of a valid unlock link, or None."""
    return read_unlock_token(token, lambda user_id: db.session.get(User, user_id))


def trust_browser_of(user):
    """Return the cookie value that lets this browser sign in to the account despite others' failures."""
    audit.record(user, "account.browser_trusted", user.email)
    return make_trusted_browser_token(user)


def is_trusted_browser(cookie_value, email):
    """Tell whether the browser's trust cookie was given to the owner of the account at `email`."""
    user = (
        read_trusted_browser_token(cookie_value, lambda user_id: db.session.get(User, user_id))
        if cookie_value
        else None
    )
    return user is not None and user.email == email.strip().lower()


def find_or_create_account(address, name, **profile):
    """Return the account for a normalised address and whether it is new; a new one takes `name` and the profile."""
    user = find_user_by_email(address)
    if user is not None:
        return user, False
    user = User(email=address, name=name.strip() or address.split("@")[0], **profile)
    db.session.add(user)
    return user, True


def find_or_invite(actor, email, name, forum=None):
    """Return the account for `email`, creating it and e-mailing an invitation if it is new."""
    user, is_new = find_or_create_account(normalise_email(email), name)
    if not is_new:
        return user
    # The invitation's token is bound to the account's id.
    db.session.flush()
    audit.record(actor, "account.invited", user.email, forum)
    send_mail(
        user,
        _l("You have been invited to Workshop"),
        "accounts/mail/invitation.txt",
        forum=forum,
        inviter=actor,
        link=site_url_for("accounts.set_password", token=make_password_token(user, "invitation")),
    )
    return user


def grant_role(user, forum, role):
    """Give `user` a role in `forum` unless they already hold it."""
    if role not in user.roles_in(forum):
        db.session.add(ForumRole(user=user, forum=forum, role=role))
        db.session.flush()


def revoke_role(user, forum, role):
    for forum_role in list(user.forum_roles):
        if forum_role.forum_id == forum.id and forum_role.role == role:
            db.session.delete(forum_role)
    db.session.flush()


def send_password_reset(email):
    """E-mail a reset link if the address has an account; say nothing either way to the caller."""
    user = find_user_by_email(email)
    if user is None or not user.is_active:
        return
    send_mail(
        user,
        _l("Reset your Workshop password"),
        "accounts/mail/password_reset.txt",
        link=site_url_for("accounts.set_password", token=make_password_token(user, "reset")),
    )
    audit.record(user, "account.password_reset_requested", user.email)


def user_from_password_token(token):
    """Return the user of a valid invitation or reset token, or None."""
    return read_password_token(token, lambda user_id: db.session.get(User, user_id))


def sign_out_everywhere(user):
    """End every session of the account, on every device, remember-me cookies included."""
    user.end_every_session()
    audit.record(user, "account.signed_out_everywhere", user.email)


def set_password(user, password):
    """Set a new password and end every session signed in with the old one.

    The links sent before stop working too, because they are bound to the old password.
    """
    user.set_password(password)
    user.end_every_session()
    db.session.query(LoginAttempt).filter(LoginAttempt.email == user.email).delete()
    audit.record(user, "account.password_set", user.email)


def update_profile(user, name, preferred_language):
    """Change the name the agenda and e-mails use, and the language the person reads Workshop in."""
    user.name, user.preferred_language = name.strip(), preferred_language
    if audit.is_changed(user):
        audit.record(user, "account.profile_changed", user.email, name=user.name, language=preferred_language)


def save_reader_timezone(user, zone_name):
    """Show the person's agendas in the zone they live in, or in each forum's own when `zone_name` is None."""
    if zone_name is not None and not is_offered_zone(zone_name, known_timezones()):
        raise Refused(_("This is not a time zone we know. Choose one from the list."), field="zone")
    user.reader_timezone = zone_name


def change_password(user, current_password, new_password):
    """Set a new password for someone who knows the current one; every other session and old link dies."""
    if not user.check_password(current_password):
        raise WrongPassword()
    user.set_password(new_password)
    user.end_every_session()
    audit.record(user, "account.password_changed", user.email)


def revoke_feed_token(user):
    """Replace the person's calendar secret, so that the subscription links given out before stop working."""
    user.revoke_feed_token()
    audit.record(user, "account.feed_token_revoked", user.email)
