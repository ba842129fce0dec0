"""How the agenda names things, in the reader's language; every page, feed, file and the audit trail say it so."""

from flask_babel import gettext as _


def session_name(number, title):
    """Name a session as the agenda does: "Session 2. Title", or the title alone when it has no number."""
    return _("Session %(number)s. %(title)s", number=number, title=title) if number else title
