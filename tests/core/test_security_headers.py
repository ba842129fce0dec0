"""Every response carries headers that forbid inline code, framing and MIME sniffing."""

import pytest


@pytest.fixture
def responses(client):
    """Return a page, an error page and a redirect, so headers are checked on each kind of response."""
    return {
        "page": client.get("/account/login"),
        "error": client.get("/no-such-page"),
        "redirect": client.get("/account/"),
    }


def test_responses_are_of_the_kinds_expected(responses):
    assert [response.status_code for response in responses.values()] == [200, 404, 302]


@pytest.mark.parametrize("kind", ["page", "error", "redirect"])
def test_content_security_policy_allows_no_inline_code_and_no_framing(responses, kind):
    policy = responses[kind].headers["Content-Security-Policy"]
    directives = dict(
        (directive.split()[0], directive.split()[1:]) for directive in policy.split(";") if directive.strip()
    )

    assert "'unsafe-inline'" not in policy
    assert "'unsafe-eval'" not in policy
    assert directives["script-src"] == ["'self'"]
    assert directives["style-src"] == ["'self'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert directives["object-src"] == ["'none'"]


@pytest.mark.parametrize("kind", ["page", "error", "redirect"])
def test_browser_hardening_headers_are_set(responses, kind):
    headers = responses[kind].headers

    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["Referrer-Policy"] in ("strict-origin-when-cross-origin", "same-origin", "no-referrer")


@pytest.mark.parametrize("kind", ["page", "error", "redirect"])
def test_other_sites_may_not_embed_responses_nor_use_powerful_features(responses, kind):
    headers = responses[kind].headers

    assert headers["Cross-Origin-Resource-Policy"] == "same-origin"
    assert "camera=()" in headers["Permissions-Policy"]
    assert "geolocation=()" in headers["Permissions-Policy"]


def test_a_visitors_page_may_be_kept_by_the_browser(responses):
    assert "no-store" not in responses["page"].headers.get("Cache-Control", "")


@pytest.mark.parametrize("path", ["/account/", "/manage/"])
def test_signed_in_pages_are_never_stored(client, create_user, sign_in, path):
    sign_in(client, create_user(is_admin=True))

    response = client.get(path)

    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"


def test_signed_in_exports_keep_their_own_caching(client, create_user, sign_in):
    sign_in(client, create_user())

    response = client.get("/static/css/workshop.css")

    assert "no-store" not in response.headers["Cache-Control"]


@pytest.mark.parametrize("path", ["/account/logout", "/account/sign-out-everywhere"])
def test_signing_out_tells_the_browser_to_forget_the_sites_cache_and_storage(client, create_user, sign_in, path):
    sign_in(client, create_user())

    response = client.post(path)

    assert response.status_code == 302
    assert client.get("/account/").status_code == 302, "still signed in"
    assert response.headers["Clear-Site-Data"] == '"cache", "storage"'
