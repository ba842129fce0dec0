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
