"""Ask before what cannot be undone: a delete button first answers with a page that says what goes with it.

The content security policy allows no inline script, so the question is a page of its own: the
button posts, the page names the consequences, and only its own button (which adds `confirmed`)
does the deed.
"""

from flask import render_template, request

CONFIRMED_FIELD = "confirmed"


def is_confirmed():
    """Tell whether the request comes from the confirmation page's button."""
    return request.form.get(CONFIRMED_FIELD) == "yes"


def ask_first(question, consequences, cancel_url, button_label):
    """Return the confirmation page: the question, what goes with the deed, and the buttons to do it or not."""
    return render_template(
        "confirm.html",
        question=question,
        consequences=consequences,
        cancel_url=cancel_url,
        button_label=button_label,
        confirmed_field=CONFIRMED_FIELD,
    )
