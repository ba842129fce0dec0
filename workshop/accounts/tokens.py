"""Signed, expiring, single-use links for setting a password (invitations and resets)."""

import hashlib

from flask import current_app
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

# Not a secret: a salt that keeps these tokens apart from other signed values (bandit B105).
PASSWORD_SALT = "workshop.set-password"  # nosec B105


def _serializer():
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=PASSWORD_SALT)


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
