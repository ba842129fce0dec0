"""Signed links in registration mail: confirming an e-mail address, and an invitation to register."""

import enum
from dataclasses import dataclass

from flask import current_app
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

# Not secrets: salts that keep these tokens apart from each other and from other signed values (bandit B105).
EMAIL_CHECK_SALT = "workshop.registration.email-check"  # nosec B105
INVITATION_SALT = "workshop.registration.invitation"  # nosec B105


class TokenProblem(enum.Enum):
    EXPIRED = "expired"
    INVALID = "invalid"


@dataclass(frozen=True)
class TokenReading:
    """What a link says, or why it says nothing."""

    payload: dict | None = None
    problem: TokenProblem | None = None


def _serializer(salt):
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=salt)


def _read(token, salt, max_age_setting):
    try:
        return TokenReading(payload=_serializer(salt).loads(token, max_age=current_app.config[max_age_setting]))
    except SignatureExpired:
        return TokenReading(problem=TokenProblem.EXPIRED)
    except BadSignature:
        return TokenReading(problem=TokenProblem.INVALID)


def make_email_check_token(registration):
    """Bind the link to the registration, its address and when it was (re)started: a newer start voids it."""
    return _serializer(EMAIL_CHECK_SALT).dumps(
        {
            "registration": registration.id,
            "email": registration.email,
            "since": registration.registered_at.isoformat(),
        }
    )


def read_email_check_token(token):
    return _read(token, EMAIL_CHECK_SALT, "REGISTRATION_EMAIL_CHECK_MAX_AGE")


def make_invitation_token(forum, email):
    return _serializer(INVITATION_SALT).dumps({"forum": forum.id, "email": email})


def read_invitation_token(token):
    return _read(token, INVITATION_SALT, "REGISTRATION_INVITATION_MAX_AGE")
