"""Security headers sent with every response, and the host names (with their ports) the site answers to."""

from flask import current_app, request
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


def add_security_headers(response):
    """Forbid framing, inline scripts, MIME sniffing and leaking full URLs to other sites."""
    response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("X-Frame-Options", "DENY")
    response.headers.setdefault("Referrer-Policy", "strict-origin-when-cross-origin")
    response.headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
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
