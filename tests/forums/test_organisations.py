"""Organisations: a forum's own are its secretariat's alone; the shared directory is everyone's to pick, administrators' to edit."""

import pytest
from sqlalchemy import select

from workshop.accounts.models import ForumRoleName
from workshop.core.audit import AuditEntry
from workshop.extensions import db
from workshop.forums.models import Organisation


@pytest.fixture
def forums(create_forum, create_user):
    """Two private forums with a secretariat each, an organisation of each, and one of the shared directory."""
    ours, theirs = create_forum(is_public=False), create_forum(is_public=False)
    secretary = create_user(name="Sara Secretariat", roles={ours: [ForumRoleName.SECRETARIAT]})
    their_secretary = create_user(name="Tom Theirs", roles={theirs: [ForumRoleName.SECRETARIAT]})
    own = Organisation(forum_id=ours.id, name="Our Ministry", acronym="OM")
    foreign = Organisation(forum_id=theirs.id, name="Their Secret Partner", acronym="TSP")
    shared = Organisation(name="Economic Commission for Latin America", acronym="ECLAC")
    db.session.add_all([own, foreign, shared])
    db.session.commit()
    return ours, theirs, secretary, their_secretary, own, foreign, shared


def organisation_form(name, acronym="", type="other", country_code=""):
    return {"name": name, "acronym": acronym, "type": type, "country_code": country_code}


def audit_entries(action="organisation.saved"):
    db.session.expire_all()
    return db.session.scalars(select(AuditEntry).where(AuditEntry.action == action).order_by(AuditEntry.id)).all()


def test_the_list_shows_the_forum_s_own_and_the_shared_directory_only(client, login, forums):
    ours, theirs, secretary, *_ = forums
    login(client, secretary)

    page = client.get(f"/manage/{ours.slug}/organisations").get_data(as_text=True)

    assert "Our Ministry" in page
    assert "Economic Commission for Latin America" in page
    assert "Their Secret Partner" not in page


def test_another_forum_s_organisation_cannot_be_opened_or_renamed(client, login, forums):
    ours, theirs, secretary, their_secretary, own, foreign, shared = forums
    login(client, secretary)

    opened = client.get(f"/manage/{ours.slug}/organisations/{foreign.id}/edit")
    renamed = client.post(f"/manage/{ours.slug}/organisations/{foreign.id}/edit", data=organisation_form("Mine now"))

    assert (opened.status_code, renamed.status_code) == (404, 404)
    db.session.expire_all()
    assert db.session.get(Organisation, foreign.id).name == "Their Secret Partner"
    assert audit_entries() == []


def test_a_new_organisation_belongs_to_the_forum_and_is_audited_there(client, login, forums):
    ours, theirs, secretary, their_secretary, *_ = forums
    login(client, secretary)

    response = client.post(f"/manage/{ours.slug}/organisations/new", data=organisation_form("Bogotá Chamber", "BC"))

    assert response.status_code == 302
    created = db.session.scalar(select(Organisation).where(Organisation.name == "Bogotá Chamber"))
    assert created.forum_id == ours.id
    assert [entry.forum_id for entry in audit_entries()] == [ours.id]
    login(client, their_secretary)
    assert "Bogotá Chamber" not in client.get(f"/manage/{theirs.slug}/organisations").get_data(as_text=True)


def test_renaming_the_forum_s_own_organisation_is_audited_in_that_forum(client, login, forums):
    ours, theirs, secretary, their_secretary, own, *_ = forums
    login(client, secretary)

    response = client.post(
        f"/manage/{ours.slug}/organisations/{own.id}/edit", data=organisation_form("Our Ministry of Planning")
    )

    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(Organisation, own.id).name == "Our Ministry of Planning"
    assert [entry.forum_id for entry in audit_entries()] == [ours.id]


def test_the_shared_directory_is_read_only_to_a_secretariat(client, login, forums):
    ours, theirs, secretary, their_secretary, own, foreign, shared = forums
    login(client, secretary)

    page = client.get(f"/manage/{ours.slug}/organisations").get_data(as_text=True)
    response = client.post(f"/manage/{ours.slug}/organisations/{shared.id}/edit", data=organisation_form("Renamed"))

    assert f"/organisations/{shared.id}/edit" not in page
    assert response.status_code == 403
    db.session.expire_all()
    assert db.session.get(Organisation, shared.id).name == "Economic Commission for Latin America"


def test_an_administrator_edits_the_shared_directory_outside_any_forum(client, login, forums, create_user):
    ours, theirs, secretary, their_secretary, own, foreign, shared = forums
    login(client, create_user(is_admin=True))

    response = client.post(
        f"/manage/{ours.slug}/organisations/{shared.id}/edit",
        data=organisation_form("ECLAC", "CEPAL"),
    )

    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(Organisation, shared.id).acronym == "CEPAL"
    assert db.session.get(Organisation, shared.id).forum_id is None
    assert [entry.forum_id for entry in audit_entries()] == [None]


@pytest.mark.parametrize(
    "name, refused",
    [
        ("Their Secret Partner", False),
        ("Our Ministry", True),
        ("Economic Commission for Latin America", True),
    ],
    ids=["another forum has it", "this forum has it", "the shared directory has it"],
)
def test_a_name_is_taken_only_within_what_the_forum_sees(client, login, forums, name, refused):
    ours, theirs, secretary, *_ = forums
    login(client, secretary)

    response = client.post(f"/manage/{ours.slug}/organisations/new", data=organisation_form(name))

    assert (response.status_code != 302) == refused
    if refused:
        assert "There is already an organisation called" in response.get_data(as_text=True)


def test_documents_offer_only_the_organisations_the_forum_sees(
    client, login, forums, create_day, create_block, create_session
):
    ours, theirs, secretary, *_ = forums
    session = create_session(ours, create_block(create_day(ours)))
    login(client, secretary)

    page = client.get(f"/f/{ours.slug}/sessions/{session.id}/documents").get_data(as_text=True)

    assert "Our Ministry" in page and "ECLAC" in page
    assert "Their Secret Partner" not in page
