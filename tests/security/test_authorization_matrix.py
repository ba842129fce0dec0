"""Every route × every kind of actor → the expected outcome, built from the app's URL map.

A route that is not in EXPECTED fails `test_every_route_has_expectations` and its own matrix cases:
adding a route means deciding here who may reach it.
"""
import pytest

from tests.security.conftest import ACTORS
from tests.security.routes import classify, list_rules, method_for, parameter_values, rule_id

OK, LOGIN, FORBIDDEN, NOT_FOUND = "ok", "login", "forbidden", "not_found"


def everyone(outcome=OK):
    return {actor: outcome for actor in ACTORS}


def signed_in():
    """Any signed-in person; anonymous visitors are sent to the login page."""
    return {**everyone(OK), "anonymous": LOGIN}


def secretariat_only():
    """The forum's secretariat and site administrators; other people 403, anonymous visitors to login."""
    return {**everyone(FORBIDDEN), "anonymous": LOGIN, "secretariat": OK, "admin": OK}


def admin_only():
    return {**everyone(FORBIDDEN), "anonymous": LOGIN, "admin": OK}


PUBLIC_FORUM_PAGES = (
    "forums.index",
    "registration.register",
    "registration.check_email",
    "registration.list_participants",
    "forums.show_forum",
    "publishing.show_agenda",
    "publishing.show_session",
    "publishing.list_changes",
    "documents.show_document",
    "documents.download_version",
)

ACCOUNT_PAGES_FOR_ANYONE = (
    "accounts.login",
    "accounts.request_password_reset",
    "accounts.set_password",
)

SIGNED_IN_PAGES = (
    "accounts.logout",
    "accounts.profile",
    "accounts.revoke_feed_token",
    "forums.manage_index",
    "exports.personal_agenda_pdf",
    # One's own registration: someone without one is sent to the registration form.
    "registration.mine",
    "registration.edit_mine",
    "registration.cancel_mine",
    "registration.list_sessions",
    "registration.choose_session",
    "registration.drop_session",
    "registration.set_digest_preference",
    "registration.download_my_data",
    "registration.withdraw",
)

SECRETARIAT_SCREENS = (
    "forums.edit_forum",
    "forums.manage_frame",
    "forums.edit_day",
    "forums.delete_day",
    "forums.edit_block",
    "forums.delete_block",
    "forums.edit_track",
    "forums.delete_track",
    "forums.edit_room",
    "forums.delete_room",
    "forums.list_organisations",
    "forums.edit_organisation",
    "forums.manage_people",
    "forums.revoke_forum_role",
    "programme.overview",
    "programme.edit_session",
    "programme.show_session",
    "programme.delete_session",
    "programme.add_item",
    "programme.edit_item",
    "programme.move_item",
    "programme.delete_item",
    "programme.appoint",
    "programme.withdraw",
    "programme.edit_loose_item",
    "programme.delete_loose_item",
    "publishing.manage_releases",
    "documents.forum_board",
    "documents.audit_trail",
    "registration.manage_settings",
    "registration.list_registrations",
    "registration.decide_registrations",
    "registration.invite",
    "registration.list_groups",
    "registration.show_group",
    "registration.add_member",
    "registration.remove_member",
    "registration.restrict_session",
    "registration.unrestrict_session",
    "registration.delete_group",
)

# The documents and conclusions of S1: its own facilitator, the secretariat and administrators.
SESSION_DOCUMENT_SCREENS = (
    "documents.session_workspace",
    "documents.upload_new_document",
    "documents.upload_version",
    "documents.link_document",
    "documents.unlink_document",
    "documents.save_conclusions",
    "documents.attach_conclusions_file",
    "documents.submit_conclusions",
)

# Published exports of a public forum: open to anyone; the personal feed is opened by its secret alone.
PUBLIC_EXPORTS = (
    "exports.agenda_calendar",
    "exports.track_calendar",
    "exports.room_calendar",
    "exports.session_calendar",
    "exports.personal_calendar",
    "exports.agenda_pdf",
    "exports.agenda_json",
    "exports.openapi_json",
)

EXPECTED = {
    **{endpoint: everyone() for endpoint in PUBLIC_FORUM_PAGES + ACCOUNT_PAGES_FOR_ANYONE + PUBLIC_EXPORTS},
    **{endpoint: signed_in() for endpoint in SIGNED_IN_PAGES},
    **{endpoint: secretariat_only() for endpoint in SECRETARIAT_SCREENS},
    **{endpoint: {**secretariat_only(), "facilitator": OK} for endpoint in SESSION_DOCUMENT_SCREENS},
    # Facilitators of the forum see their own board; the secretariat sees everyone's.
    "documents.my_sessions": {**secretariat_only(), "facilitator": OK, "facilitator_other": OK},
    # The brief of S1 is for the people with a part in it (its facilitator and rapporteur) and the secretariat.
    "exports.session_brief_pdf": {**secretariat_only(), "facilitator": OK, "rapporteur": OK},
    "forums.create_forum": admin_only(),
}

RULES = list_rules()


def test_every_route_has_expectations():
    missing = sorted({rule.endpoint for rule in RULES} - set(EXPECTED))
    assert not missing, f"routes without an entry in EXPECTED (decide who may reach them): {missing}"


def test_every_expectation_names_every_actor():
    incomplete = {endpoint: set(ACTORS) - set(row) for endpoint, row in EXPECTED.items() if set(row) != set(ACTORS)}
    assert not incomplete


@pytest.mark.parametrize("rule", RULES, ids=rule_id)
def test_route_answers_each_actor_as_expected(app, client, rebuild_world, sign_in, rule):
    assert rule.endpoint in EXPECTED, f"{rule.endpoint} has no entry in EXPECTED"
    method = method_for(rule)
    login_path = app.url_for("accounts.login", _external=False)
    world, surprises = rebuild_world(), []
    for actor in ACTORS:
        sign_in(client, world.user(actor))
        url = app.url_for(rule.endpoint, **parameter_values(rule, world, world.forum_a))
        response = client.open(url, method=method)
        outcome = classify(response, login_path)
        if outcome != EXPECTED[rule.endpoint][actor]:
            surprises.append(f"{actor}: {method} {url} -> {response.status_code} ({outcome}), "
                             f"expected {EXPECTED[rule.endpoint][actor]}")
        if method == "POST" and outcome == OK:
            # The request may have deleted what the next actor's URL points at.
            world = rebuild_world()
    assert not surprises, "\n".join(surprises)


ID_PARAMETERS_OF_A_FORUM = {"day_id", "block_id", "room_id", "track_id", "session_id", "item_id", "appointment_id",
                            "role_id", "document_id", "group_id", "member_id"}
RULES_WITH_FORUM_PART_IDS = [
    rule for rule in RULES if "slug" in rule.arguments and set(rule.arguments) & ID_PARAMETERS_OF_A_FORUM
]


@pytest.mark.parametrize("rule", RULES_WITH_FORUM_PART_IDS, ids=rule_id)
def test_parts_of_another_forum_are_not_found_through_this_forums_slug(app, client, world, sign_in, rule):
    sign_in(client, world.user("secretariat"))
    url = app.url_for(rule.endpoint, **parameter_values(rule, world, world.forum_a, target_parts=world.forum_b))
    response = client.open(url, method=method_for(rule))
    assert response.status_code == 404, f"{url}: {response.status_code}"
