"""Outgoing mail through SMTP, handed to the queue only once the change that caused it is committed.

A message is rendered in the request (in the reader's language, with the request's data) and
delivered by a queue job, which retries with growing pauses while the SMTP server is away: a
message is never lost to a server that is down for a while. Without a configured server, messages
go to the log instead (for a local installation such as `make run`; a production site sets
WORKSHOP_MAIL_SERVER).
"""

import logging

from flask import current_app, render_template
from flask_mail import Message

from workshop.core.queue import enqueue_after_commit, job
from workshop.extensions import mail

logger = logging.getLogger(__name__)
# About a day of retries: 1 min, 2, 4, … up to 8.5 hours between the last two.
DELIVERY_RETRIES = 10
FIRST_RETRY_SECONDS = 60


def send_mail(to, subject, template, html_layout=None, **context):
    """Queue a message; it leaves when the transaction commits and never if it rolls back.

    An invitation for an account whose creation is rolled back would otherwise carry a link to an
    id the next new account gets. With `html_layout` the same text also goes as HTML, laid out by
    that template (a forum's mail carries its logos so).
    """
    body = render_template(template, **context)
    html = render_template(html_layout, text=body, **context) if html_layout else None
    enqueue_after_commit(deliver_mail, to, subject, body, html)


@job(retries=DELIVERY_RETRIES, retry_delay=FIRST_RETRY_SECONDS, retry_backoff=2)
def deliver_mail(to, subject, body, html=None):
    """Send one message, or log it when no server is configured; a refusal raises, so the queue retries."""
    if not current_app.config.get("MAIL_SERVER"):
        logger.warning("No WORKSHOP_MAIL_SERVER configured; message to %s not sent:\n%s", to, body)
        return
    mail.send(Message(subject=subject, recipients=[to], body=body, html=html))
