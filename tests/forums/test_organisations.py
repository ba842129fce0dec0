"""Organisations: a forum's own are its secretariat's alone; the shared directory is everyone's to pick, administrators' to edit."""

import re

import pytest
from sqlalchemy import func, select

from workshop.accounts.models import ForumRoleName
from workshop.core.audit import AuditEntry
from workshop.core.refusals import Refused
from workshop.extensions import db
from workshop.forums import services
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
        assert "is listed already; pick it instead of adding it again." in response.get_data(as_text=True)


def test_documents_offer_only_the_organisations_the_forum_sees(
    client, login, forums, create_day, create_block, create_session
):
    ours, theirs, secretary, *_ = forums
    session = create_session(ours, create_block(create_day(ours)))
    login(client, secretary)

    page = client.get(f"/f/{ours.slug}/sessions/{session.id}/documents").get_data(as_text=True)

    assert "Our Ministry" in page and "ECLAC" in page
    assert "Their Secret Partner" not in page


@pytest.mark.parametrize(
    ("name", "acronym", "field", "message"),
    [
        ("Nueva comisión", "eclac", "acronym", "is listed already; pick it instead of adding it again."),
        (
            "ECONOMIC  commission for Latin América",
            "",
            "name",
            "is listed already; pick it instead of adding it again.",
        ),
        ("Economic Commission for Latin Americas", "", "name", "is listed already under a name this close"),
        ("Our Ministry", "", "name", "is listed already; pick it instead of adding it again."),
    ],
)
def test_an_organisation_added_twice_is_refused_at_the_field_that_repeats(
    client, login, forums, name, acronym, field, message
):
    ours, theirs, secretary, *_ = forums
    login(client, secretary)

    response = client.post(f"/manage/{ours.slug}/organisations/new", data=organisation_form(name, acronym))

    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert message in page
    assert re.search(rf'class="field has-error">\s*<label for="{field}"', page)
    assert f'value="{name}"' in page
    assert db.session.scalar(select(func.count()).select_from(Organisation)) == 3


def test_saving_an_organisation_unchanged_does_not_find_it_repeats_itself(client, login, forums):
    ours, theirs, secretary, their_secretary, own, *_ = forums
    login(client, secretary)

    response = client.post(
        f"/manage/{ours.slug}/organisations/{own.id}/edit", data=organisation_form("Our Ministry", "OM")
    )

    assert response.status_code == 302


def test_a_site_administrator_adds_to_the_shared_directory(client, login, create_user, forums):
    ours, *_ = forums
    login(client, create_user(is_admin=True))

    form_page = client.get(f"/manage/{ours.slug}/organisations/new").get_data(as_text=True)
    response = client.post(
        f"/manage/{ours.slug}/organisations/new",
        data={**organisation_form("Caribbean Community", "CARICOM"), "shared": "y"},
    )

    assert 'name="shared"' in form_page
    assert response.status_code == 302
    created = db.session.scalar(select(Organisation).where(Organisation.acronym == "CARICOM"))
    assert created.forum_id is None
    assert [entry.forum_id for entry in audit_entries()] == [None]


def test_a_secretariat_s_organisation_stays_in_its_forum_whatever_it_sends(client, login, forums):
    ours, theirs, secretary, *_ = forums
    login(client, secretary)

    form_page = client.get(f"/manage/{ours.slug}/organisations/new").get_data(as_text=True)
    response = client.post(
        f"/manage/{ours.slug}/organisations/new", data={**organisation_form("Bogotá Chamber", "BC"), "shared": "y"}
    )

    assert 'name="shared"' not in form_page
    assert response.status_code == 302
    assert db.session.scalar(select(Organisation).where(Organisation.acronym == "BC")).forum_id == ours.id


def test_the_service_refuses_a_shared_organisation_from_someone_not_an_administrator(forums):
    ours, theirs, secretary, *_ = forums

    with pytest.raises(Refused):
        services.save_organisation(
            secretary, Organisation(), ours, "Caribbean Community", "CARICOM", "regional_body", "", shared=True
        )


def test_the_directory_is_searched_by_name_or_acronym(client, login, forums):
    ours, theirs, secretary, *_ = forums
    login(client, secretary)

    by_acronym = client.get(f"/manage/{ours.slug}/organisations?q=eclac").get_data(as_text=True)
    by_name = client.get(f"/manage/{ours.slug}/organisations?q=ministry").get_data(as_text=True)
    nothing = client.get(f"/manage/{ours.slug}/organisations?q=nowhere").get_data(as_text=True)

    assert "Economic Commission for Latin America" in by_acronym and "Our Ministry" not in by_acronym
    assert "Our Ministry" in by_name and "Economic Commission for Latin America" not in by_name
    assert nothing.count("None matches this search.") == 2


def test_seeding_adds_the_twenty_organisations_of_the_undp_mapping_once(app):
    runner = app.test_cli_runner()

    first = runner.invoke(args=["organisations", "seed"])
    second = runner.invoke(args=["organisations", "seed"])

    shared = db.session.scalars(select(Organisation).where(Organisation.forum_id.is_(None))).all()
    assert "20 organisations added" in first.output and "0 organisations added" in second.output
    assert len(shared) == 20
    by_acronym = {organisation.acronym: organisation.type.value for organisation in shared}
    assert by_acronym["ECLAC"] == "un_agency" and by_acronym["SU/SSC"] == "un_agency"
    assert by_acronym["IADB"] == by_acronym["CDB"] == by_acronym["WBG"] == "development_bank"
    assert by_acronym["OAS"] == by_acronym["SEGIB"] == "regional_organisation"
    assert {acronym for acronym, kind in by_acronym.items() if kind == "regional_body"} == {
        "CARICOM",
        "MERCOSUR",
        "SICA",
        "UNASUR",
    }


def test_seeding_keeps_an_organisation_listed_under_another_spelling(app):
    db.session.add(Organisation(name="Economic Commission of Latin America and the Caribbean", acronym="CEPAL"))
    db.session.commit()

    app.test_cli_runner().invoke(args=["organisations", "seed"])

    names = db.session.scalars(select(Organisation.name).where(Organisation.name.like("Economic Commission%"))).all()
    assert names == ["Economic Commission of Latin America and the Caribbean"]
