"""Shared fixtures: the app on a migrated test database, clients, an SMTP sink; factories are in tests/factories/.

The database is SQLite in a temporary folder, or the PostgreSQL database named by
WORKSHOP_TEST_DATABASE_URL (everything in it is dropped first). Alembic builds the schema once
per session; after each test every table is emptied.

The `app` fixture keeps an application context open for the whole test, so factories and
assertions use `db.session` directly. Each client request still runs in a context of its own,
as it would on a server, and afterwards the test's session is expired so that it reads what
the request wrote.
"""

import contextvars
import email
import email.policy
import os
import socket
import sqlite3

import pytest
from aiosmtpd.controller import Controller
from flask import has_app_context
from flask.testing import FlaskClient
from flask_migrate import upgrade
from sqlalchemy import MetaData, event, inspect
from sqlalchemy.engine import Engine

from tests.browser_forms import read_csrf_token
from workshop import create_app
from workshop.accounts import models as accounts_models
from workshop.extensions import db, mail

# Factories live with the feature whose rows they make; they are fixtures everywhere all the same.
pytest_plugins = ("tests.factories.accounts", "tests.factories.forums", "tests.factories.programme")
TEST_DATABASE_VARIABLE = "WORKSHOP_TEST_DATABASE_URL"


# --- Application and database -------------------------------------------------------------


class IsolatedRequestClient(FlaskClient):
    """A test client whose requests each get a fresh app context, g and database session."""

    def open(self, *args, **kwargs):
        if self.preserve_context:
            response = super().open(*args, **kwargs)
        else:
            # Without this, requests would reuse the test's app context: one g (and so one cached
            # current_user) and one database session shared by every request of a test.
            response = contextvars.Context().run(super().open, *args, **kwargs)
        if has_app_context():
            db.session.expire_all()
        return response


def build_test_config(database_url, folder, **overrides):
    """Return the configuration every test app starts from."""
    return {
        "TESTING": True,
        "SECRET_KEY": "test-secret-key",
        "DATABASE_URL": database_url,
        "UPLOAD_DIR": str(folder / "uploads"),
        "CACHE_DIR": str(folder / "cache"),
        "WTF_CSRF_ENABLED": False,
        # Tests that publish would otherwise start background renderers; tests/exports/test_warming.py starts its own.
        "WARM_EXPORTS_AFTER_PUBLISHING": False,
        "SERVER_NAME": "localhost",
        "SITE_URL": "http://localhost/",
        "QUEUE_IMMEDIATE": True,
        **overrides,
    }


def empty_all_tables(migrated_tables):
    """Delete every row, children before parents; faster than rebuilding the schema on both databases."""
    db.session.remove()
    with db.engine.begin() as connection:
        for table in reversed(db.metadata.sorted_tables):
            # A model whose migration is not written yet has no table; tests/core/test_migrations.py says so.
            if table.name in migrated_tables:
                connection.execute(table.delete())


@event.listens_for(Engine, "connect")
def skip_sqlite_fsync(dbapi_connection, _record):
    """Let SQLite skip fsync, as the throwaway PostgreSQL does (fsync=off): the test database outlives no session."""
    if isinstance(dbapi_connection, sqlite3.Connection):
        dbapi_connection.execute("PRAGMA synchronous=OFF")


@pytest.fixture(scope="session", autouse=True)
def clean_environment():
    """Hide the developer's WORKSHOP_* settings so that they cannot leak into the tests."""
    with pytest.MonkeyPatch.context() as patch:
        for name in list(os.environ):
            if name.startswith("WORKSHOP_") and not name.startswith("WORKSHOP_TEST_"):
                patch.delenv(name)
        yield


@pytest.fixture(scope="session", autouse=True)
def names_of_every_feature(tmp_path_factory):
    """Register the names every feature gives its values, as any running application has them.

    Features register their labels when an application is set up; without this, a test of a pure
    output (a feed built from a snapshot, with no app) would pass or fail by which test ran first.
    """
    create_app(build_test_config("sqlite://", tmp_path_factory.mktemp("names")))


@pytest.fixture(scope="session", autouse=True)
def cheap_password_hashing():
    """Hash passwords with one PBKDF2 round: scrypt's sixth of a second per user would dominate the suite."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(accounts_models, "PASSWORD_HASH_METHOD", "pbkdf2:sha256:1")
        yield


@pytest.fixture(scope="session")
def database_url(tmp_path_factory):
    """Return the URL of the test database: WORKSHOP_TEST_DATABASE_URL, else a session-long SQLite file."""
    configured = os.environ.get(TEST_DATABASE_VARIABLE)
    if configured:
        return configured
    return f"sqlite:///{tmp_path_factory.mktemp('database') / 'workshop.sqlite'}"


@pytest.fixture(scope="session")
def migrated_tables(database_url, tmp_path_factory):
    """Drop whatever the test database holds, run every migration and return the names of the tables built."""
    app = create_app(build_test_config(database_url, tmp_path_factory.mktemp("migrations")))
    with app.app_context():
        leftovers = MetaData()
        leftovers.reflect(bind=db.engine)
        leftovers.drop_all(bind=db.engine)
        # "heads": two migrations written side by side still build; a test in tests/core reports the fork.
        upgrade(revision="heads")
        tables = frozenset(inspect(db.engine).get_table_names())
        db.engine.dispose()
    return tables


@pytest.fixture
def make_app(database_url, migrated_tables, tmp_path):
    """Return a callable that builds another app on the test database, with config overrides."""
    apps = []

    def _make_app(**overrides):
        app = create_app(build_test_config(database_url, tmp_path, **overrides))
        app.test_client_class = IsolatedRequestClient
        apps.append(app)
        return app

    yield _make_app
    for app in apps:
        with app.app_context():
            db.engine.dispose()


@pytest.fixture
def app(make_app, migrated_tables):
    """Return the app under test, with CSRF checks off and an app context open during the test."""
    app = make_app()
    with app.app_context():
        yield app
        empty_all_tables(migrated_tables)


@pytest.fixture
def csrf_app(app, make_app):
    """Return a second app with CSRF protection on; the test's context and factories stay on `app`."""
    return make_app(WTF_CSRF_ENABLED=True)


@pytest.fixture
def client(app):
    """Return a test client of `app`."""
    return app.test_client()


@pytest.fixture
def csrf_client(csrf_app):
    """Return a test client of `csrf_app`, which must send CSRF tokens."""
    return csrf_app.test_client()


@pytest.fixture
def runner(app):
    """Return a runner for the app's CLI commands."""
    return app.test_cli_runner()


# --- Signing in and forms ----------------------------------------------------------------


@pytest.fixture
def csrf_token():
    """Return a callable that reads the CSRF token from a form page: csrf_token(client, url)."""
    return read_csrf_token


# --- Mail --------------------------------------------------------------------------------


class MailCollector:
    """Keep every message the SMTP sink receives, parsed."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(email.message_from_bytes(envelope.content, policy=email.policy.default))
        return "250 Message accepted for delivery"


def free_loopback_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp_sink(app):
    """Run an SMTP server on loopback for this test and point the app's mail at it; read `.messages`."""
    collector = MailCollector()
    controller = Controller(collector, hostname="127.0.0.1", port=free_loopback_port())
    controller.start()
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=controller.port, MAIL_SUPPRESS_SEND=False)
    # Flask-Mail copies its settings when it is initialised; initialise it again to pick these up.
    mail.init_app(app)
    yield collector
    controller.stop()
