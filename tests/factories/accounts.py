"""Factories for accounts: people, with their roles in forums, and signing them in."""

import itertools

import pytest

from tests.browser_forms import read_csrf_token
from workshop.accounts.models import ForumRole, User
from workshop.extensions import db

DEFAULT_PASSWORD = "correct horse battery"


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
def login():
    """Return a callable that signs a user in through the login form: login(client, user, password)."""

    def _login(client, user, password=DEFAULT_PASSWORD):
        login_url = client.application.url_for("accounts.login")
        data = {"email": user.email, "password": password}
        if client.application.config["WTF_CSRF_ENABLED"]:
            data["csrf_token"] = read_csrf_token(client, login_url)
        return client.post(login_url, data=data)

    return _login


@pytest.fixture
def sign_in():
    """Return a callable that marks a client as signed in as `user` (None: anonymous), without the form: for many requests."""

    def _sign_in(client, user):
        with client.session_transaction() as session:
            session.clear()
            if user is not None:
                session["_user_id"] = user.get_id()
                session["_fresh"] = True

    return _sign_in
