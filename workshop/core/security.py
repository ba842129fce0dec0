"""Security headers sent with every response, and the host names (with their ports) the site answers to."""

from flask import current_app, request
from flask_login import current_user
from werkzeug.exceptions import SecurityError

CONTENT_SECURITY_POLICY = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    )
)

# Workshop uses none of these; a page that someone managed to inject script into cannot either.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in ("camera", "microphone", "geolocation", "payment", "usb", "serial", "bluetooth", "interest-cohort")
)
# What a browser should forget of the site when someone signs out on a shared computer. Cookies are
# left to the sign-out itself: the trusted-browser cookie must outlive it, or the login throttle
# would lock its owner out with everyone else.
CLEAR_SITE_DATA_AT_SIGN_OUT = '"cache", "storage"'


def add_security_headers(response):
    """Forbid framing, inline scripts, MIME sniffing, other sites' embedding and leaking full URLs."""
    response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("X-Frame-Options", "DENY")
    response.headers.setdefault("Referrer-Policy", "strict-origin-when-cross-origin")
    response.headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
    response.headers.setdefault("Cross-Origin-Resource-Policy", "same-origin")
    response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
    if current_user.is_authenticated and "Cache-Control" not in response.headers:
        # A signed-in page may show e-mail addresses or the audit trail: no shared browser or proxy keeps it.
        response.headers["Cache-Control"] = "no-store"
    return response


def refuse_untrusted_host():
    """Answer 400 to a Host header the site does not serve, port included.

    Flask's own check (TRUSTED_HOSTS) compares host names only, so `forum.example.org:8080` would
    pass for `forum.example.org`. `request.host` leaves out the scheme's default port, so a trusted
    name without a port stands for the default port only.
    """
    trusted = current_app.config["TRUSTED_HOSTS"]
    if trusted and request.host.lower() not in trusted:
        raise SecurityError()


def init_app(app):
    app.before_request(refuse_untrusted_host)
    app.after_request(add_security_headers)
