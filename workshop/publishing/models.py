"""A published agenda release and the snapshot it froze."""

from datetime import datetime

from sqlalchemy import JSON, Enum, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from workshop.accounts.models import User
from workshop.core.timezones import UTCDateTime, utcnow
from workshop.extensions import db
from workshop.forums.models import AgendaStatus, Forum


class AgendaRelease(db.Model):
    __tablename__ = "agenda_releases"
    __table_args__ = (UniqueConstraint("forum_id", "number", name="uq_agenda_releases_forum_number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    forum_id: Mapped[int] = mapped_column(ForeignKey("forums.id", ondelete="CASCADE"), index=True)
    number: Mapped[int]
    status: Mapped[AgendaStatus] = mapped_column(Enum(AgendaStatus, native_enum=False, length=20))
    published_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    published_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    note: Mapped[str] = mapped_column(String(1000), default="")
    # Loaded only when read: a release reloaded after its commit, or listed, does not parse its programme.
    snapshot: Mapped[dict] = mapped_column(JSON, deferred=True)

    forum: Mapped[Forum] = relationship()
    published_by: Mapped[User | None] = relationship()

    @property
    def cache_key(self):
        """Name this release for caches; the publication time keeps two databases sharing a cache apart."""
        return f"{self.id}@{self.published_at.isoformat()}"

    @property
    def cache_folder(self):
        """Name the cache folder of the forum's releases (workshop.core.filecache)."""
        return f"forum-{self.forum_id}"

    def cache_name(self, name):
        """Name a cache entry of this release: the release's id first, so that a later one can tell it apart."""
        return f"release-{self.id}-{name}"

    def supersedes(self, cache_name):
        """Tell whether the cache entry `cache_name` belongs to an earlier release of the forum."""
        number = cache_name.removeprefix("release-").split("-", 1)[0]
        return number.isdigit() and int(number) < self.id

    @property
    def is_final(self):
        return self.status == AgendaStatus.FINAL
