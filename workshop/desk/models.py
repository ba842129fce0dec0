"""Who came: a registered person's attendance at a session, recorded at its door."""

from datetime import datetime

from sqlalchemy import ForeignKey, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from workshop.core.timezones import UTCDateTime, utcnow
from workshop.extensions import db


class SessionAttendance(db.Model):
    """One person at one session, once, however many doors scanned them.

    It outlives the person's withdrawal (the registration keeps its gender and group for counts).
    """

    __tablename__ = "session_attendances"
    __table_args__ = (
        UniqueConstraint("registration_id", "session_id", name="uq_session_attendances_registration_session"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    registration_id: Mapped[int] = mapped_column(ForeignKey("registrations.id", ondelete="CASCADE"), index=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("forum_sessions.id", ondelete="CASCADE"), index=True)
    checked_in_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # False: the person had not chosen this session (or held no place in it) and came anyway; noted for the desk.
    had_chosen: Mapped[bool] = mapped_column(default=True)
    checked_in_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    registration = relationship("Registration")
