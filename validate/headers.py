"""Check the security and caching headers of each class of page."""

from validate.crawl import ANONYMOUS
from validate.problems import Problem

EVERY_RESPONSE = {
    "X-Content-Type-Options": "nosniff",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Permissions-Policy": "camera=()",
    "Referrer-Policy": "strict-origin-when-cross-origin",
}
EVERY_PAGE = {
    "Content-Security-Policy": "default-src 'self'",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
}
SIGNED_IN_PAGE = {"Cache-Control": "no-store"}
# The one page that may use the camera, for this site only: the door's phone scans badges there.
CAMERA_PAGES = {"desk.check_in": {"Permissions-Policy": "camera=(self)"}}
SIGN_OUT = {"Clear-Site-Data": '"cache"'}


def missing(headers, expected):
    """Return a message for each expected header that is absent or does not contain the expected value."""
    return [
        f"{name} should contain {value!r}, got {headers.get(name)!r}"
        for name, value in expected.items()
        if value not in headers.get(name, "")
    ]


def expected_headers(page):
    expected = dict(EVERY_RESPONSE)
    if page.content_type == "text/html":
        expected |= EVERY_PAGE
        if page.role != ANONYMOUS:
            expected |= SIGNED_IN_PAGE
    return expected | CAMERA_PAGES.get(page.endpoint, {})


def check_headers(pages, sign_out):
    problems = [
        Problem(page.where, "headers", message)
        for page in pages
        for message in missing(page.headers, expected_headers(page))
    ]
    problems += [Problem("POST /account/logout", "headers", message) for message in missing(sign_out.headers, SIGN_OUT)]
    return problems
