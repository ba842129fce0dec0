"""Saving a form unchanged changes nothing: built from the URL map, like the authorization matrix.

Every edit form is opened on the demo forum (the Bogotá concept note: plenaries, panels, keynote
slots, speakers, drafts with versions, conclusions) for every record it can edit, read as a browser
reads it, posted back untouched, and the whole database is compared before and after, bookkeeping
columns and audit entries included. A new form route fails `test_every_form_route_is_classified`
until it is listed here, with how to reach its records, or with the reason it is no edit form.
"""

from urllib.parse import urlsplit

import pytest
from sqlalchemy import select

from tests.browser_forms import read_form
from tests.security.routes import list_rules, rule_id
from tests.security.test_csrf import database_contents
from workshop.accounts.models import User
from workshop.demo.services import ADMIN_EMAIL, DEMO_PASSWORD, DEMO_SLUG, SECRETARIAT_EMAIL, load_demo
from workshop.extensions import db
from workshop.forums.models import Organisation
from workshop.programme.models import BlockItem, ForumDay, ForumSession, SessionItem, TimeBlock
from workshop.reports.models import SessionReport


def _blocks(forum):
    return db.session.scalars(select(TimeBlock).join(ForumDay).where(ForumDay.forum_id == forum.id)).all()


# endpoint -> the URL arguments of every record of the demo forum its form edits
EDIT_FORMS = {
    "accounts.profile": lambda forum: [{}],
    "forums.edit_forum": lambda forum: [{}],
    "forums.edit_appearance": lambda forum: [{}],
    "programme.edit_day": lambda forum: [{"day_id": day.id} for day in forum.days],
    "programme.edit_block": lambda forum: [{"block_id": block.id} for block in _blocks(forum)],
    "forums.edit_track": lambda forum: [{"track_id": track.id} for track in forum.tracks],
    "forums.edit_room": lambda forum: [{"room_id": room.id} for room in forum.rooms],
    "forums.edit_organisation": lambda forum: [
        {"organisation_id": organisation.id} for organisation in db.session.scalars(select(Organisation))
    ],
    "programme.edit_session": lambda forum: [{"session_id": session.id} for session in forum.sessions],
    "programme.edit_item": lambda forum: [
        {"session_id": item.session_id, "item_id": item.id}
        for item in db.session.scalars(select(SessionItem).join(ForumSession).where(ForumSession.forum_id == forum.id))
    ],
    "programme.edit_loose_item": lambda forum: [
        {"block_id": item.block_id, "item_id": item.id}
        for item in db.session.scalars(select(BlockItem).where(BlockItem.block_id.in_([b.id for b in _blocks(forum)])))
    ],
    "registration.manage_settings": lambda forum: [{}],
    # A stakeholder group's page edits no name or kind: those come from the concept note.
    "registration.show_group": lambda forum: [
        {"group_id": group.id} for group in forum.participant_groups if not group.is_stakeholder_group
    ],
    "registration.edit_mine": lambda forum: [{}],
    "reports.edit_report": lambda forum: [
        {"session_id": report.session_id}
        for report in db.session.scalars(
            select(SessionReport).join(ForumSession).where(ForumSession.forum_id == forum.id)
        )
    ],
}
PARTICIPANT_EMAIL = "participant@demo.workshop.test"
# Forms someone other than the secretariat fills: the shared directory's organisations are the site
# administrator's to edit, a registration is its participant's.
EDITORS = {"forums.edit_organisation": ADMIN_EMAIL, "registration.edit_mine": PARTICIPANT_EMAIL}
# Edit forms that live on another page: endpoint -> (page endpoint, URL arguments of every record).
EMBEDDED_EDIT_FORMS = {
    "documents.save_conclusions": (
        "documents.session_workspace",
        lambda forum: [{"session_id": session.id} for session in forum.sessions],
    ),
}
NOT_EDIT_FORMS = {
    "accounts.login": "signs in",
    "accounts.request_password_reset": "sends a link",
    "accounts.set_password": "sets a new password from a link",
    "accounts.unlock_sign_in": "trusts this browser again from a mailed link; nothing to post back",
    "accounts.change_password": "asks for the current and a new password; nothing to post back",
    "forums.create_forum": "creates a forum",
    "forums.manage_people": "appoints someone new",
    "publishing.manage_releases": "publishes a new release",
    "registration.register": "registers a new person",
    "registration.check_email": "confirms an address from a mailed link",
    "registration.invite": "invites new people",
    "registration.list_groups": "adds a group",
    "desk.check_in": "records who came from a typed badge code",
    "publishing.choose_time_zone": "picks a clock to read the forum on; it offers the browser's zone, not what is saved",
}
FORM_RULES = [rule for rule in list_rules() if {"GET", "POST"} <= rule.methods]


def is_creation(rule):
    return rule.rule.endswith("/new")


def test_every_form_route_is_classified():
    unclassified = sorted(
        rule_id(rule)
        for rule in FORM_RULES
        if not is_creation(rule) and rule.endpoint not in EDIT_FORMS and rule.endpoint not in NOT_EDIT_FORMS
    )
    assert not unclassified, f"form routes neither round-tripped nor listed as no edit form: {unclassified}"


def test_every_embedded_edit_form_is_a_post_route():
    post_only = {rule.endpoint for rule in list_rules() if rule.methods & {"GET", "POST"} == {"POST"}}
    assert set(EMBEDDED_EDIT_FORMS) <= post_only


@pytest.fixture
def demo_forum(app, client, login):
    forum = load_demo()
    db.session.commit()
    login(client, db.session.scalar(select(User).where(User.email == SECRETARIAT_EMAIL)), DEMO_PASSWORD)
    return forum


def round_trip(app, client, migrated_tables, page_url, action=""):
    """Open the page, post its form back as read, and return what went wrong (or None)."""
    before = database_contents(migrated_tables)
    form = read_form(client.get(page_url).get_data(as_text=True), action, urlsplit(page_url).path)
    response = client.post(action or page_url, data=form.data())
    db.session.expire_all()
    if response.status_code != 302:
        return f"{page_url}: the unchanged form was refused ({response.status_code})"
    after = database_contents(migrated_tables)
    changed = {
        table: sorted(set(after[table]) ^ set(before[table]))[:4] for table in after if after[table] != before[table]
    }
    return f"{page_url}: saving it unchanged changed {changed}" if changed else None


@pytest.mark.parametrize("endpoint", sorted(EDIT_FORMS))
def test_saving_an_edit_form_unchanged_changes_nothing(app, client, login, demo_forum, migrated_tables, endpoint):
    if endpoint in EDITORS:
        login(client, db.session.scalar(select(User).where(User.email == EDITORS[endpoint])), DEMO_PASSWORD)
    records = EDIT_FORMS[endpoint](demo_forum)
    assert records, f"the demo forum has nothing for {endpoint} to edit"
    rule = next(rule for rule in FORM_RULES if rule.endpoint == endpoint and not is_creation(rule))
    slug = {"slug": DEMO_SLUG} if "slug" in rule.arguments else {}
    problems = [round_trip(app, client, migrated_tables, app.url_for(endpoint, **slug, **values)) for values in records]
    problems = [problem for problem in problems if problem]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("endpoint", sorted(EMBEDDED_EDIT_FORMS))
def test_saving_an_embedded_edit_form_unchanged_changes_nothing(app, client, demo_forum, migrated_tables, endpoint):
    page_endpoint, records = EMBEDDED_EDIT_FORMS[endpoint]
    problems = []
    for values in records(demo_forum):
        action = app.url_for(endpoint, slug=DEMO_SLUG, **values, _external=False)
        problems.append(
            round_trip(app, client, migrated_tables, app.url_for(page_endpoint, slug=DEMO_SLUG, **values), action)
        )
    problems = [problem for problem in problems if problem]
    assert not problems, "\n".join(problems)
