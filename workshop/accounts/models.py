"""People who use Workshop and the roles they hold in each forum."""

import enum
import functools
import secrets
from datetime import datetime
from typing import TYPE_CHECKING, Optional

from flask_login import UserMixin
from sqlalchemy import Enum, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship
from werkzeug.security import check_password_hash, generate_password_hash

from workshop.core.timezones import UTCDateTime, utcnow
from workshop.extensions import db

if TYPE_CHECKING:
    # Forums sit above accounts: a forum's people are accounts, so the model names them by string only.
    from workshop.forums.models import Forum, Organisation


# OWASP's Password Storage Cheat Sheet lists five scrypt settings as equal minimums, from N = 2^17, r = 8,
# p = 1 (128 MiB a hash) down to N = 2^13, r = 8, p = 10 (8 MiB). Werkzeug's default (N = 2^15, p = 1,
# 32 MiB) is below them all. A web worker peaks at its resident size plus one hash: at 32 MiB, signing
# the secretariat in took a worker from 124 to 154 MB (docs/benchmarks.md); this one takes 8 MiB, for
# about twice the default's processor time (150 against 80 ms here).
PASSWORD_HASH_METHOD = "scrypt:8192:8:10"  # nosec B105 - the name of a hashing method, not a password


def hash_password(password):
    """Return the hash of `password` as every new one is made: salted, with PASSWORD_HASH_METHOD."""
    return generate_password_hash(password, method=PASSWORD_HASH_METHOD)


class ForumRoleName(enum.Enum):
    SECRETARIAT = "secretariat"
    FACILITATOR = "facilitator"
    RAPPORTEUR = "rapporteur"
    PARTICIPANT = "participant"


def new_feed_token():
    """Return a fresh secret for a personal calendar feed URL."""
    return secrets.token_urlsafe(24)


def new_session_secret():
    """Return a fresh secret that every session and remember-me cookie of an account must name."""
    return secrets.token_urlsafe(24)


class User(UserMixin, db.Model):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    job_title: Mapped[str] = mapped_column(String(200), default="")
    organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisations.id", ondelete="SET NULL"))
    country_code: Mapped[str] = mapped_column(String(2), default="")
    password_hash: Mapped[str | None] = mapped_column(String(256))
    is_admin: Mapped[bool] = mapped_column(default=False)
    is_active_account: Mapped[bool] = mapped_column(default=True)
    preferred_language: Mapped[str] = mapped_column(String(5), default="")
    feed_token: Mapped[str] = mapped_column(String(64), unique=True, default=new_feed_token)
    # Part of the id that session and remember-me cookies carry (get_id): a new one signs every old cookie out.
    session_secret: Mapped[str] = mapped_column(String(64), default=new_session_secret)
    # When the owner was last mailed a link to unlock their sign-in: one mail per lockout, not one per guess.
    unlock_link_sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # One e-mail after each release listing the changes to the person's own sessions; they may opt out.
    wants_change_digests: Mapped[bool] = mapped_column(default=True)
    # The IANA zone the person reads agendas in; None shows each forum's own times.
    reader_timezone: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    organisation: Mapped[Optional["Organisation"]] = relationship()
    forum_roles: Mapped[list["ForumRole"]] = relationship(back_populates="user", cascade="all, delete-orphan")

    def __repr__(self):
        return f"<User {self.email}>"

    @property
    def is_active(self):
        return self.is_active_account

    def get_id(self):
        """Name the account with its current session secret, as Flask-Login keeps it in both cookies."""
        return f"{self.id}:{self.session_secret}"

    def end_every_session(self):
        """Replace the session secret, so that every cookie signed in so far, on any device, stops working."""
        self.session_secret = new_session_secret()

    def set_password(self, password):
        self.password_hash = hash_password(password)

    def check_password(self, password):
        """Tell whether `password` is this account's; without a password yet, do the same work and say no.

        A hash made with other parameters (an older default) is checked with its own.
        """
        if self.password_hash is None:
            return check_stand_in_password(password)
        return check_password_hash(self.password_hash, password)

    def roles_in(self, forum):
        """Return the set of role names this user holds in `forum`."""
        return {role.role for role in self.forum_roles if role.forum_id == forum.id}

    def revoke_feed_token(self):
        """Replace the personal feed secret so that old subscription URLs stop working."""
        self.feed_token = new_feed_token()


@functools.cache
def stand_in_password_hash():
    """Return a hash of a random password, made as real ones are, to check unknown addresses against.

    Checking a password costs time on purpose; an address without an account must cost the same, or
    the time of the answer tells whether the address has an account.
    """
    return hash_password(secrets.token_urlsafe(16))


def check_stand_in_password(password):
    """Spend on an address without a password the time a real check takes, and say no."""
    check_password_hash(stand_in_password_hash(), password)
    return False


class ForumRole(db.Model):
    __tablename__ = "forum_roles"
    __table_args__ = (UniqueConstraint("user_id", "forum_id", "role", name="uq_forum_roles_user_forum_role"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    forum_id: Mapped[int] = mapped_column(ForeignKey("forums.id", ondelete="CASCADE"), index=True)
    role: Mapped[ForumRoleName] = mapped_column(Enum(ForumRoleName, native_enum=False, length=20))

    user: Mapped[User] = relationship(back_populates="forum_roles")
    forum: Mapped["Forum"] = relationship(back_populates="roles")


class LoginAttempt(db.Model):
    """A failed sign-in, or one whose password is being checked, which holds its place under the limit meanwhile.

    Kept in the database so that every worker and host sees the same count.
    """

    __tablename__ = "login_attempts"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), index=True)
    remote_address: Mapped[str] = mapped_column(String(64), index=True)
    attempted_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    # Made in a browser the owner unlocked from their mailbox: counted apart from everyone else's guesses.
    from_trusted_browser: Mapped[bool] = mapped_column(default=False)
