"""Settings for running behind a proxy on a public address: trusted host names and forwarded addresses."""

from flask import request


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
