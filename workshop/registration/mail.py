"""Registration mail, written in the recipient's language rather than in the language of whoever caused it.

A promotion from the waiting list is caused by someone else's cancellation, and a digest by the
secretariat's release: the reader of the request is not the reader of the message.
"""

from flask import current_app
from flask_babel import force_locale

from workshop.accounts.mail import send_mail
from workshop.core.site import site_url_for
from workshop.forums.logos import FORUM_MAIL_LAYOUT, forum_face


def recipient_language(*candidates):
    """Return the first of the candidate languages we write in, else the default (English).

    Callers pass, in order: the person's saved preferred language, the language they registered in,
    then the forum's working languages.
    """
    languages = current_app.config["LANGUAGES"]
    return next((code for code in candidates if code in languages), current_app.config["BABEL_DEFAULT_LOCALE"])


def language_for(forum_settings=None, user=None, registration=None):
    """Return the language to write to a person in: their saved choice, their registration's, the forum's."""
    candidates = [user.preferred_language if user is not None else "", registration.language if registration else ""]
    if forum_settings is not None:
        candidates += forum_settings.working_language_codes
    return recipient_language(*candidates)


def send_mail_in(language, to, subject, template, **context):
    """Render the subject (a lazy string) and the body in `language`, and queue the message, with its forum's logos."""
    forum = context["forum"]
    with force_locale(language):
        send_mail(
            to, str(subject), template, html_layout=FORUM_MAIL_LAYOUT, face=forum_face(forum, absolute=True), **context
        )


def send_to_registrant(registration, settings, subject, template, **context):
    """Write to a registered person in their language, with a link to their registration page."""
    forum = registration.forum
    send_mail_in(
        language_for(settings, registration.user, registration),
        registration.email,
        subject,
        template,
        registration=registration,
        forum=forum,
        page=site_url_for("registration.mine", slug=forum.slug),
        **context,
    )
