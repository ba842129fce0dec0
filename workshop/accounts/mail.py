"""Outgoing mail through SMTP; without a configured server, messages go to the log instead."""
import logging
import smtplib

from flask import current_app, render_template
from flask_mail import Message

from workshop.extensions import mail

logger = logging.getLogger(__name__)


def send_mail(to, subject, template, **context):
    """Send a plain-text message; return False (and log why) when it could not be delivered."""
    body = render_template(template, **context)
    if not current_app.config.get("MAIL_SERVER"):
        logger.warning("No WORKSHOP_MAIL_SERVER configured; message to %s not sent:\n%s", to, body)
        return False
    try:
        mail.send(Message(subject=subject, recipients=[to], body=body))
    except (OSError, smtplib.SMTPException):
        logger.exception("Could not send mail to %s", to)
        return False
    return True
