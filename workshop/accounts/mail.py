"""Outgoing mail through SMTP, sent only once the change that caused it is committed.

Without a configured server, messages go to the log instead (for a local installation such as
`make run`; a production site sets WORKSHOP_MAIL_SERVER).
"""
import logging
import smtplib

from flask import current_app, render_template
from flask_mail import Message
from sqlalchemy import event

from workshop.extensions import db, mail

logger = logging.getLogger(__name__)
OUTBOX = "workshop.outbox"


def send_mail(to, subject, template, **context):
    """Queue a plain-text message; it leaves when the transaction commits and never if it rolls back.

    An invitation for an account whose creation is rolled back would otherwise carry a link to an
    id the next new account gets.
    """
    message = Message(subject=subject, recipients=[to], body=render_template(template, **context))
    db.session.info.setdefault(OUTBOX, []).append(message)


@event.listens_for(db.session, "after_commit")
def _deliver_outbox(session):
    for message in session.info.pop(OUTBOX, []):
        _deliver(message)


@event.listens_for(db.session, "after_rollback")
def _discard_outbox(session):
    session.info.pop(OUTBOX, None)


def _deliver(message):
    """Send one message, or log it when no server is configured or the server refuses it."""
    if not current_app.config.get("MAIL_SERVER"):
        logger.warning("No WORKSHOP_MAIL_SERVER configured; message to %s not sent:\n%s", message.recipients[0], message.body)
        return
    try:
        mail.send(message)
    except (OSError, smtplib.SMTPException):
        logger.exception("Could not send mail to %s", message.recipients[0])
