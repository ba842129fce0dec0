"""Error pages that say what went wrong in the reader's language."""

from flask import jsonify, render_template, request
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import SecurityError

API_PREFIX = "/api/"
ERROR_TITLES = {
    400: lambda: _("Bad request"),
    403: lambda: _("Not allowed"),
    404: lambda: _("Not found"),
    405: lambda: _("Method not allowed"),
    413: lambda: _("File too large"),
    429: lambda: _("Too many attempts"),
}


def render_error(error):
    """Render an HTTP error with its status code and a human explanation in the reader's language."""
    code = getattr(error, "code", 500) or 500
    title = ERROR_TITLES.get(code, lambda: _("Something went wrong"))()
    description = getattr(error, "description", "") if code != 500 else ""
    # Werkzeug's stock explanations are English; our own messages (abort(403, _("…"))) are translated.
    if description == getattr(type(error), "description", None):
        description = ""
    headers = _protocol_headers(error)
    if request.path.startswith(API_PREFIX):
        # Programs read the API; they get the error as JSON, like everything else it answers.
        return jsonify(error={"status": code, "title": title, "description": description}), code, headers
    return render_template("errors/error.html", code=code, title=title, description=description), code, headers


def _protocol_headers(error):
    """Keep the headers HTTP asks of an error (`Allow` on 405), but not its plain-text content type."""
    if not hasattr(error, "get_headers"):
        return {}
    return {name: value for name, value in error.get_headers() if name.lower() != "content-type"}


def render_csrf_error(error):
    message = _("The form was missing its security token or it had expired. Reload the page and try again.")
    return render_template("errors/error.html", code=400, title=_("Bad request"), description=message), 400


def refuse_untrusted_host(error):
    """Answer a request for a host name the site does not serve; no page, since links need a host."""
    return _("This site does not answer to that host name."), 400, {"Content-Type": "text/plain; charset=utf-8"}


def register_error_pages(app):
    for code in (*ERROR_TITLES, 500):
        app.register_error_handler(code, render_error)
    app.register_error_handler(CSRFError, render_csrf_error)
    app.register_error_handler(SecurityError, refuse_untrusted_host)
