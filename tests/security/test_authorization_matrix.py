"""Every route × every kind of actor → the expected outcome, built from the app's URL map.

A route that is not in EXPECTED fails `test_every_route_has_expectations` and its own matrix cases:
adding a route means deciding here who may reach it.

A POST carries an empty form. Whoever is let through, that must change nothing in the database
(the form is refused, and a refusal loses and writes nothing), except for the actions that need no
input, listed in ACTIONS_WITHOUT_INPUT, which must then have done something. A refused actor
changes nothing either.
"""

import pytest
from sqlalchemy import select

from tests.security.conftest import ACTORS
from tests.security.routes import classify, list_rules, method_for, parameter_values, rule_id
from tests.security.test_deletes_ask_first import IRREVERSIBLE
from workshop.extensions import db

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
    "desk.show_public_attendance",
    "forums.show_forum",
    "forums.forum_stylesheet",
    "forums.show_logo",
    "publishing.show_agenda",
    "publishing.show_agenda_grid",
    "publishing.show_session",
    "publishing.list_changes",
    # Anyone may read a forum's times in their own zone: saved on the account, or in a cookie of the browser.
    "publishing.choose_time_zone",
    "documents.show_document",
    "documents.download_version",
)

ACCOUNT_PAGES_FOR_ANYONE = (
    "accounts.login",
    "accounts.request_password_reset",
    "accounts.set_password",
    "accounts.unlock_sign_in",
)

SIGNED_IN_PAGES = (
    "accounts.logout",
    "accounts.change_password",
    "accounts.sign_out_everywhere",
    "accounts.profile",
    "accounts.revoke_feed_token",
    "forums.manage_index",
    "exports.personal_agenda_pdf",
    # One's own registration: someone without one is sent to the registration form.
    "registration.mine",
    "registration.edit_mine",
    "registration.list_sessions",
    "registration.choose_session",
    "registration.drop_session",
    "registration.set_digest_preference",
    "registration.download_my_data",
)

SECRETARIAT_SCREENS = (
    "forums.edit_forum",
    "forums.edit_appearance",
    "forums.manage_frame",
    "programme.edit_day",
    "programme.delete_day",
    "programme.edit_block",
    "programme.delete_block",
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
    "programme.show_board",
    "programme.move_session",
    "programme.undo_move",
    "publishing.manage_releases",
    "documents.forum_board",
    "forums.audit_trail",
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
    "desk.list_participants",
    "desk.decide_participants",
    "desk.export_participants",
    "desk.check_in",
    "desk.check_in_scan",
    "desk.show_attendance",
    "desk.show_dashboard",
    "exports.list_of_participants_pdf",
    "exports.badges_pdf",
    "reports.forum_board",
    "reports.set_deadline",
    "reports.set_forum_publication",
    "reports.show_outcome",
    "exports.outcome_pdf",
    "exports.outcome_docx",
    "exports.outcome_recommendations",
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
    "favicon",
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
    # Cancelling or withdrawing one's own registration: someone without one has nothing to cancel.
    **{
        endpoint: {**everyone(NOT_FOUND), "anonymous": LOGIN, "participant": OK}
        for endpoint in ("registration.cancel_mine", "registration.withdraw")
    },
    **{endpoint: secretariat_only() for endpoint in SECRETARIAT_SCREENS},
    **{endpoint: {**secretariat_only(), "facilitator": OK} for endpoint in SESSION_DOCUMENT_SCREENS},
    # Facilitators of the forum see their own board; the secretariat sees everyone's.
    "documents.my_sessions": {**secretariat_only(), "facilitator": OK, "facilitator_other": OK},
    # The brief of S1 is for the people with a part in it (its facilitator and rapporteur) and the secretariat.
    "exports.session_brief_pdf": {**secretariat_only(), "facilitator": OK, "rapporteur": OK},
    "forums.create_forum": admin_only(),
    # S1's report (a draft): its rapporteur writes and submits it; its facilitator reads and comments.
    **{
        endpoint: {**secretariat_only(), "facilitator": OK, "rapporteur": OK}
        for endpoint in ("reports.show_report", "reports.comment_on_report", "exports.session_report_pdf")
    },
    **{
        endpoint: {**secretariat_only(), "rapporteur": OK}
        for endpoint in ("reports.edit_report", "reports.submit_report", "reports.reopen_report", "reports.my_reports")
    },
    **{
        endpoint: secretariat_only()
        for endpoint in ("reports.return_report", "reports.approve_report", "reports.publish_report")
    },
}

# POST routes whose empty form is the whole request: a button that deletes, withdraws, unlinks or revokes.
# (The security world's day, block and room still hold sessions, so deleting them is refused.)
# The world's day holds its block, the block its sessions, the room a session: deleting them is refused.
# The world uses what these delete (a room, a day, a block, a group restricting S1): they are refused with a reason.
REFUSED_WHILE_IN_USE = {
    "programme.delete_block",
    "programme.delete_day",
    "forums.delete_room",
    "registration.delete_group",
}
ACTIONS_WITHOUT_INPUT = {
    "accounts.sign_out_everywhere",
    "documents.unlink_document",
    "reports.submit_report",
    # An empty form is an answer here: the box unticked (no digests), the member or restriction named in the URL.
    "registration.set_digest_preference",
    "registration.remove_member",
    "registration.unrestrict_session",
    *(IRREVERSIBLE - REFUSED_WHILE_IN_USE),
}

RULES = list_rules()


def database_state():
    """Return every row of every table, to tell whether a request wrote anything."""
    db.session.expire_all()
    return {
        table.name: sorted(map(repr, db.session.execute(select(table)).all())) for table in db.metadata.sorted_tables
    }


def changed_tables(before, after):
    return sorted(name for name in before if before[name] != after.get(name))


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
    before = database_state() if method == "POST" else None
    for actor in ACTORS:
        sign_in(client, world.user(actor))
        url = app.url_for(rule.endpoint, **parameter_values(rule, world, world.forum_a))
        # An irreversible deed first asks again (tests/security/test_deletes_ask_first.py); answer yes here.
        answer = {"confirmed": "yes"} if rule.endpoint in IRREVERSIBLE else None
        response = client.open(url, method=method, data=answer)
        outcome = classify(response, login_path)
        if outcome != EXPECTED[rule.endpoint][actor]:
            surprises.append(
                f"{actor}: {method} {url} -> {response.status_code} ({outcome}), "
                f"expected {EXPECTED[rule.endpoint][actor]}"
            )
        if method != "POST":
            continue
        changes = changed_tables(before, database_state())
        acts = outcome == OK and rule.endpoint in ACTIONS_WITHOUT_INPUT
        if acts and not changes:
            surprises.append(f"{actor}: POST {url} -> {response.status_code} changed nothing")
        if changes and not acts:
            surprises.append(f"{actor}: POST {url} with an empty form -> {response.status_code} changed {changes}")
        if changes:
            # The request may have deleted what the next actor's URL points at.
            world = rebuild_world()
            before = database_state()
    assert not surprises, "\n".join(surprises)


ID_PARAMETERS_OF_A_FORUM = {
    "day_id",
    "block_id",
    "room_id",
    "track_id",
    "session_id",
    "item_id",
    "appointment_id",
    "role_id",
    "document_id",
    "organisation_id",
    "group_id",
    "member_id",
}
RULES_WITH_FORUM_PART_IDS = [
    rule for rule in RULES if "slug" in rule.arguments and set(rule.arguments) & ID_PARAMETERS_OF_A_FORUM
]


@pytest.mark.parametrize("rule", RULES_WITH_FORUM_PART_IDS, ids=rule_id)
def test_parts_of_another_forum_are_not_found_through_this_forums_slug(app, client, world, sign_in, rule):
    sign_in(client, world.user("secretariat"))
    url = app.url_for(rule.endpoint, **parameter_values(rule, world, world.forum_a, target_parts=world.forum_b))
    response = client.open(url, method=method_for(rule))
    assert response.status_code == 404, f"{url}: {response.status_code}"
