"""Guessing passwords: an unknown address costs what a wrong password costs, simultaneous guesses cannot slip
past the limit, and the owner of a locked account unlocks it from their mailbox."""

import re
import threading
from types import SimpleNamespace

import pytest
import requests
from sqlalchemy import func, select
from werkzeug.serving import make_server

from tests.factories.accounts import DEFAULT_PASSWORD
from workshop.accounts import models as accounts_models
from workshop.accounts.models import LoginAttempt
from workshop.accounts.tokens import make_password_token
from workshop.extensions import db

SIMULTANEOUS_GUESSES = 40
UNLOCK_LINK = re.compile(r"http://localhost/account/unlock/\S+")


@pytest.fixture
def hash_checks(monkeypatch):
    """Count the password hashes checked, the costly step of a sign-in."""
    checks = []
    real = accounts_models.check_password_hash
    monkeypatch.setattr(accounts_models, "check_password_hash", lambda *arguments: checks.append(1) or real(*arguments))
    return checks


@pytest.mark.parametrize("who", ["unknown address", "invited, no password yet", "wrong password", "inactive account"])
def test_every_failed_sign_in_checks_one_password_hash(client, create_user, login, hash_checks, who):
    accounts = {
        "unknown address": lambda: SimpleNamespace(email="nobody@example.test"),
        "invited, no password yet": lambda: create_user(password=None),
        "wrong password": lambda: create_user(),
        "inactive account": lambda: create_user(is_active_account=False),
    }
    account = accounts[who]()

    response = login(client, account, "not the password")

    assert response.status_code == 401
    assert len(hash_checks) == 1


def test_an_unknown_address_is_locked_like_a_known_one(app, client, create_user, login):
    limit = app.config["LOGIN_FAILURES_PER_ACCOUNT"]
    known, unknown = create_user(), SimpleNamespace(email="nobody@example.test")

    known_answers = [login(client, known, "guess").status_code for _ in range(limit + 1)]
    unknown_answers = [login(client, unknown, "guess").status_code for _ in range(limit + 1)]

    assert known_answers == unknown_answers == [401] * limit + [429]


@pytest.fixture
def live_server(app):
    """Serve the app under test on a loopback port, one thread per request, as a real server would."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()


def test_simultaneous_guesses_cannot_slip_past_the_limit(app, live_server, create_user):
    email = create_user().email
    limit = app.config["LOGIN_FAILURES_PER_ACCOUNT"]
    start = threading.Barrier(SIMULTANEOUS_GUESSES)
    answers = []

    def guess(number):
        with requests.Session() as browser:
            start.wait()
            response = browser.post(
                f"{live_server}/account/login",
                data={"email": email, "password": f"guess {number}"},
                allow_redirects=False,
                timeout=120,
            )
            answers.append(response.status_code)

    threads = [threading.Thread(target=guess, args=(number,)) for number in range(SIMULTANEOUS_GUESSES)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(answers) == [401] * limit + [429] * (SIMULTANEOUS_GUESSES - limit)
    db.session.expire_all()
    assert db.session.scalar(select(func.count()).select_from(LoginAttempt)) == limit


def lock_out(app, client, user):
    for _ in range(app.config["LOGIN_FAILURES_PER_ACCOUNT"]):
        client.post("/account/login", data={"email": user.email, "password": "guess"})


def unlock_link(messages):
    links = [link for message in messages for link in UNLOCK_LINK.findall(message.get_content())]
    assert len(links) == 1, [message.get_content() for message in messages]
    return links[0]


def test_the_owner_of_a_locked_account_is_mailed_a_link_that_lets_their_browser_in(app, create_user, smtp_sink):
    attacker, owner = app.test_client(), app.test_client()
    user = create_user()
    lock_out(app, attacker, user)
    assert owner.post("/account/login", data={"email": user.email, "password": DEFAULT_PASSWORD}).status_code == 429

    link = unlock_link(smtp_sink.messages)
    assert owner.get(link).status_code == 200
    assert owner.post(link).status_code == 302

    assert owner.post("/account/login", data={"email": user.email, "password": DEFAULT_PASSWORD}).status_code == 302
    assert owner.get("/account/").status_code == 200
    assert attacker.post("/account/login", data={"email": user.email, "password": DEFAULT_PASSWORD}).status_code == 429


def test_the_unlock_mail_is_sent_once_per_lockout_and_never_for_unknown_addresses(app, client, create_user, smtp_sink):
    user = create_user()
    lock_out(app, client, user)
    lock_out(app, client, SimpleNamespace(email="nobody@example.test"))
    for _ in range(3):
        client.post("/account/login", data={"email": user.email, "password": "guess"})

    assert [message["To"] for message in smtp_sink.messages] == [user.email]


def test_an_unlocked_browser_has_its_own_few_guesses(app, create_user, smtp_sink):
    attacker, owner = app.test_client(), app.test_client()
    user = create_user()
    lock_out(app, attacker, user)
    owner.post(unlock_link(smtp_sink.messages))

    answers = [
        owner.post("/account/login", data={"email": user.email, "password": "guess"}).status_code
        for _ in range(app.config["LOGIN_FAILURES_PER_ACCOUNT"] + 1)
    ]

    assert answers[-1] == 429
    assert answers[:-1] == [401] * app.config["LOGIN_FAILURES_PER_ACCOUNT"]


def test_an_unlock_link_is_no_password_link_and_the_other_way_round(app, client, create_user, smtp_sink):
    user = create_user()
    lock_out(app, client, user)
    unlock_token = unlock_link(smtp_sink.messages).rsplit("/", 1)[1]
    password_token = make_password_token(user, "reset")

    assert client.get(f"/account/password/set/{unlock_token}").status_code == 302
    assert client.post(f"/account/unlock/{password_token}").status_code == 302
    assert client.post("/account/login", data={"email": user.email, "password": DEFAULT_PASSWORD}).status_code == 429


def test_an_unlock_link_dies_when_its_owner_signs_out_everywhere(app, client, create_user, smtp_sink, login):
    user = create_user()
    lock_out(app, app.test_client(), user)
    link = unlock_link(smtp_sink.messages)
    user.end_every_session()
    db.session.commit()

    client.post(link)

    assert client.post("/account/login", data={"email": user.email, "password": DEFAULT_PASSWORD}).status_code == 429
