"""Account use-cases: sign-in with throttling, invitations, roles and password resets."""
from datetime import timedelta

from email_validator import EmailNotValidError, validate_email
from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import func, select

from workshop.accounts.mail import send_mail
from workshop.accounts.models import ForumRole, LoginAttempt, User
from workshop.accounts.tokens import make_password_token, read_password_token
from workshop.core import audit
from workshop.core.site import site_url_for
from workshop.core.timezones import utcnow
from workshop.extensions import db


class TooManyAttempts(Exception):
    """Raised when an account or an address has failed to sign in too often lately."""


def normalise_email(address):
    """Return the canonical form of an e-mail address, or raise ValueError with the reason."""
    try:
        return validate_email(address.strip(), check_deliverability=False).normalized.lower()
    except EmailNotValidError as error:
        raise ValueError(str(error)) from error


def find_user_by_email(address):
    return db.session.scalar(select(User).where(User.email == address.strip().lower()))


def authenticate(email, password, remote_address):
    """Return the user these credentials belong to, or None; refuse outright after repeated failures."""
    email = email.strip().lower()
    _refuse_if_throttled(email, remote_address)
    user = find_user_by_email(email)
    if user is not None and user.is_active and user.check_password(password):
        return user
    db.session.add(LoginAttempt(email=email, remote_address=remote_address or ""))
    db.session.commit()
    return None


def _refuse_if_throttled(email, remote_address):
    config = current_app.config
    since = utcnow() - timedelta(minutes=config["LOGIN_FAILURE_WINDOW_MINUTES"])
    recent = select(func.count()).select_from(LoginAttempt).where(LoginAttempt.attempted_at >= since)
    by_account = db.session.scalar(recent.where(LoginAttempt.email == email))
    by_address = db.session.scalar(recent.where(LoginAttempt.remote_address == (remote_address or "")))
    if by_account >= config["LOGIN_FAILURES_PER_ACCOUNT"] or by_address >= config["LOGIN_FAILURES_PER_ADDRESS"]:
        raise TooManyAttempts()


def find_or_invite(email, name, actor, forum=None):
    """Return the account for `email`, creating it and e-mailing an invitation if it is new."""
    address = normalise_email(email)
    user = find_user_by_email(address)
    if user is not None:
        return user
    user = User(email=address, name=name.strip() or address.split("@")[0])
    db.session.add(user)
    db.session.flush()
    audit.record(actor, "account.invited", user.email, forum)
    send_mail(
        user.email,
        _("You have been invited to Workshop"),
        "accounts/mail/invitation.txt",
        user=user,
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
        user.email,
        _("Reset your Workshop password"),
        "accounts/mail/password_reset.txt",
        user=user,
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
    db.session.commit()
