"""Settings for running behind a proxy on a public address: trusted host names and forwarded addresses."""

import pytest
from flask import Flask, request

from workshop.config import MissingProductionSettings, load_config


def test_a_foreign_host_header_is_refused_when_host_names_are_set(make_app):
    app = make_app(TRUSTED_HOSTS="forum.example.org, www.forum.example.org")
    assert app.config["TRUSTED_HOSTS"] == ["forum.example.org", "www.forum.example.org"]
    client = app.test_client()
    assert client.get("/account/login", headers={"Host": "forum.example.org"}).status_code == 200
    assert client.get("/account/login", headers={"Host": "attacker.example"}).status_code == 400


def test_behind_a_proxy_the_client_address_is_the_forwarded_one(make_app):
    app = make_app(PROXY_COUNT=1)
    seen = []
    app.before_request(lambda: seen.append(request.remote_addr))
    app.test_client().get("/", headers={"X-Forwarded-For": "203.0.113.7"}, environ_base={"REMOTE_ADDR": "10.0.0.10"})
    assert seen == ["203.0.113.7"]


def test_without_a_proxy_a_forwarded_address_is_not_believed(make_app):
    app = make_app()
    seen = []
    app.before_request(lambda: seen.append(request.remote_addr))
    app.test_client().get("/", headers={"X-Forwarded-For": "203.0.113.7"}, environ_base={"REMOTE_ADDR": "10.0.0.10"})
    assert seen == ["10.0.0.10"]


def test_a_trusted_host_name_stands_for_its_default_port_only(make_app):
    client = make_app(TRUSTED_HOSTS="forum.example.org").test_client()

    assert client.get("/account/login", headers={"Host": "forum.example.org"}).status_code == 200
    assert client.get("/account/login", headers={"Host": "forum.example.org:80"}).status_code == 200
    assert client.get("/account/login", headers={"Host": "forum.example.org:8080"}).status_code == 400


def test_a_trusted_host_with_a_port_answers_on_that_port_only(make_app):
    client = make_app(TRUSTED_HOSTS="forum.example.org:8443, other.example.org:443").test_client()

    assert client.get("/account/login", headers={"Host": "forum.example.org:8443"}).status_code == 200
    assert client.get("/account/login", headers={"Host": "forum.example.org"}).status_code == 400
    assert client.get("/account/login", headers={"Host": "other.example.org:8443"}).status_code == 400
    assert (
        client.get(
            "/account/login", headers={"Host": "other.example.org"}, base_url="https://other.example.org"
        ).status_code
        == 200
    )


PRODUCTION = {
    "ENV": "production",
    "SITE_URL": "https://forum.example.org/",
    "TRUSTED_HOSTS": "forum.example.org",
    "SECURE_COOKIES": True,
    "SECRET_KEY": "a long random value",
}


def test_production_mode_starts_with_every_setting_a_public_site_needs(make_app):
    app = make_app(**PRODUCTION)

    assert app.config["SESSION_COOKIE_SECURE"] is True
    assert app.config["SITE_URL"] == "https://forum.example.org/"


def test_production_mode_refuses_to_start_and_names_every_missing_setting(monkeypatch, tmp_path):
    monkeypatch.setenv("WORKSHOP_ENV", "production")
    app = Flask("workshop", instance_path=str(tmp_path / "instance"), instance_relative_config=True)

    with pytest.raises(MissingProductionSettings) as refusal:
        load_config(app)

    for setting in ("WORKSHOP_SITE_URL", "WORKSHOP_TRUSTED_HOSTS", "WORKSHOP_SECURE_COOKIES", "WORKSHOP_SECRET_KEY"):
        assert setting in str(refusal.value)


@pytest.mark.parametrize(
    "change",
    [
        {"SITE_URL": "http://forum.example.org/"},
        {"SITE_URL": "https://elsewhere.example.org/"},
        {"SECURE_COOKIES": False},
        {"TRUSTED_HOSTS": ""},
    ],
    ids=["plain-http", "site-not-trusted", "cookies-not-secure", "no-trusted-hosts"],
)
def test_production_mode_refuses_each_wrong_setting(make_app, change):
    with pytest.raises(MissingProductionSettings):
        make_app(**{**PRODUCTION, **change})


def test_development_mode_builds_links_on_the_local_address(tmp_path):
    app = Flask("workshop", instance_path=str(tmp_path / "instance"), instance_relative_config=True)

    load_config(app)

    assert app.config["SITE_URL"] == "http://127.0.0.1:5000/"
