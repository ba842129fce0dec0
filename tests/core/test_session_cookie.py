"""The session cookie is out of reach of scripts and other sites, and Secure when asked for."""


def cookie_attributes(response, name="session"):
    """Return the lower-cased attributes of the cookie `name` that `response` sets; flags map to True."""
    for header in response.headers.getlist("Set-Cookie"):
        if header.startswith(f"{name}="):
            attributes = {}
            for part in header.split(";")[1:]:
                key, _, value = part.strip().partition("=")
                attributes[key.lower()] = value or True
            return attributes
    raise AssertionError(f"the response sets no {name} cookie")


def test_session_cookie_is_http_only_and_same_site(client, create_user, login):
    user = create_user()

    cookie = cookie_attributes(login(client, user))

    assert cookie["httponly"] is True
    assert cookie["samesite"].lower() == "lax"
    assert "secure" not in cookie


def test_secure_cookies_setting_makes_the_session_cookie_secure(make_app, create_user, login, monkeypatch):
    monkeypatch.setenv("WORKSHOP_SECURE_COOKIES", "true")
    secure_client = make_app().test_client()
    user = create_user()

    cookie = cookie_attributes(login(secure_client, user))

    assert cookie["secure"] is True
    assert cookie["httponly"] is True
    assert cookie["samesite"].lower() == "lax"
