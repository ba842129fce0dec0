"""The audit trail in words: entries keep facts (ids and raw values), and are worded when read, in the reader's language.

An entry's details are keyed by what they are (`session_number`, `version`, `reopened`); each key
has its wording, or is marked as a fact no reader needs (ids, checksums). The keys every feature
uses are worded here; a feature words its own in its `wording.py` (`AUDIT_DETAILS`) and registers
them with `register_detail_wording` when it is set up. A key used by `audit.record` without a
wording fails tests/core/test_audit_wording.py.
"""

from dataclasses import dataclass

from babel import Locale, UnknownLocaleError
from flask_babel import get_locale
from flask_babel import gettext as _

from workshop.core.labels import LABELS, label
from workshop.core.names import session_name
from workshop.core.templating import typed, typed_sentence, typed_session_name

# Facts kept for an investigation, never shown: the subject already names what they point at.
UNSHOWN_DETAILS = {"session_id", "session_number", "session_title", "document_id", "sha256"}


@dataclass(frozen=True)
class WordedEntry:
    subject: str
    details: list


def session_facts(session):
    """Return the facts that name a session in an audit entry, untranslated."""
    return {"session_id": session.id, "session_number": session.number, "session_title": session.title}


# Actions whose subject is the session itself; in others (a document tabled in it) the session is a detail.
SESSION_SUBJECTS = ("session.", "conclusions.")
# Actions whose subject names a person (an e-mail address, a registrant) or a day: text in no language. Every
# other subject is what the secretariat typed (a title, a room, a track), in the forum's content language.
UNTYPED_SUBJECTS = (
    "account.",
    "forum.role_",
    "desk.",
    "day.",
    *(f"registration.{done}" for done in ("approved", "cancelled", "changed", "declined", "promoted", "started")),
    "registration.withdrawn",
)


def word_entry(entry, written_in=None):
    """Return an entry's subject and details as sentences in the reader's language.

    With `written_in`, the forum's content language, the session's title is markup marked so (for a page).
    """
    details = entry.details or {}
    worded = [
        _word_detail(entry.action, key, value) for key, value in sorted(details.items()) if key not in UNSHOWN_DETAILS
    ]
    session = _session_name(details, written_in)
    if session and entry.action.startswith(SESSION_SUBJECTS):
        return WordedEntry(session, [text for text in worded if text])
    if session:
        worded.insert(0, typed_sentence(written_in, _("Session: %(session)s"), session=session))
    if "release" in details:
        return WordedEntry(_("Release %(number)d", number=details["release"]), [text for text in worded if text])
    subject = entry.subject if entry.action.startswith(UNTYPED_SUBJECTS) else typed(entry.subject, written_in)
    return WordedEntry(subject, [text for text in worded if text])


def _session_name(details, written_in):
    if details.get("session_title") is None:
        return None
    if written_in:
        return typed_session_name(details.get("session_number"), details["session_title"], written_in)
    return session_name(details.get("session_number"), details["session_title"])


def _word_detail(action, key, value):
    wording = DETAIL_WORDING.get(key)
    return wording(action, value) if wording else str(value)


def _role(action, value):
    group = (
        "forum_role" if action.startswith("forum.") or value not in LABELS["appointment_role"] else "appointment_role"
    )
    return _("Role: %(role)s", role=label(value, group))


def _status(action, value):
    group = "agenda_status" if action.startswith("agenda.") else "version_status"
    return _("Status: %(status)s", status=label(value, group))


def _language(action, value):
    if not value:
        return _("Language: the one the browser asks for")
    try:
        name = Locale.parse(value).get_display_name(get_locale() or Locale("en"))
    except (ValueError, UnknownLocaleError):
        name = value
    return _("Language: %(language)s", language=name)


DETAIL_WORDING = {
    "person": lambda action, value: _("Person: %(email)s", email=value),
    "role": _role,
    "status": _status,
    "language": _language,
    "name": lambda action, value: _("Name: %(name)s", name=value),
    "session": lambda action, value: _("Session: %(session)s", session=value),
}


def register_detail_wording(details):
    """Add a feature's wordings of the details it records, by key: (action, value) -> sentence, or None to leave out."""
    DETAIL_WORDING.update(details)
