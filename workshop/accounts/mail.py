"""Outgoing mail through SMTP, handed to the queue only once the change that caused it is committed.

A message is rendered in the request, with the request's data, in the recipient's language (the one
saved on their account or given with their address, else the forum's first working language, else
English; never the sender's), and delivered by a queue job, which retries with growing pauses while the SMTP server is away: a
message is never lost to a server that is down for a while. Without a configured server, messages
go to the log instead (for a local installation such as `make run`; a production site sets
WORKSHOP_MAIL_SERVER).

Delivery is at least once. A message is retried only when the server has not said it accepted it;
once it has, a connection that fails while closing is logged, not retried. What remains is the
server accepting a message whose answer never reaches us (the network fails in that instant): the
retry sends it again, with the Message-ID given once in `send_mail`, by which mail systems and
readers recognise a duplicate.
"""

import logging
import smtplib
from dataclasses import dataclass
from email.utils import make_msgid
from urllib.parse import urlsplit

from flask import current_app, render_template
from flask_babel import LazyString, force_locale
from flask_mail import Message

from workshop.core.i18n import language_of
from workshop.core.queue import enqueue_after_commit, job
from workshop.extensions import mail

logger = logging.getLogger(__name__)
# About a day of retries: MAIL_FIRST_RETRY_SECONDS (1 min by default), twice that, 4 times, … 512 times.
DELIVERY_RETRIES = 10


@dataclass(frozen=True)
class Address:
    """Someone we write to who may have no account: their address, name and the language they gave them in."""

    email: str
    name: str = ""
    preferred_language: str = ""


def send_mail(recipient, subject, template, forum=None, html_layout=None, **context):
    """Queue a message to `recipient` (an account or an Address) in their language; it leaves on commit.

    `subject` is a lazy string, worded in the recipient's language here; the `forum` the mail is about
    (if any) gives its first working language to a recipient who gave none. The template reads them as
    `recipient` and `forum`. With `html_layout` the same text also goes as HTML, laid out by that
    template (a forum's mail carries its logos so). The message never leaves if the transaction rolls
    back: an invitation for an account whose creation is rolled back would otherwise carry a link to an
    id the next new account gets.
    """
    if not isinstance(subject, LazyString):
        raise TypeError("send_mail needs a lazy subject (lazy_gettext), worded in the recipient's language")
    working_languages = forum.working_language_codes if forum is not None else ()
    with force_locale(language_of(recipient, working_languages)):
        body = render_template(template, recipient=recipient, forum=forum, **context)
        html = (
            render_template(html_layout, text=body, recipient=recipient, forum=forum, **context)
            if html_layout
            else None
        )
        enqueue_after_commit(deliver_mail, recipient.email, str(subject), body, html, new_message_id())


def new_message_id():
    """Name a message once, on our site's domain, so that every attempt to deliver it carries the same Message-ID."""
    return make_msgid(domain=urlsplit(current_app.config["SITE_URL"]).hostname)


@job(retries=DELIVERY_RETRIES, retry_delay_setting="MAIL_FIRST_RETRY_SECONDS", retry_backoff=2)
def deliver_mail(to, subject, body, html=None, message_id=None):
    """Send one message, or log it when no server is configured; a refusal raises, so the queue retries."""
    if not current_app.config.get("MAIL_SERVER"):
        logger.warning("No WORKSHOP_MAIL_SERVER configured; message to %s not sent:\n%s", to, body)
        return
    message = Message(subject=subject, recipients=[to], body=body, html=html)
    # Jobs queued before messages were named on queueing carry no id; Flask-Mail's own then stands.
    message.msgId = message_id or message.msgId
    connection = mail.connect()
    connection.host = None if connection.mail.suppress else connection.configure_host()
    try:
        connection.send(message)
    finally:
        _close_quietly(connection.host, to)


def _close_quietly(host, to):
    """Say goodbye to the SMTP server without raising: a message it has accepted must not be retried."""
    if host is None:
        return
    try:
        host.quit()
    except (smtplib.SMTPException, OSError):
        logger.warning("The SMTP connection failed while closing after the message to %s", to)
        host.close()
