"""Agenda changes said in words a participant understands.

Mail says them as plain text; a page passes the forum's content language (`written_in`), and gets markup
where the titles, rooms and documents the secretariat typed are marked so (WCAG 3.1.2).
"""

from datetime import date, datetime

from flask_babel import format_date, format_time
from flask_babel import gettext as _
from markupsafe import Markup, escape

from workshop.core.labels import label
from workshop.core.names import session_name
from workshop.core.templating import typed, typed_sentence, typed_session_name
from workshop.core.timezones import utc_to_local
from workshop.publishing.changes import ChangeKind


def name_of(session, written_in=None):
    """Name a session of a snapshot as the agenda does; with `written_in`, as markup marking its title."""
    if written_in:
        return typed_session_name(session.get("number"), session["title"], written_in)
    return session_name(session.get("number"), session["title"])


def when(starts_at, ends_at, room, zone, written_in=None):
    """Say when and where, in the forum's time zone: "Monday 26 September 2011, 14:00–16:00, Room B"."""
    start = utc_to_local(datetime.fromisoformat(starts_at), zone)
    end = utc_to_local(datetime.fromisoformat(ends_at), zone)
    # Dates and times, not datetimes: Flask-Babel would convert a datetime back to the reader's zone.
    text = f"{format_date(start.date(), 'EEEE d MMMM y')}, {format_time(start.time(), 'short')}–{format_time(end.time(), 'short')}"
    return typed_sentence(written_in, "%(text)s, %(room)s", text=text, room=typed(room, written_in)) if room else text


def describe_change(change, zone, written_in=None):
    """Return one sentence describing a change between two releases; markup when `written_in` marks what was typed."""
    subject, detail = change.subject, change.detail
    say = lambda template, **values: typed_sentence(written_in, template, **values)  # noqa: E731
    if change.kind == ChangeKind.DAY_ANNOUNCED:
        return _("The programme of %(day)s is now announced.", day=format_date(_date(subject["date"]), "full"))
    if change.kind == ChangeKind.DAY_POSTPONED:
        return _("The programme of %(day)s is to be announced again.", day=format_date(_date(subject["date"]), "full"))
    name = name_of(subject, written_in)
    if change.kind == ChangeKind.ADDED:
        return say(
            _("New: %(session)s, %(when)s."),
            session=name,
            when=when(subject["starts_at"], subject["ends_at"], subject["room"], zone, written_in),
        )
    if change.kind == ChangeKind.REMOVED:
        return say(
            _("Cancelled: %(session)s (was %(when)s)."),
            session=name,
            when=when(subject["starts_at"], subject["ends_at"], subject["room"], zone, written_in),
        )
    if change.kind == ChangeKind.MOVED:
        return say(
            _("Moved: %(session)s, from %(before)s to %(after)s."),
            session=name,
            before=when(detail["from_starts_at"], detail["from_ends_at"], detail["from_room"], zone, written_in),
            after=when(subject["starts_at"], subject["ends_at"], subject["room"], zone, written_in),
        )
    if change.kind == ChangeKind.RENAMED:
        old = name_of({"number": detail["from_number"], "title": detail["from_title"]}, written_in)
        return say(_("Renamed: %(old)s is now %(session)s."), old=old, session=name)
    if change.kind == ChangeKind.REFORMATTED:
        return say(
            _("Format of %(session)s: now %(format)s, was %(before)s."),
            session=name,
            format=label(subject["format"], "session_format"),
            before=label(detail["from_format"], "session_format"),
        )
    if change.kind == ChangeKind.RESTAFFED:
        return say(
            _("New people in %(session)s: %(roles)s."),
            session=name,
            roles="; ".join(_staffing(role) for role in detail["roles"]),
        )
    if change.kind == ChangeKind.ITEMS_CHANGED:
        return say(_("The running order of %(session)s changed."), session=name)
    return _documents(name, detail, written_in)


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


def _documents(name, detail, written_in):
    parts = []
    if detail["added"]:
        parts.append(typed_sentence(written_in, _("added %(titles)s"), titles=_quoted(detail["added"], written_in)))
    if detail["removed"]:
        parts.append(
            typed_sentence(written_in, _("withdrawn %(titles)s"), titles=_quoted(detail["removed"], written_in))
        )
    changes = _join(written_in, "; ", parts)
    return typed_sentence(
        written_in, _("Documents for discussion in %(session)s: %(changes)s."), session=name, changes=changes
    )


def _quoted(titles, written_in):
    """Return “Title one”, “Title two”, each title marked when `written_in` is given."""
    return _join(
        written_in,
        ", ",
        [typed_sentence(written_in, "“%(title)s”", title=typed(title, written_in)) for title in titles],
    )


def _join(written_in, separator, parts):
    """Join parts as text, or as markup escaping the parts not marked."""
    # Safe (bandit B704): the separator is escaped before it becomes markup, and join escapes every unmarked part.
    return Markup(escape(separator)).join(parts) if written_in else separator.join(parts)  # nosec B704


# The release number names the entry itself (see workshop.core.audit_wording), so it is not said again.
AUDIT_DETAILS = {
    "release": lambda action, value: None,
}
