"""Ask before what cannot be undone: a delete button first answers with a page that says what goes with it.

The content security policy allows no inline script, so the question is a page of its own: the
button posts, the page names the consequences, and only its own button (which adds `confirmed`)
does the deed.
"""

from flask import abort, render_template, request
from flask_babel import lazy_gettext as _l
from wtforms import SubmitField

from workshop.core.forms import WorkshopForm

CONFIRMED_FIELD = "confirmed"


class ConfirmForm(WorkshopForm):
    """A form with nothing but its CSRF token, for buttons that change state."""

    submit = SubmitField(_l("Confirm"))


def require_button():
    """Stop a state change that does not come from one of our buttons (a missing or stale CSRF token)."""
    if not ConfirmForm().validate_on_submit():
        abort(400)


def is_confirmed():
    """Tell whether the request comes from the confirmation page's button."""
    return request.form.get(CONFIRMED_FIELD) == "yes"


def ask_first(question, consequences, cancel_url, button_label, carried=()):
    """Return the confirmation page: the question, what goes with the deed, and the buttons to do it or not.

    `carried` holds the (name, value) pairs the first post sent (which people, which decision), so that
    the confirmation does exactly the deed that was asked about.
    """
    return render_template(
        "confirm.html",
        question=question,
        consequences=consequences,
        cancel_url=cancel_url,
        button_label=button_label,
        confirmed_field=CONFIRMED_FIELD,
        carried=carried,
    )
