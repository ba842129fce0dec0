"""Agenda changes said in words a participant understands."""

from datetime import date, datetime

from flask_babel import format_date, format_time
from flask_babel import gettext as _

from workshop.core.labels import label
from workshop.core.names import session_name
from workshop.core.timezones import utc_to_local
from workshop.publishing.changes import ChangeKind


def name_of(session):
    """Name a session of a snapshot as the agenda does."""
    return session_name(session.get("number"), session["title"])


def when(starts_at, ends_at, room, zone):
    """Say when and where, in the forum's time zone: "Monday 26 September 2011, 14:00–16:00, Room B"."""
    start = utc_to_local(datetime.fromisoformat(starts_at), zone)
    end = utc_to_local(datetime.fromisoformat(ends_at), zone)
    # Dates and times, not datetimes: Flask-Babel would convert a datetime back to the reader's zone.
    text = f"{format_date(start.date(), 'EEEE d MMMM y')}, {format_time(start.time(), 'short')}–{format_time(end.time(), 'short')}"
    return f"{text}, {room}" if room else text


def describe_change(change, zone):
    """Return one sentence describing a change between two releases."""
    subject, detail = change.subject, change.detail
    if change.kind == ChangeKind.DAY_ANNOUNCED:
        return _("The programme of %(day)s is now announced.", day=format_date(_date(subject["date"]), "full"))
    if change.kind == ChangeKind.DAY_POSTPONED:
        return _("The programme of %(day)s is to be announced again.", day=format_date(_date(subject["date"]), "full"))
    name = name_of(subject)
    if change.kind == ChangeKind.ADDED:
        return _(
            "New: %(session)s, %(when)s.",
            session=name,
            when=when(subject["starts_at"], subject["ends_at"], subject["room"], zone),
        )
    if change.kind == ChangeKind.REMOVED:
        return _(
            "Cancelled: %(session)s (was %(when)s).",
            session=name,
            when=when(subject["starts_at"], subject["ends_at"], subject["room"], zone),
        )
    if change.kind == ChangeKind.MOVED:
        return _(
            "Moved: %(session)s, from %(before)s to %(after)s.",
            session=name,
            before=when(detail["from_starts_at"], detail["from_ends_at"], detail["from_room"], zone),
            after=when(subject["starts_at"], subject["ends_at"], subject["room"], zone),
        )
    if change.kind == ChangeKind.RENAMED:
        old = session_name(detail["from_number"], detail["from_title"])
        return _("Renamed: %(old)s is now %(session)s.", old=old, session=name)
    if change.kind == ChangeKind.REFORMATTED:
        return _(
            "Format of %(session)s: now %(format)s, was %(before)s.",
            session=name,
            format=label(subject["format"], "session_format"),
            before=label(detail["from_format"], "session_format"),
        )
    if change.kind == ChangeKind.RESTAFFED:
        return _(
            "New people in %(session)s: %(roles)s.",
            session=name,
            roles="; ".join(_staffing(role) for role in detail["roles"]),
        )
    if change.kind == ChangeKind.ITEMS_CHANGED:
        return _("The running order of %(session)s changed.", session=name)
    return _documents(name, detail)


def _date(text):
    return date.fromisoformat(text)


def _staffing(role):
    parts = []
    if role["joined"]:
        parts.append(
            _("%(role)s now %(names)s", role=label(role["role"], "appointment_role"), names=", ".join(role["joined"]))
        )
    if role["left"]:
        parts.append(
            _(
                "%(role)s no longer %(names)s",
                role=label(role["role"], "appointment_role"),
                names=", ".join(role["left"]),
            )
        )
    return ", ".join(parts)


def _documents(name, detail):
    parts = []
    if detail["added"]:
        parts.append(_("added %(titles)s", titles=", ".join(f"“{title}”" for title in detail["added"])))
    if detail["removed"]:
        parts.append(_("withdrawn %(titles)s", titles=", ".join(f"“{title}”" for title in detail["removed"])))
    return _("Documents for discussion in %(session)s: %(changes)s.", session=name, changes="; ".join(parts))


# The release number names the entry itself (see workshop.core.audit_wording), so it is not said again.
AUDIT_DETAILS = {
    "release": lambda action, value: None,
}
