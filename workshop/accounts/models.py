"""People who use Workshop and the roles they hold in each forum."""
import enum
import secrets
from datetime import datetime
from typing import Optional

from flask_login import UserMixin
from sqlalchemy import Enum, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship
from werkzeug.security import check_password_hash, generate_password_hash

from workshop.core.timezones import UTCDateTime, utcnow
from workshop.extensions import db


class ForumRoleName(enum.Enum):
    SECRETARIAT = "secretariat"
    FACILITATOR = "facilitator"
    RAPPORTEUR = "rapporteur"
    PARTICIPANT = "participant"


def new_feed_token():
    """Return a fresh secret for a personal calendar feed URL."""
    return secrets.token_urlsafe(24)


class User(UserMixin, db.Model):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    job_title: Mapped[str] = mapped_column(String(200), default="")
    organisation_id: Mapped[Optional[int]] = mapped_column(ForeignKey("organisations.id", ondelete="SET NULL"))
    country_code: Mapped[str] = mapped_column(String(2), default="")
    password_hash: Mapped[Optional[str]] = mapped_column(String(256))
    is_admin: Mapped[bool] = mapped_column(default=False)
    is_active_account: Mapped[bool] = mapped_column(default=True)
    preferred_language: Mapped[str] = mapped_column(String(5), default="")
    feed_token: Mapped[str] = mapped_column(String(64), unique=True, default=new_feed_token)
    # One e-mail after each release listing the changes to the person's own sessions; they may opt out.
    wants_change_digests: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    organisation = relationship("Organisation")
    forum_roles: Mapped[list["ForumRole"]] = relationship(back_populates="user", cascade="all, delete-orphan")

    def __repr__(self):
        return f"<User {self.email}>"

    @property
    def is_active(self):
        return self.is_active_account

    def set_password(self, password):
        self.password_hash = generate_password_hash(password)

    def check_password(self, password):
        return self.password_hash is not None and check_password_hash(self.password_hash, password)

    def roles_in(self, forum):
        """Return the set of role names this user holds in `forum`."""
        return {role.role for role in self.forum_roles if role.forum_id == forum.id}

    def revoke_feed_token(self):
        """Replace the personal feed secret so that old subscription URLs stop working."""
        self.feed_token = new_feed_token()


class ForumRole(db.Model):
    __tablename__ = "forum_roles"
    __table_args__ = (UniqueConstraint("user_id", "forum_id", "role", name="uq_forum_roles_user_forum_role"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    forum_id: Mapped[int] = mapped_column(ForeignKey("forums.id", ondelete="CASCADE"), index=True)
    role: Mapped[ForumRoleName] = mapped_column(Enum(ForumRoleName, native_enum=False, length=20))

    user: Mapped[User] = relationship(back_populates="forum_roles")
    forum = relationship("Forum", back_populates="roles")


class LoginAttempt(db.Model):
    """A failed login, kept in the database so every worker and host sees the same count."""

    __tablename__ = "login_attempts"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), index=True)
    remote_address: Mapped[str] = mapped_column(String(64), index=True)
    attempted_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
