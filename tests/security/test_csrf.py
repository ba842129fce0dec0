"""Every request that can change state is refused without a CSRF token, and changes nothing."""

import pytest
from sqlalchemy import select

from tests.factories.accounts import DEFAULT_PASSWORD
from tests.security.routes import list_rules, parameter_values, rule_id
from workshop.extensions import db

POST_RULES = [rule for rule in list_rules() if "POST" in rule.methods]


def database_contents(table_names):
    """Return every row of every table, to compare the database before and after a request."""
    return {
        table.name: sorted(map(repr, db.session.execute(select(table)).all()))
        for table in db.metadata.sorted_tables
        if table.name in table_names
    }


@pytest.fixture
def signed_in_secretariat(world, csrf_client, login):
    """Sign forum A's secretariat in on the CSRF-checking client, through the login form and its token."""
    secretariat = world.user("secretariat")
    secretariat.set_password(DEFAULT_PASSWORD)
    db.session.commit()
    response = login(csrf_client, secretariat)
    assert response.status_code == 302, "the secretariat could not sign in with a token"
    return csrf_client


def test_there_are_state_changing_routes_to_check():
    assert len(POST_RULES) > 20


@pytest.mark.parametrize("rule", POST_RULES, ids=rule_id)
def test_post_without_token_is_refused_and_changes_nothing(app, world, signed_in_secretariat, migrated_tables, rule):
    before = database_contents(migrated_tables)
    url = app.url_for(rule.endpoint, **parameter_values(rule, world, world.forum_a))
    response = signed_in_secretariat.post(url, data={"title": "changed", "body": "changed", "name": "changed"})
    assert response.status_code == 400, f"POST {url}: {response.status_code}"
    db.session.expire_all()
    assert database_contents(migrated_tables) == before


def test_the_same_request_with_its_token_does_change_state(app, world, signed_in_secretariat, csrf_token):
    token = csrf_token(signed_in_secretariat, app.url_for("accounts.profile"))
    old_feed_token = world.user("secretariat").feed_token
    response = signed_in_secretariat.post(
        app.url_for("accounts.revoke_feed_token"), data={"csrf_token": token, "confirmed": "yes"}
    )
    assert response.status_code == 302
    assert world.user("secretariat").feed_token != old_feed_token
