"""Configuration: environment variables `WORKSHOP_*`, then `instance/config.py`, then defaults."""

import os
import secrets
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

LANGUAGES = ("en", "es", "fr")
SQLITE_BUSY_TIMEOUT_SECONDS = 30
# Where `make run` serves the site; a production site must say where it is (WORKSHOP_SITE_URL).
DEVELOPMENT_SITE_URL = "http://127.0.0.1:5000/"


class DefaultConfig:
    """Settings that hold when neither the environment nor `instance/config.py` says otherwise."""

    # "production" makes the app refuse to start without the settings a public site needs (docs/deploy.md).
    ENV = "development"
    # The address people reach the site at; every e-mailed link and every feed is built on it.
    SITE_URL = None
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
    # Seconds before a message the SMTP server refused is tried again; each later pause is twice the last
    # (ten tries: about a day from 60 s). Tests and benchmarks shorten it.
    MAIL_FIRST_RETRY_SECONDS = 60
    MAX_UPLOAD_MB = 25
    # Workshop's own log lines (and the web server's request log) at this level and above.
    LOG_LEVEL = "INFO"
    # Every library's (fontTools, huey, alembic, ...): warnings only, unless INFO or DEBUG is asked for.
    LIBRARY_LOG_LEVEL = "WARNING"
    # The host part of calendar UIDs; keep it fixed once feeds are out, or calendars see new events.
    CALENDAR_UID_HOST = None
    # Queue the builds of a new release's agenda PDF, feed and JSON as it is published (exports/builds.py).
    WARM_EXPORTS_AFTER_PUBLISHING = True
    # Where the queue's workers store those exports for every web host: a folder on the shared volume
    # (default: UPLOAD_DIR/exports). A build claimed longer ago than the timeout (seconds) is queued again.
    EXPORT_DIR = None
    EXPORT_BUILD_TIMEOUT = 900
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
    # "Keep me signed in" for two weeks, not Flask-Login's year: a forgotten device does not stay open.
    REMEMBER_COOKIE_DURATION = timedelta(days=14)
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
    # The link mailed to the owner of a locked account, and how long the browser it was opened in stays trusted.
    UNLOCK_TOKEN_MAX_AGE = 60 * 60 * 24
    TRUSTED_BROWSER_DURATION = timedelta(days=30)
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
    if app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
        # Writers queue for SQLite's one write lock (core/locking.py); let them wait their turn.
        app.config["SQLALCHEMY_ENGINE_OPTIONS"] = {
            **app.config["SQLALCHEMY_ENGINE_OPTIONS"],
            "connect_args": {"timeout": SQLITE_BUSY_TIMEOUT_SECONDS},
        }
    app.config["UPLOAD_DIR"] = app.config["UPLOAD_DIR"] or str(instance / "uploads")
    app.config["CACHE_DIR"] = app.config["CACHE_DIR"] or str(instance / "cache")
    app.config["EXPORT_DIR"] = app.config["EXPORT_DIR"] or str(Path(app.config["UPLOAD_DIR"]) / "exports")
    explicit_secret_key = bool(app.config["SECRET_KEY"])
    app.config["SECRET_KEY"] = app.config["SECRET_KEY"] or _instance_secret_key(instance)
    app.config["MAX_CONTENT_LENGTH"] = int(app.config["MAX_UPLOAD_MB"]) * 1024 * 1024 + 64 * 1024
    if isinstance(app.config["TRUSTED_HOSTS"], str):
        app.config["TRUSTED_HOSTS"] = [host.strip() for host in app.config["TRUSTED_HOSTS"].split(",") if host.strip()]
    app.config["TRUSTED_HOSTS"] = [
        _without_default_port(host.lower()) for host in app.config["TRUSTED_HOSTS"] or []
    ] or None
    if app.config["SECURE_COOKIES"]:
        app.config["SESSION_COOKIE_SECURE"] = True
        app.config["REMEMBER_COOKIE_SECURE"] = True
        app.config["PREFERRED_URL_SCHEME"] = "https"
    if app.config["ENV"] == "production":
        _refuse_to_start_without_production_settings(app.config, explicit_secret_key)
    app.config["SITE_URL"] = (app.config["SITE_URL"] or DEVELOPMENT_SITE_URL).rstrip("/") + "/"


class MissingProductionSettings(RuntimeError):
    """The app runs in production mode without a setting that a public site must have."""


def _refuse_to_start_without_production_settings(config, explicit_secret_key):
    """Raise with every missing setting at once, so that one start tells the operator all of them."""
    missing = []
    site = urlsplit(config["SITE_URL"] or "")
    if site.scheme != "https" or not site.hostname:
        missing.append("WORKSHOP_SITE_URL: the https:// address people reach the site at (links in mails and feeds)")
    if not config["TRUSTED_HOSTS"]:
        missing.append("WORKSHOP_TRUSTED_HOSTS: the host name(s) the site answers to")
    elif site.netloc and _without_default_port(site.netloc.lower()) not in config["TRUSTED_HOSTS"]:
        missing.append(f"WORKSHOP_TRUSTED_HOSTS: must include the site address's host, {site.netloc}")
    if not config["SECURE_COOKIES"]:
        missing.append("WORKSHOP_SECURE_COOKIES=true: cookies only over HTTPS")
    if not explicit_secret_key:
        missing.append("WORKSHOP_SECRET_KEY: one long random value, the same on every host")
    if missing:
        raise MissingProductionSettings(
            "WORKSHOP_ENV=production, but these settings are missing or wrong (see docs/deploy.md):\n  "
            + "\n  ".join(missing)
        )


def _without_default_port(host):
    """Write `name:443` and `name:80` as `name`, the way a request names the host on its default port."""
    for port in (":443", ":80"):
        if host.endswith(port):
            return host[: -len(port)]
    return host


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
            return "postgresql+psycopg://" + url[len(prefix) :]
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
