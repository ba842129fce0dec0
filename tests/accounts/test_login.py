"""Signing in and out: right and wrong passwords, throttling, and a logout that needs a CSRF token."""

from types import SimpleNamespace

import pytest


def test_right_password_signs_in(client, create_user, login):
    user = create_user()

    response = login(client, user)

    assert response.status_code == 302
    assert client.get("/account/").status_code == 200


def test_wrong_password_is_refused_with_401(client, create_user, login):
    user = create_user()

    response = login(client, user, "not the password")

    assert response.status_code == 401
    assert client.get("/account/").status_code == 302


def test_unknown_address_gets_the_same_answer_as_a_wrong_password(client, create_user, login):
    user = create_user()

    wrong_password = login(client, user, "not the password")
    unknown_address = login(client, SimpleNamespace(email="nobody@example.test"))

    assert unknown_address.status_code == wrong_password.status_code == 401
    assert unknown_address.get_data(as_text=True) == wrong_password.get_data(as_text=True).replace(
        user.email, "nobody@example.test"
    )


def test_login_redirects_only_to_local_next_urls(client, create_user):
    user = create_user()
    data = {"email": user.email, "password": "correct horse battery"}

    local = client.post("/account/login?next=/account/", data=data)
    client.post("/account/logout")
    foreign = client.post("/account/login?next=https://evil.example.test/", data=data)

    assert local.headers["Location"] == "/account/"
    assert "evil.example.test" not in foreign.headers["Location"]


def test_repeated_failures_lock_the_account_even_for_the_right_password(app, client, create_user, login):
    user = create_user()
    limit = app.config["LOGIN_FAILURES_PER_ACCOUNT"]

    failures = [login(client, user, "guess").status_code for _ in range(limit)]
    locked_out = login(client, user)

    assert failures == [401] * limit
    assert locked_out.status_code == 429
    assert client.get("/account/").status_code == 302


def test_lock_on_one_account_leaves_other_accounts_alone(app, client, create_user, login):
    target = create_user()
    bystander = create_user()
    for _ in range(app.config["LOGIN_FAILURES_PER_ACCOUNT"]):
        login(client, target, "guess")

    assert login(client, bystander).status_code == 302


def test_logout_refuses_get(csrf_client, create_user, login):
    login(csrf_client, create_user())

    assert csrf_client.get("/account/logout").status_code == 405
    assert csrf_client.get("/account/").status_code == 200


def test_logout_without_csrf_token_is_refused(csrf_client, create_user, login):
    login(csrf_client, create_user())

    response = csrf_client.post("/account/logout")

    assert response.status_code == 400
    assert csrf_client.get("/account/").status_code == 200


def test_logout_with_csrf_token_signs_out(csrf_client, create_user, login, csrf_token):
    login(csrf_client, create_user())
    token = csrf_token(csrf_client, "/account/")

    response = csrf_client.post("/account/logout", data={"csrf_token": token})

    assert response.status_code == 302
    assert csrf_client.get("/account/").status_code == 302


@pytest.mark.parametrize("url", ["/account/login", "/account/password/reset"])
def test_forms_without_csrf_token_are_refused(csrf_client, url):
    response = csrf_client.post(url, data={"email": "someone@example.test", "password": "whatever it is"})

    assert response.status_code == 400
