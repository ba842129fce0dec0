"""Configuration precedence: environment over instance/config.py over defaults."""

import stat
from pathlib import Path

import pytest
from flask import Flask

from workshop.config import load_config


@pytest.fixture
def bare_app(tmp_path):
    """Return a bare Flask app whose instance folder is a fresh temporary directory."""
    return Flask("workshop", instance_path=str(tmp_path / "instance"), instance_relative_config=True)


def write_instance_config(app, text):
    instance = Path(app.instance_path)
    instance.mkdir(parents=True, exist_ok=True)
    (instance / "config.py").write_text(text)


def test_defaults_apply_without_instance_config_or_environment(bare_app):
    load_config(bare_app)

    assert bare_app.config["MAX_UPLOAD_MB"] == 25
    assert bare_app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite:///")
    assert bare_app.config["SQLALCHEMY_DATABASE_URI"].endswith("instance/workshop.sqlite")
    assert bare_app.config["UPLOAD_DIR"].endswith("instance/uploads")


def test_instance_config_overrides_defaults(bare_app):
    write_instance_config(bare_app, "MAX_UPLOAD_MB = 7\nMAIL_SERVER = 'mail.example.test'\n")

    load_config(bare_app)

    assert bare_app.config["MAX_UPLOAD_MB"] == 7
    assert bare_app.config["MAIL_SERVER"] == "mail.example.test"


def test_environment_overrides_instance_config(bare_app, monkeypatch):
    write_instance_config(bare_app, "MAX_UPLOAD_MB = 7\nMAIL_SERVER = 'mail.example.test'\n")
    monkeypatch.setenv("WORKSHOP_MAX_UPLOAD_MB", "3")
    monkeypatch.setenv("WORKSHOP_MAIL_SERVER", "smtp.example.test")

    load_config(bare_app)

    assert bare_app.config["MAX_UPLOAD_MB"] == 3
    assert bare_app.config["MAIL_SERVER"] == "smtp.example.test"
    assert bare_app.config["MAX_CONTENT_LENGTH"] > 3 * 1024 * 1024


def test_secret_key_is_generated_into_instance_once_and_reused(tmp_path):
    instance = tmp_path / "instance"
    first = Flask("workshop", instance_path=str(instance), instance_relative_config=True)
    second = Flask("workshop", instance_path=str(instance), instance_relative_config=True)

    load_config(first)
    load_config(second)

    key_file = instance / "secret_key"
    assert len(first.config["SECRET_KEY"]) >= 32
    assert first.config["SECRET_KEY"] == second.config["SECRET_KEY"] == key_file.read_text().strip()
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600


def test_secret_key_from_environment_wins_and_writes_no_file(bare_app, monkeypatch):
    monkeypatch.setenv("WORKSHOP_SECRET_KEY", "from-the-environment")

    load_config(bare_app)

    assert bare_app.config["SECRET_KEY"] == "from-the-environment"
    assert not (Path(bare_app.instance_path) / "secret_key").exists()


@pytest.mark.parametrize(
    ("configured", "expected"),
    [
        ("postgresql://workshop@db.example.test/workshop", "postgresql+psycopg://workshop@db.example.test/workshop"),
        ("postgres://workshop@db.example.test/workshop", "postgresql+psycopg://workshop@db.example.test/workshop"),
        ("postgresql+psycopg://workshop@db/workshop", "postgresql+psycopg://workshop@db/workshop"),
        ("sqlite:////var/lib/workshop.sqlite", "sqlite:////var/lib/workshop.sqlite"),
    ],
)
def test_database_url_gets_the_psycopg_driver(bare_app, monkeypatch, configured, expected):
    monkeypatch.setenv("WORKSHOP_DATABASE_URL", configured)

    load_config(bare_app)

    assert bare_app.config["SQLALCHEMY_DATABASE_URI"] == expected


def test_secure_cookies_setting_marks_cookies_secure(bare_app, monkeypatch):
    monkeypatch.setenv("WORKSHOP_SECURE_COOKIES", "true")

    load_config(bare_app)

    assert bare_app.config["SESSION_COOKIE_SECURE"] is True
    assert bare_app.config["REMEMBER_COOKIE_SECURE"] is True
