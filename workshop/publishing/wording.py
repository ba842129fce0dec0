"""Agenda changes said in words a participant understands.

Mail says them as plain text; a page passes the forum's content language (`written_in`), and gets markup
where the titles, rooms and documents the secretariat typed are marked so (WCAG 3.1.2). Changes come from
`changes.compare_snapshots`, over typed snapshots: their times are aware datetimes already.
"""

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
        return typed_session_name(session.number, session.title, written_in)
    return session_name(session.number, session.title)


def when(session, zone, written_in=None):
    """Say when and where a session is, in the forum's time zone: "Monday 26 September 2011, 14:00–16:00, Room B"."""
    start = utc_to_local(session.starts_at, zone)
    end = utc_to_local(session.ends_at, zone)
    # Dates and times, not datetimes: Flask-Babel would convert a datetime back to the reader's zone.
    text = f"{format_date(start.date(), 'EEEE d MMMM y')}, {format_time(start.time(), 'short')}–{format_time(end.time(), 'short')}"
    if not session.room:
        return text
    return typed_sentence(written_in, "%(text)s, %(room)s", text=text, room=typed(session.room, written_in))


def describe_change(change, zone, written_in=None):
    """Return one sentence describing a change between two releases; markup when `written_in` marks what was typed."""
    subject, before = change.subject, change.before
    say = lambda template, **values: typed_sentence(written_in, template, **values)  # noqa: E731
    if change.kind == ChangeKind.DAY_ANNOUNCED:
        return _("The programme of %(day)s is now announced.", day=format_date(subject.date, "full"))
    if change.kind == ChangeKind.DAY_POSTPONED:
        return _("The programme of %(day)s is to be announced again.", day=format_date(subject.date, "full"))
    name = name_of(subject, written_in)
    if change.kind == ChangeKind.ADDED:
        return say(_("New: %(session)s, %(when)s."), session=name, when=when(subject, zone, written_in))
    if change.kind == ChangeKind.REMOVED:
        return say(_("Cancelled: %(session)s (was %(when)s)."), session=name, when=when(subject, zone, written_in))
    if change.kind == ChangeKind.MOVED:
        return say(
            _("Moved: %(session)s, from %(before)s to %(after)s."),
            session=name,
            before=when(before, zone, written_in),
            after=when(subject, zone, written_in),
        )
    if change.kind == ChangeKind.RENAMED:
        return say(_("Renamed: %(old)s is now %(session)s."), old=name_of(before, written_in), session=name)
    if change.kind == ChangeKind.REFORMATTED:
        return say(
            _("Format of %(session)s: now %(format)s, was %(before)s."),
            session=name,
            format=label(subject.format, "session_format"),
            before=label(before.format, "session_format"),
        )
    if change.kind == ChangeKind.RESTAFFED:
        return say(
            _("New people in %(session)s: %(roles)s."),
            session=name,
            roles="; ".join(_staffing(role) for role in change.staffing),
        )
    if change.kind == ChangeKind.ITEMS_CHANGED:
        return say(_("The running order of %(session)s changed."), session=name)
    return _documents(name, change.documents, written_in)


def _staffing(change):
    parts = []
    if change.joined:
        parts.append(
            _("%(role)s now %(names)s", role=label(change.role, "appointment_role"), names=", ".join(change.joined))
        )
    if change.left:
        parts.append(
            _("%(role)s no longer %(names)s", role=label(change.role, "appointment_role"), names=", ".join(change.left))
        )
    return ", ".join(parts)


def _documents(name, documents, written_in):
    parts = []
    if documents.added:
        parts.append(typed_sentence(written_in, _("added %(titles)s"), titles=_quoted(documents.added, written_in)))
    if documents.removed:
        parts.append(
            typed_sentence(written_in, _("withdrawn %(titles)s"), titles=_quoted(documents.removed, written_in))
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
