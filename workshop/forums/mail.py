"""Mail about a forum: in the recipient's language, with the forum's logos above the text in its HTML part."""

from workshop.accounts.mail import send_mail
from workshop.forums.logos import FORUM_MAIL_LAYOUT, forum_face


def send_forum_mail(recipient, subject, template, forum, **context):
    """Queue a message about `forum` to `recipient` (an account or an Address), dressed in the forum's face."""
    send_mail(
        recipient,
        subject,
        template,
        forum=forum,
        html_layout=FORUM_MAIL_LAYOUT,
        face=forum_face(forum, absolute=True),
        **context,
    )
