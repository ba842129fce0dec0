"""How the agenda names things, in the reader's language; every page, feed, file and the audit trail say it so."""

from flask_babel import gettext as _


def session_name(number, title, gettext=_):
    """Name a session as the agenda does: "Session 2. Title", or the title alone when it has no number.

    An output that names hundreds of sessions passes the `gettext` of its own once-per-output wording.
    """
    return gettext("Session %(number)s. %(title)s", number=number, title=title) if number else title


def numbered_title(session):
    """Name a session by its number and title alone ("2 Title"): no word of the interface, so it is all typed text."""
    return " ".join(filter(None, (session.number, session.title)))
