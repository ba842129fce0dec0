"""Configuration: environment variables `WORKSHOP_*`, then `instance/config.py`, then defaults."""
import os
import secrets
from pathlib import Path

LANGUAGES = ("en", "es", "fr")


class DefaultConfig:
    """Settings that hold when neither the environment nor `instance/config.py` says otherwise."""

    DATABASE_URL = None
    SECRET_KEY = None
    UPLOAD_DIR = None
    CACHE_DIR = None
    MAIL_SERVER = None
    MAIL_PORT = 25
    MAIL_USE_TLS = False
    MAIL_USERNAME = None
    MAIL_PASSWORD = None
    MAIL_DEFAULT_SENDER = "workshop@localhost"
    MAX_UPLOAD_MB = 25
    # The host part of calendar UIDs; keep it fixed once feeds are out, or calendars see new events.
    CALENDAR_UID_HOST = None
    # Build the agenda PDF, feed and JSON of a new release in a background process (exports/warming.py).
    WARM_EXPORTS_AFTER_PUBLISHING = True
    # Where background jobs wait: empty for SQLite in `instance/queue.sqlite` (one machine), or a
    # redis:// (or unix://) address that every web host and worker shares.
    QUEUE_URL = None
    # Run jobs in-process as soon as their transaction commits, with no worker (tests).
    QUEUE_IMMEDIATE = False
    BABEL_DEFAULT_LOCALE = "en"
    BABEL_DEFAULT_TIMEZONE = "UTC"
    LANGUAGES = LANGUAGES
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"
    SECURE_COOKIES = False
    # Host names the site answers to, comma-separated (e.g. "forum.example.org"); others get 400, so a
    # forged Host header cannot put a foreign address into e-mailed links. Empty: any (local use).
    TRUSTED_HOSTS = None
    # How many reverse proxies stand in front of the app; their X-Forwarded-For/-Proto are believed.
    PROXY_COUNT = 0
    WTF_CSRF_TIME_LIMIT = None
    SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True}
    LOGIN_FAILURES_PER_ACCOUNT = 5
    # A forum venue puts hundreds of people behind one address: count an address generously.
    LOGIN_FAILURES_PER_ADDRESS = 100
    LOGIN_FAILURE_WINDOW_MINUTES = 15
    PASSWORD_TOKEN_MAX_AGE = 60 * 60 * 24
    INVITATION_TOKEN_MAX_AGE = 60 * 60 * 24 * 14
    # How long a registrant's link to confirm their e-mail address works, and an invitation to register.
    REGISTRATION_EMAIL_CHECK_MAX_AGE = 60 * 60 * 24 * 3
    REGISTRATION_INVITATION_MAX_AGE = 60 * 60 * 24 * 90


def load_config(app, test_config=None):
    """Fill `app.config` in order of precedence and derive what the extensions need."""
    app.config.from_object(DefaultConfig)
    app.config.from_pyfile("config.py", silent=True)
    app.config.from_prefixed_env("WORKSHOP", loads=_keep_strings_except_numbers)
    if test_config:
        app.config.update(test_config)
    instance = Path(app.instance_path)
    instance.mkdir(parents=True, exist_ok=True)
    app.config["SQLALCHEMY_DATABASE_URI"] = _database_uri(app.config["DATABASE_URL"], instance)
    app.config["UPLOAD_DIR"] = app.config["UPLOAD_DIR"] or str(instance / "uploads")
    app.config["CACHE_DIR"] = app.config["CACHE_DIR"] or str(instance / "cache")
    app.config["SECRET_KEY"] = app.config["SECRET_KEY"] or _instance_secret_key(instance)
    app.config["MAX_CONTENT_LENGTH"] = int(app.config["MAX_UPLOAD_MB"]) * 1024 * 1024 + 64 * 1024
    if isinstance(app.config["TRUSTED_HOSTS"], str):
        app.config["TRUSTED_HOSTS"] = [host.strip() for host in app.config["TRUSTED_HOSTS"].split(",") if host.strip()]
    if app.config["SECURE_COOKIES"]:
        app.config["SESSION_COOKIE_SECURE"] = True
        app.config["REMEMBER_COOKIE_SECURE"] = True
        app.config["PREFERRED_URL_SCHEME"] = "https"


def _keep_strings_except_numbers(value):
    """Read numbers and booleans from the environment; keep everything else a string."""
    if value.isdigit():
        return int(value)
    if value.lower() in ("true", "false"):
        return value.lower() == "true"
    return value


def _database_uri(url, instance):
    """Turn the configured URL into one SQLAlchemy accepts, defaulting to SQLite in `instance/`."""
    if not url:
        return f"sqlite:///{instance / 'workshop.sqlite'}"
    # psycopg 3 is the driver we ship; plain postgresql:// URLs would ask for psycopg2.
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def _instance_secret_key(instance):
    """Return the key kept in `instance/secret_key`, creating it on first run."""
    path = instance / "secret_key"
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_text().strip()
    with os.fdopen(descriptor, "w") as handle:
        handle.write(secrets.token_hex(32))
    return path.read_text().strip()
