"""Signed, expiring links for setting a password (invitations and resets) and for unlocking a sign-in,
and the cookie that marks a browser whose owner unlocked their account from their mailbox."""

import hashlib

from flask import current_app
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

# Not secrets: salts that keep each kind of token apart from the others (bandit B105), so that
# an unlock link can never set a password, nor a password link mark a browser.
PASSWORD_SALT = "workshop.set-password"  # nosec B105
UNLOCK_SALT = "workshop.unlock-sign-in"  # nosec B105
TRUSTED_BROWSER_SALT = "workshop.trusted-browser"  # nosec B105


def _serializer(salt=PASSWORD_SALT):
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=salt)


def _password_fingerprint(user):
    """Bind a token to the account's address and current password: it dies once the password is set,
    and it can never open another account that comes to have the same id."""
    return hashlib.sha256(f"{user.email}|{user.password_hash or 'no-password'}".encode()).hexdigest()[:16]


MAX_AGE_SETTINGS = {"invitation": "INVITATION_TOKEN_MAX_AGE", "reset": "PASSWORD_TOKEN_MAX_AGE"}


def make_password_token(user, purpose):
    """Return a token for `purpose` ("invitation" or "reset"); each purpose expires on its own clock."""
    return _serializer().dumps({"user": user.id, "password": _password_fingerprint(user), "purpose": purpose})


def read_password_token(token, load_user):
    """Return the user a token was made for, or None if it is forged, expired or already used."""
    try:
        purpose = _serializer().loads_unsafe(token)[1].get("purpose")
        max_age = current_app.config[MAX_AGE_SETTINGS[purpose]]
        payload = _serializer().loads(token, max_age=max_age)
    except (BadSignature, SignatureExpired, KeyError, AttributeError, TypeError):
        return None
    user = load_user(payload.get("user"))
    if user is None or payload.get("password") != _password_fingerprint(user):
        return None
    return user


def _sessions_fingerprint(user):
    """Bind a token to the account's session secret: signing out everywhere kills it too."""
    return hashlib.sha256(f"{user.id}|{user.session_secret}".encode()).hexdigest()[:16]


def _make_session_bound_token(user, salt):
    return _serializer(salt).dumps({"user": user.id, "sessions": _sessions_fingerprint(user)})


def _read_session_bound_token(token, salt, max_age, load_user):
    try:
        payload = _serializer(salt).loads(token or "", max_age=max_age)
        user = load_user(int(payload["user"]))
    except (BadSignature, SignatureExpired, KeyError, TypeError, ValueError):
        return None
    if user is None or payload.get("sessions") != _sessions_fingerprint(user):
        return None
    return user


def make_unlock_token(user):
    """Return the token of a link that lets the account's owner sign in from their browser despite a lockout."""
    return _make_session_bound_token(user, UNLOCK_SALT)


def read_unlock_token(token, load_user):
    """Return the user an unlock link was made for, or None if it is forged or expired."""
    return _read_session_bound_token(token, UNLOCK_SALT, current_app.config["UNLOCK_TOKEN_MAX_AGE"], load_user)


def make_trusted_browser_token(user):
    """Return the cookie value that marks a browser as the account owner's."""
    return _make_session_bound_token(user, TRUSTED_BROWSER_SALT)


def read_trusted_browser_token(token, load_user):
    """Return the user whose browser the cookie marks, or None."""
    max_age = int(current_app.config["TRUSTED_BROWSER_DURATION"].total_seconds())
    return _read_session_bound_token(token, TRUSTED_BROWSER_SALT, max_age, load_user)
