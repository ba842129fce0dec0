"""Every mail is written in the recipient's saved language, else English: never in the language of whoever sent it.

Each request below is made in a language other than the recipient's, and the mail is read from the
SMTP sink: its subject and its first line must be the recipient's language's.
"""

import ast
from pathlib import Path

import pytest
from flask_babel import force_locale
from flask_babel import gettext as _

import workshop
from tests.accounts.test_login_throttle import lock_out
from workshop.accounts.mail import Address, send_mail
from workshop.accounts.services import find_or_invite
from workshop.extensions import db

# (saved language, the language the sender's page is in, the language the mail must be in)
LANGUAGES = [("es", "fr", "es"), ("fr", "es", "fr"), ("", "es", "en")]


def worded(language, message, **values):
    """Return `message` in `language`, and check that the catalogue words it differently from English."""
    with force_locale(language):
        text = _(message, **values)
    if language != "en":
        assert text != message % values, f"{message!r} has no {language} translation"
    return text


def assert_written_in(message, language, subject, user):
    assert message["To"] == user.email
    assert message["Subject"] == worded(language, subject)
    assert message.get_content().startswith(worded(language, "Hello %(name)s,", name=user.name))


@pytest.mark.parametrize(("saved", "sender", "expected"), LANGUAGES)
def test_the_password_reset_mail_is_in_the_recipients_language(client, create_user, smtp_sink, saved, sender, expected):
    user = create_user(preferred_language=saved)

    client.post(f"/account/password/reset?lang={sender}", data={"email": user.email})

    [message] = smtp_sink.messages
    assert_written_in(message, expected, "Reset your Workshop password", user)


@pytest.mark.parametrize(("saved", "sender", "expected"), LANGUAGES)
def test_the_unlock_mail_is_in_the_recipients_language(app, client, create_user, smtp_sink, saved, sender, expected):
    user = create_user(preferred_language=saved)
    client.get(f"/account/login?lang={sender}")

    lock_out(app, client, user)

    [message] = smtp_sink.messages
    assert_written_in(message, expected, "Your Workshop sign-in is locked", user)


def test_an_invitation_to_a_new_account_is_in_english_whatever_the_inviters_language(
    app, create_user, create_forum, smtp_sink
):
    inviter, forum = create_user(preferred_language="es"), create_forum()

    with app.test_request_context("/?lang=es"):
        invited = find_or_invite(inviter, "nueva@example.test", "Nueva Persona", forum)
        db.session.commit()

    [message] = smtp_sink.messages
    assert_written_in(message, "en", "You have been invited to Workshop", invited)


def forwarded_parameters(tree):
    """Return, per call node, the parameters of the function that holds it: a wrapper may pass its subject on."""
    held = {}
    for function in ast.walk(tree):
        if isinstance(function, ast.FunctionDef):
            names = {argument.arg for argument in function.args.args}
            held.update({id(node): names for node in ast.walk(function)})
    return held


def test_every_mail_subject_is_worded_when_the_mail_is_written_not_when_it_is_asked_for():
    """A subject translated with gettext at the call is in the sender's language; send_mail needs a lazy one."""
    eager = []
    for path in sorted(Path(workshop.__file__).parent.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        parameters = forwarded_parameters(tree)
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and getattr(node.func, "id", None) == "send_mail"):
                continue
            subject = node.args[1]
            is_lazy = isinstance(subject, ast.Call) and getattr(subject.func, "id", "") == "_l"
            is_forwarded = isinstance(subject, ast.Name) and subject.id in parameters.get(id(node), ())
            if not (is_lazy or is_forwarded):
                eager.append(f"{path.relative_to(Path(workshop.__file__).parent.parent)}:{node.lineno}")
    assert eager == []


def test_a_subject_worded_in_the_senders_language_is_refused(app):
    """A forwarded subject escapes the check above: send_mail refuses any that is not lazy when it runs."""
    with app.test_request_context("/?lang=es"), pytest.raises(TypeError):
        send_mail(Address("someone@example.test"), _("Hello,"), "registration/mail/invitation.txt")


@pytest.mark.parametrize(("working_languages", "expected"), [("es,en", "es"), ("fr,es", "fr"), ("pt,fr", "fr")])
def test_an_invitation_to_a_new_account_is_in_the_forums_first_working_language_we_write_in(
    app, create_user, create_forum, smtp_sink, working_languages, expected
):
    inviter, forum = create_user(preferred_language="en"), create_forum(working_languages=working_languages)

    with app.test_request_context("/?lang=en"):
        invited = find_or_invite(inviter, "nueva@example.test", "Nueva Persona", forum)
        db.session.commit()

    [message] = smtp_sink.messages
    assert_written_in(message, expected, "You have been invited to Workshop", invited)
