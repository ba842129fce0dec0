"""Account use-cases: sign-in with throttling, invitations, roles and password resets."""

from datetime import timedelta
from urllib.parse import urljoin

from email_validator import EmailNotValidError, validate_email
from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import func, select

from workshop.accounts.mail import send_mail
from workshop.accounts.models import ForumRole, LoginAttempt, User
from workshop.accounts.tokens import make_password_token, read_password_token
from workshop.core import audit
from workshop.core.refusals import Refused
from workshop.core.timezones import utcnow
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
        super().__init__(_("Too many failed attempts. Wait a few minutes, or reset your password."))


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


def authenticate(email, password, remote_address):
    """Return the user these credentials belong to, or None; refuse outright after repeated failures."""
    email = email.strip().lower()
    _refuse_if_throttled(email, remote_address)
    user = find_user_by_email(email)
    if user is not None and user.is_active and user.check_password(password):
        return user
    # The caller commits the failed attempt, so that every worker and host counts it.
    db.session.add(LoginAttempt(email=email, remote_address=remote_address or ""))
    return None


def _refuse_if_throttled(email, remote_address):
    config = current_app.config
    since = utcnow() - timedelta(minutes=config["LOGIN_FAILURE_WINDOW_MINUTES"])
    recent = select(func.count()).select_from(LoginAttempt).where(LoginAttempt.attempted_at >= since)
    by_account = db.session.scalar(recent.where(LoginAttempt.email == email))
    by_address = db.session.scalar(recent.where(LoginAttempt.remote_address == (remote_address or "")))
    if by_account >= config["LOGIN_FAILURES_PER_ACCOUNT"] or by_address >= config["LOGIN_FAILURES_PER_ADDRESS"]:
        raise TooManyAttempts()


def password_link(link_base, user, purpose):
    """Return the link that lets `user` set a password, on the site at `link_base` (e.g. "https://forum.example.org/")."""
    path = current_app.url_map.bind("", script_name="/").build(
        "accounts.set_password", {"token": make_password_token(user, purpose)}
    )
    return urljoin(link_base, path.lstrip("/"))


def find_or_create_account(address, name, **profile):
    """Return the account for a normalised address and whether it is new; a new one takes `name` and the profile."""
    user = find_user_by_email(address)
    if user is not None:
        return user, False
    user = User(email=address, name=name.strip() or address.split("@")[0], **profile)
    db.session.add(user)
    return user, True


def find_or_invite(actor, email, name, link_base, forum=None):
    """Return the account for `email`, creating it and e-mailing an invitation (links on `link_base`) if it is new."""
    user, is_new = find_or_create_account(normalise_email(email), name)
    if not is_new:
        return user
    # The invitation's token is bound to the account's id.
    db.session.flush()
    audit.record(actor, "account.invited", user.email, forum)
    send_mail(
        user.email,
        _("You have been invited to Workshop"),
        "accounts/mail/invitation.txt",
        user=user,
        forum=forum,
        inviter=actor,
        link=password_link(link_base, user, "invitation"),
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


def send_password_reset(email, link_base):
    """E-mail a reset link (on the site at `link_base`) if the address has an account; say nothing either way."""
    user = find_user_by_email(email)
    if user is None or not user.is_active:
        return
    send_mail(
        user.email,
        _("Reset your Workshop password"),
        "accounts/mail/password_reset.txt",
        user=user,
        link=password_link(link_base, user, "reset"),
    )
    audit.record(user, "account.password_reset_requested", user.email)


def user_from_password_token(token):
    """Return the user of a valid invitation or reset token, or None."""
    return read_password_token(token, lambda user_id: db.session.get(User, user_id))


def set_password(user, password):
    """Set a new password; the links sent before stop working because they are bound to the old one."""
    user.set_password(password)
    db.session.query(LoginAttempt).filter(LoginAttempt.email == user.email).delete()
    audit.record(user, "account.password_set", user.email)


def update_profile(user, name, preferred_language):
    """Change the name the agenda and e-mails use, and the language the person reads Workshop in."""
    user.name, user.preferred_language = name.strip(), preferred_language
    if audit.is_changed(user):
        audit.record(user, "account.profile_changed", user.email, name=user.name, language=preferred_language)


def change_password(user, current_password, new_password):
    """Set a new password for someone who knows the current one; links sent before stop working."""
    if not user.check_password(current_password):
        raise WrongPassword()
    user.set_password(new_password)
    audit.record(user, "account.password_changed", user.email)


def revoke_feed_token(user):
    """Replace the person's calendar secret, so that the subscription links given out before stop working."""
    user.revoke_feed_token()
    audit.record(user, "account.feed_token_revoked", user.email)
