"""Nothing irreversible happens in one click: built from the URL map, like the authorization matrix.

Every route that only takes POST is either irreversible, and then its button answers with a page
that says what goes with the deed and asks again, or it is listed here with the reason it may act
at once. A new POST route fails `test_every_post_route_is_classified` until someone decides.
"""

import re

import pytest

from tests.security.routes import list_rules, parameter_values, rule_id
from tests.security.test_csrf import database_contents
from workshop.accounts.models import ForumRole, ForumRoleName
from workshop.extensions import db
from workshop.programme.models import Appointment, AppointmentRole
from workshop.registration.models import Registration
from workshop.registration.rules import RegistrationStatus

IRREVERSIBLE = {
    "accounts.revoke_feed_token",
    "programme.delete_block",
    "programme.delete_day",
    "forums.delete_room",
    "forums.delete_track",
    "forums.revoke_forum_role",
    "programme.delete_item",
    "programme.delete_loose_item",
    "programme.delete_session",
    "programme.withdraw",
    "registration.cancel_mine",
    "registration.withdraw",
    "registration.delete_group",
}
# Who presses the button: the secretariat, unless the deed is a participant's own.
PRESSED_BY = {"registration.cancel_mine": "participant", "registration.withdraw": "participant"}
# Each of these adds something, or can be undone with another button.
ACTS_AT_ONCE = {
    "accounts.change_password": "asks for the current password; changing it again undoes it",
    "accounts.logout": "signing in again undoes it",
    "accounts.sign_out_everywhere": "signing in again on each device undoes it",
    "documents.attach_conclusions_file": "adds a version; earlier ones stay",
    "documents.link_document": "tables a document; taking it off undoes it",
    "documents.save_conclusions": "saves a draft; the text is what the person typed",
    "documents.submit_conclusions": "saving the conclusions again makes them a draft",
    "documents.unlink_document": "takes a document off a session; it and its files stay, tabling it again undoes it",
    "documents.upload_new_document": "adds a document",
    "documents.upload_version": "adds a version; earlier ones stay",
    "programme.add_item": "adds an item",
    "programme.appoint": "adds an appointment",
    "programme.move_item": "moving it back undoes it",
    "registration.set_digest_preference": "sets a preference; setting it again undoes it",
    "programme.move_session": "moving the card back (or Undo) undoes it",
    "programme.undo_move": "moving the card again undoes it",
    "registration.choose_session": "takes a place; dropping it undoes it",
    "registration.drop_session": "gives a place back; choosing again takes a free place or one in line",
    "registration.decide_registrations": "approving admits people; declining asks first (tested below)",
    "registration.add_member": "adds a member",
    "registration.remove_member": "adding the member again undoes it",
    "registration.restrict_session": "opening the session again undoes it",
    "registration.unrestrict_session": "restricting the session again undoes it",
    "desk.decide_participants": "approving gives places (cancelling undoes it); declining asks first on a page of its own",
    "desk.check_in": "records who came; a second scan records nothing more",
    "desk.check_in_scan": "the check-in page's queue: records who came, a second scan records nothing more",
    "reports.approve_report": "reopening the report undoes it; every revision stays",
    "reports.comment_on_report": "adds a comment",
    "reports.reopen_report": "approving the report again undoes it",
    "reports.return_report": "the rapporteur resubmits it; the comments stay",
    "reports.set_deadline": "setting another day undoes it",
    "reports.publish_report": "unticking the box takes the report off the session page",
    "reports.set_forum_publication": "unticking the box takes the reports off again",
    "reports.submit_report": "the secretariat returns it; every revision stays",
}
POST_ONLY_RULES = [rule for rule in list_rules() if rule.methods & {"GET", "POST"} == {"POST"}]
ASKING_RULES = [rule for rule in POST_ONLY_RULES if rule.endpoint in IRREVERSIBLE]


def test_every_post_route_is_classified():
    unclassified = sorted({rule.endpoint for rule in POST_ONLY_RULES} - IRREVERSIBLE - set(ACTS_AT_ONCE))
    assert not unclassified, f"POST routes neither asking first nor listed as acting at once: {unclassified}"


@pytest.mark.parametrize("rule", ASKING_RULES, ids=rule_id)
def test_the_button_asks_first_and_changes_nothing(app, client, world, sign_in, migrated_tables, rule):
    sign_in(client, world.user(PRESSED_BY.get(rule.endpoint, "secretariat")))
    url = app.url_for(rule.endpoint, **parameter_values(rule, world, world.forum_a))
    before = database_contents(migrated_tables)

    page = client.post(url).get_data(as_text=True)

    db.session.expire_all()
    assert database_contents(migrated_tables) == before
    assert re.search(r'name="confirmed" value="yes"', page), f"POST {url} did not ask first"
    assert "cannot be undone" in page


@pytest.mark.parametrize("rule", ASKING_RULES, ids=rule_id)
def test_the_confirmation_does_the_deed_or_says_why_not(app, client, world, sign_in, migrated_tables, rule):
    sign_in(client, world.user(PRESSED_BY.get(rule.endpoint, "secretariat")))
    url = app.url_for(rule.endpoint, **parameter_values(rule, world, world.forum_a))
    before = database_contents(migrated_tables)

    response = client.post(url, data={"confirmed": "yes"}, follow_redirects=True)

    db.session.expire_all()
    refused = 'class="flash flash-error"' in response.get_data(as_text=True)
    assert refused or database_contents(migrated_tables) != before, f"POST {url} with confirmation changed nothing"


def test_deleting_a_session_says_what_goes_with_it(app, client, world, sign_in):
    sign_in(client, world.user("secretariat"))
    url = app.url_for("programme.delete_session", slug="forum-a", session_id=world.forum_a.ids["session_id"])

    page = client.post(url).get_data(as_text=True)

    assert "Delete forum-a S1?" in page
    facilitator = world.user("facilitator").name
    for consequence in (
        "Its 1 item in the running order",
        f"The appointment of {facilitator} as Facilitator",
        "The tabling of 1 draft document",
    ):
        assert consequence in page


def test_taking_the_facilitator_role_away_withdraws_the_appointments_it_stands_for(app, client, world, sign_in):
    facilitator = world.user("facilitator")
    forum_role = db.session.scalar(
        db.select(ForumRole).where(ForumRole.user_id == facilitator.id, ForumRole.role == ForumRoleName.FACILITATOR)
    )
    sign_in(client, world.user("secretariat"))
    url = app.url_for("forums.revoke_forum_role", slug="forum-a", role_id=forum_role.id)
    assert "Facilitator of forum-a S1, with its workspace and uploads" in client.post(url).get_data(as_text=True)

    client.post(url, data={"confirmed": "yes"})

    remaining = db.session.scalars(
        db.select(Appointment).where(
            Appointment.user_id == facilitator.id, Appointment.role == AppointmentRole.FACILITATOR
        )
    ).all()
    assert remaining == []
    sign_in(client, facilitator)
    workspace = app.url_for("documents.session_workspace", slug="forum-a", session_id=world.forum_a.ids["session_id"])
    assert client.get(workspace).status_code == 403


def test_declining_registrations_names_each_person_and_declines_only_them_once_confirmed(app, client, world, sign_in):
    registration = db.session.scalar(db.select(Registration).where(Registration.email == "part-a@example.test"))
    registration.status = RegistrationStatus.AWAITING_APPROVAL
    db.session.commit()
    sign_in(client, world.user("secretariat"))
    url = app.url_for("registration.decide_registrations", slug="forum-a")
    form = {"decision": "decline", "registration_ids": [str(registration.id)]}

    page = client.post(url, data=form).get_data(as_text=True)

    assert "Decline 1 registrations?" in page and "The registration of part-a" in page
    assert f'name="registration_ids" value="{registration.id}"' in page, "the confirmation declines the same people"
    db.session.expire_all()
    assert registration.status == RegistrationStatus.AWAITING_APPROVAL

    client.post(url, data={**form, "confirmed": "yes"})

    db.session.expire_all()
    assert registration.status == RegistrationStatus.DECLINED
