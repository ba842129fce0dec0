"""The audit trail: who did what to which part of a forum, and when."""

from datetime import datetime
from typing import TYPE_CHECKING, Optional

from sqlalchemy import JSON, ForeignKey, String
from sqlalchemy import inspect as inspect_record
from sqlalchemy.orm import Mapped, mapped_column, relationship

from workshop.core.timezones import UTCDateTime, utcnow
from workshop.extensions import db

if TYPE_CHECKING:
    # Every feature records entries, accounts included: the model names the actor's class by string only.
    from workshop.accounts.models import User


class AuditEntry(db.Model):
    __tablename__ = "audit_entries"

    id: Mapped[int] = mapped_column(primary_key=True)
    forum_id: Mapped[int | None] = mapped_column(ForeignKey("forums.id", ondelete="CASCADE"), index=True)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    action: Mapped[str] = mapped_column(String(64))
    subject: Mapped[str] = mapped_column(String(300))
    details: Mapped[dict] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)

    actor: Mapped[Optional["User"]] = relationship()


def is_changed(record):
    """Tell whether saving `record` writes anything: it is new, or an attribute holds a new value.

    Ask before anything reads the database: a read flushes the change and the answer with it.
    """
    return record.id is None or db.session.is_modified(record, include_collections=False)


def column_values(record):
    """Return a record's column values: compared before and after a use case, they tell whether it changed
    anything, however often the session flushed in between (which `is_changed` cannot survive)."""
    return {column.key: getattr(record, column.key) for column in inspect_record(record).mapper.column_attrs}


def record(actor, action, subject, forum=None, **details):
    """Add an audit entry to the current transaction; the caller commits it with the change."""
    entry = AuditEntry(
        forum_id=forum.id if forum is not None else None,
        actor_id=actor.id if actor is not None else None,
        action=action,
        subject=str(subject)[:300],
        details=details,
    )
    db.session.add(entry)
    return entry
