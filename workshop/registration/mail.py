"""Registration mail, written in the recipient's language rather than in the language of whoever caused it.

A promotion from the waiting list is caused by someone else's cancellation, and a digest by the
secretariat's release: the reader of the request is not the reader of the message.
"""

from workshop.accounts.mail import Address
from workshop.core.site import site_url_for
from workshop.forums.mail import send_forum_mail


def registrant(registration):
    """Return whom to write to about a registration: its address, in the account's language, else the one it was made in."""
    saved = registration.user.preferred_language if registration.user is not None else ""
    return Address(registration.email, registration.name, saved or registration.language)


def send_to_registrant(registration, subject, template, **context):
    """Write to a registered person in their language, with a link to their registration page."""
    forum = registration.forum
    send_forum_mail(
        registrant(registration),
        subject,
        template,
        forum,
        registration=registration,
        page=site_url_for("registration.mine", slug=forum.slug),
        **context,
    )
