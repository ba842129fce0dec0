"""Shared fixtures: the app on a migrated test database, clients, factories for forum data, an SMTP sink.

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
import itertools
import os
import re
import socket
from datetime import date, time, timedelta

import pytest
from aiosmtpd.controller import Controller
from flask import has_app_context
from flask.testing import FlaskClient
from flask_migrate import upgrade
from sqlalchemy import MetaData, inspect
from werkzeug.security import generate_password_hash

from workshop import create_app
from workshop.accounts import models as accounts_models
from workshop.accounts.models import ForumRole, User
from workshop.core.timezones import local_to_utc
from workshop.extensions import db, mail
from workshop.forums.models import Forum, ForumDay, Room, TimeBlock, Track
from workshop.programme.models import Appointment, AppointmentRole, ForumSession

TEST_DATABASE_VARIABLE = "WORKSHOP_TEST_DATABASE_URL"
DEFAULT_PASSWORD = "correct horse battery"
CSRF_TOKEN_PATTERN = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


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


@pytest.fixture(scope="session", autouse=True)
def clean_environment():
    """Hide the developer's WORKSHOP_* settings so that they cannot leak into the tests."""
    with pytest.MonkeyPatch.context() as patch:
        for name in list(os.environ):
            if name.startswith("WORKSHOP_") and not name.startswith("WORKSHOP_TEST_"):
                patch.delenv(name)
        yield


@pytest.fixture(scope="session", autouse=True)
def cheap_password_hashing():
    """Hash passwords with one PBKDF2 round: scrypt's ~0.15 s per user would dominate the suite."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(
            accounts_models,
            "generate_password_hash",
            lambda password: generate_password_hash(password, method="pbkdf2:sha256:1"),
        )
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


def read_csrf_token(client, url):
    """Return the CSRF token of the form on the page at `url`."""
    page = client.get(url).get_data(as_text=True)
    match = CSRF_TOKEN_PATTERN.search(page)
    assert match, f"no CSRF token in the form at {url}"
    return match.group(1)


@pytest.fixture
def csrf_token():
    """Return a callable that reads the CSRF token from a form page: csrf_token(client, url)."""
    return read_csrf_token


@pytest.fixture
def login():
    """Return a callable that signs a user in through the login form: login(client, user, password)."""

    def _login(client, user, password=DEFAULT_PASSWORD):
        login_url = client.application.url_for("accounts.login")
        data = {"email": user.email, "password": password}
        if client.application.config["WTF_CSRF_ENABLED"]:
            data["csrf_token"] = read_csrf_token(client, login_url)
        return client.post(login_url, data=data)

    return _login


# --- Factories ---------------------------------------------------------------------------


def parse_clock(value):
    """Accept "09:30" or a time; factories take forum-local wall-clock times either way."""
    return value if isinstance(value, time) else time.fromisoformat(value)


@pytest.fixture
def create_user(app):
    """Return a callable that creates a user, optionally with roles: roles={forum: [ForumRoleName...]}."""
    numbers = itertools.count(1)

    def _create_user(email=None, name=None, password=DEFAULT_PASSWORD, is_admin=False, roles=None, **fields):
        number = next(numbers)
        user = User(
            email=email or f"user{number}@example.test",
            name=name or f"Test User {number}",
            is_admin=is_admin,
            **fields,
        )
        if password is not None:
            user.set_password(password)
        db.session.add(user)
        for forum, role_names in (roles or {}).items():
            for role_name in role_names:
                db.session.add(ForumRole(user=user, forum=forum, role=role_name))
        db.session.commit()
        return user

    return _create_user


@pytest.fixture
def create_forum(app):
    """Return a callable that creates a three-day forum in Bogotá; later calls get fresh slugs."""
    numbers = itertools.count(1)

    def _create_forum(slug=None, title=None, start_date=date(2030, 11, 5), days=3, timezone="America/Bogota", **fields):
        number = next(numbers)
        forum = Forum(
            slug=slug or ("test-forum" if number == 1 else f"test-forum-{number}"),
            title=title or f"Test Forum {number}",
            start_date=start_date,
            end_date=start_date + timedelta(days=days - 1),
            timezone=timezone,
            **fields,
        )
        db.session.add(forum)
        db.session.commit()
        return forum

    return _create_forum


@pytest.fixture
def create_day(app):
    """Return a callable that adds a day to a forum; without a date, the first of its dates not used yet."""

    def _create_day(forum, on=None, **fields):
        if on is None:
            taken = {day.date for day in forum.days}
            on = next(
                forum.start_date + timedelta(days=offset)
                for offset in itertools.count()
                if forum.start_date + timedelta(days=offset) not in taken
            )
        day = ForumDay(forum=forum, date=on, **fields)
        db.session.add(day)
        db.session.commit()
        return day

    return _create_day


@pytest.fixture
def create_block(app):
    """Return a callable that adds a time block to a day, from forum-local times: create_block(day, "09:00", "12:00")."""

    def _create_block(day, start="09:00", end="12:00", label="", **fields):
        zone = day.forum.timezone
        block = TimeBlock(
            day=day,
            starts_at=local_to_utc(day.date, parse_clock(start), zone),
            ends_at=local_to_utc(day.date, parse_clock(end), zone),
            label=label,
            **fields,
        )
        db.session.add(block)
        db.session.commit()
        return block

    return _create_block


@pytest.fixture
def create_room(app):
    """Return a callable that adds a room to a forum."""
    numbers = itertools.count(1)

    def _create_room(forum, name=None, capacity=40, **fields):
        room = Room(forum=forum, name=name or f"Room {next(numbers)}", capacity=capacity, **fields)
        db.session.add(room)
        db.session.commit()
        return room

    return _create_room


@pytest.fixture
def create_track(app):
    """Return a callable that adds a track to a forum."""
    numbers = itertools.count(1)

    def _create_track(forum, name=None, position=None, **fields):
        number = next(numbers)
        track = Track(
            forum=forum, name=name or f"Track {number}", position=number if position is None else position, **fields
        )
        db.session.add(track)
        db.session.commit()
        return track

    return _create_track


@pytest.fixture
def create_session(app):
    """Return a callable that schedules a session in a block, from forum-local times, with its facilitators."""

    def _create_session(
        forum, block, title="Test session", start="09:00", end="10:00", room=None, facilitators=(), **fields
    ):
        on = block.day.date if block is not None else forum.start_date
        session = ForumSession(
            forum=forum,
            block=block,
            title=title,
            starts_at=local_to_utc(on, parse_clock(start), forum.timezone),
            ends_at=local_to_utc(on, parse_clock(end), forum.timezone),
            room=room,
            **fields,
        )
        db.session.add(session)
        for facilitator in facilitators:
            db.session.add(Appointment(session=session, user=facilitator, role=AppointmentRole.FACILITATOR))
        db.session.commit()
        return session

    return _create_session


@pytest.fixture
def appoint(app):
    """Return a callable that appoints a user to a session in a role (facilitator unless told)."""

    def _appoint(session, user, role=AppointmentRole.FACILITATOR):
        appointment = Appointment(session=session, user=user, role=role)
        db.session.add(appointment)
        db.session.commit()
        return appointment

    return _appoint


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
