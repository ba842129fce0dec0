"""Password reset by e-mail: the link arrives, sets the password once, and expires."""

import re
import time

from itsdangerous import TimestampSigner

from workshop.accounts.services import user_from_password_token
from workshop.accounts.tokens import make_password_token
from workshop.extensions import db

RESET_LINK = re.compile(r"http://localhost/account/password/set/\S+")
NEW_PASSWORD = "a brand new passphrase"


def request_reset(client, address):
    return client.post("/account/password/reset", data={"email": address})


def reset_link(message):
    """Return the one password link in a mail, failing if there is none."""
    links = RESET_LINK.findall(message.get_content())
    assert len(links) == 1, message.get_content()
    return links[0]


def choose_password(client, link, password=NEW_PASSWORD):
    return client.post(link, data={"password": password, "confirm": password})


def test_reset_mail_arrives_with_a_link(client, create_user, smtp_sink):
    user = create_user(email="ana@example.test")

    response = request_reset(client, "ana@example.test")

    assert response.status_code == 302
    [message] = smtp_sink.messages
    assert message["To"] == "ana@example.test"
    assert client.get(reset_link(message)).status_code == 200
    assert user.check_password("correct horse battery")


def test_unknown_address_gets_no_mail_and_the_same_answer(client, create_user, smtp_sink):
    create_user(email="ana@example.test")

    known = request_reset(client, "ana@example.test")
    unknown = request_reset(client, "nobody@example.test")

    assert len(smtp_sink.messages) == 1
    assert (unknown.status_code, unknown.headers["Location"]) == (known.status_code, known.headers["Location"])


def test_link_sets_the_password(client, create_user, login, smtp_sink):
    user = create_user()
    request_reset(client, user.email)

    response = choose_password(client, reset_link(smtp_sink.messages[0]))

    assert response.status_code == 302
    assert user.check_password(NEW_PASSWORD)
    assert not user.check_password("correct horse battery")
    client.post("/account/logout")
    assert login(client, user, NEW_PASSWORD).status_code == 302


def test_link_works_only_once(client, create_user, smtp_sink):
    user = create_user()
    request_reset(client, user.email)
    link = reset_link(smtp_sink.messages[0])
    choose_password(client, link)
    client.post("/account/logout")

    reused = choose_password(client, link, "another passphrase here")

    assert reused.status_code == 302
    assert reused.headers["Location"].endswith("/account/password/reset")
    assert user.check_password(NEW_PASSWORD)


def test_expired_link_is_refused(app, client, create_user, smtp_sink, monkeypatch):
    user = create_user()
    issued_at = int(time.time()) - app.config["PASSWORD_TOKEN_MAX_AGE"] - 60
    with monkeypatch.context() as clock:
        clock.setattr(TimestampSigner, "get_timestamp", lambda signer: issued_at)
        request_reset(client, user.email)
    link = reset_link(smtp_sink.messages[0])

    opened = client.get(link)
    submitted = choose_password(client, link)

    assert opened.status_code == submitted.status_code == 302
    assert opened.headers["Location"].endswith("/account/password/reset")
    assert user.check_password("correct horse battery")


def test_tampered_link_is_refused(client, create_user, smtp_sink):
    user = create_user()
    request_reset(client, user.email)
    link = reset_link(smtp_sink.messages[0])

    response = choose_password(client, link[:-2] + ("AA" if not link.endswith("AA") else "BB"))

    assert response.status_code == 302
    assert user.check_password("correct horse battery")


def test_without_a_mail_server_the_message_goes_to_the_log(client, create_user, caplog):
    user = create_user()

    with caplog.at_level("WARNING", logger="workshop.accounts.mail"):
        request_reset(client, user.email)

    assert RESET_LINK.search(caplog.text)


def test_a_link_never_opens_another_account_that_gets_the_same_id(app, create_user):
    first = create_user(email="first@example.test", password=None)
    token = make_password_token(first, "invitation")
    first.email = "someone.else@example.test"
    db.session.commit()

    assert user_from_password_token(token) is None
