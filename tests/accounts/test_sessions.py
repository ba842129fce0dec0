"""Signed-in sessions end when their owner says so: "sign out everywhere" and a new password kill every old cookie."""

import re
from datetime import UTC, datetime, timedelta

from tests.factories.accounts import DEFAULT_PASSWORD
from workshop.accounts.tokens import make_password_token

COOKIES = ("session", "remember_token")


def sign_in_remembered(client, user):
    response = client.post("/account/login", data={"email": user.email, "password": DEFAULT_PASSWORD, "remember": "y"})
    assert response.status_code == 302
    return response


def copy_cookies(source, target, names=COOKIES):
    """Give `target` the cookies of `source`, as a thief who copied them would hold them."""
    for name in names:
        cookie = source.get_cookie(name)
        if cookie is not None:
            target.set_cookie(name, cookie.value, domain="localhost")


def is_signed_in(client):
    return client.get("/account/").status_code == 200


def test_a_copied_cookie_works_until_its_owner_signs_out_everywhere(app, create_user):
    owner, thief, remembered_only = app.test_client(), app.test_client(), app.test_client()
    sign_in_remembered(owner, create_user())
    copy_cookies(owner, thief)
    copy_cookies(owner, remembered_only, names=["remember_token"])
    assert is_signed_in(thief) and is_signed_in(remembered_only)

    response = owner.post("/account/sign-out-everywhere")

    assert response.status_code == 302
    assert not is_signed_in(owner)
    assert not is_signed_in(thief)
    assert not is_signed_in(remembered_only)


def test_signing_in_again_after_signing_out_everywhere_works(app, client, create_user, login):
    user = create_user()
    login(client, user)
    client.post("/account/sign-out-everywhere")

    assert login(client, user).status_code == 302
    assert is_signed_in(client)


def test_an_ordinary_sign_out_leaves_the_other_devices_signed_in(app, create_user):
    laptop, phone = app.test_client(), app.test_client()
    user = create_user()
    sign_in_remembered(laptop, user)
    sign_in_remembered(phone, user)

    laptop.post("/account/logout")

    assert not is_signed_in(laptop)
    assert is_signed_in(phone)


def test_a_new_password_kills_every_old_session_and_remember_me_cookie(app, create_user):
    owner, thief, remembered_only = app.test_client(), app.test_client(), app.test_client()
    user = create_user()
    sign_in_remembered(thief, user)
    copy_cookies(thief, remembered_only, names=["remember_token"])
    link = f"/account/password/set/{make_password_token(user, 'reset')}"

    response = owner.post(link, data={"password": "a brand new passphrase", "confirm": "a brand new passphrase"})

    assert response.status_code == 302
    assert is_signed_in(owner)
    assert not is_signed_in(thief)
    assert not is_signed_in(remembered_only)


def test_remember_me_lasts_two_weeks_at_most(app, client, create_user):
    response = sign_in_remembered(client, create_user())

    [header] = [value for value in response.headers.getlist("Set-Cookie") if value.startswith("remember_token=")]
    expires = re.search(r"Expires=([^;]+)", header).group(1)
    lasts = datetime.strptime(expires, "%a, %d %b %Y %H:%M:%S GMT").replace(tzinfo=UTC) - datetime.now(UTC)
    assert lasts <= timedelta(days=14, minutes=1)


def test_the_account_page_offers_to_sign_out_everywhere(client, create_user, login):
    login(client, create_user())

    page = client.get("/account/").get_data(as_text=True)

    assert 'action="/account/sign-out-everywhere"' in page


def test_signing_out_everywhere_needs_a_csrf_token(csrf_client, create_user, login):
    login(csrf_client, create_user())

    assert csrf_client.post("/account/sign-out-everywhere").status_code == 400
    assert is_signed_in(csrf_client)


def test_changing_the_password_signs_out_every_other_device_but_this_one(app, create_user):
    laptop, stolen_phone = app.test_client(), app.test_client()
    user = create_user()
    sign_in_remembered(laptop, user)
    sign_in_remembered(stolen_phone, user)

    response = laptop.post(
        "/account/password",
        data={
            "password-current_password": DEFAULT_PASSWORD,
            "password-password": "a brand new passphrase",
            "password-confirm": "a brand new passphrase",
        },
    )

    assert response.status_code == 302
    assert is_signed_in(laptop)
    assert not is_signed_in(stolen_phone)
