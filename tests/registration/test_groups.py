"""Participant groups: the six stakeholder groups of every forum, the secretariat's own groups, members, restrictions."""

from datetime import date

import pytest
from sqlalchemy import select

from workshop.accounts.models import ForumRoleName, User
from workshop.extensions import db
from workshop.forums import services as forum_services
from workshop.forums.models import Forum, GroupKind, GroupMember, Organisation, ParticipantGroup, StakeholderGroup


def page(response):
    return response.get_data(as_text=True)


def stakeholders_of(forum):
    return [group.stakeholder for group in forum.participant_groups if group.stakeholder]


def test_every_new_forum_starts_with_the_six_stakeholder_groups_in_the_concept_notes_order(create_user, create_forum):
    made_in_a_screen = forum_services.create_forum(
        create_user(is_admin=True),
        slug="made-here",
        title="Made here",
        start_date=date(2030, 1, 1),
        end_date=date(2030, 1, 2),
        timezone="UTC",
    )
    db.session.commit()

    for forum in (made_in_a_screen, create_forum()):
        assert stakeholders_of(db.session.get(Forum, forum.id)) == list(StakeholderGroup)
    assert db.session.scalar(select(db.func.count()).select_from(ParticipantGroup)) == 12


@pytest.fixture
def secretariat_client(client, login, create_user, forum):
    login(client, create_user(roles={forum: [ForumRoleName.SECRETARIAT]}))
    return client


def custom_group(forum, name="Building block on SSC"):
    return db.session.scalar(
        select(ParticipantGroup).where(ParticipantGroup.forum_id == forum.id, ParticipantGroup.name == name)
    )


def test_the_secretariat_adds_a_coalition_with_people_and_whole_organisations(secretariat_client, forum, smtp_sink):
    client = secretariat_client
    response = client.post(f"/manage/{forum.slug}/groups", data={"name": "Building block on SSC", "kind": "coalition"})
    group = custom_group(forum)
    assert response.status_code == 302 and group.kind == GroupKind.COALITION
    bappenas = Organisation(name="Ministry of National Development Planning of Indonesia", acronym="BAPPENAS")
    db.session.add(bappenas)
    db.session.commit()

    client.post(
        f"/manage/{forum.slug}/groups/{group.id}/members",
        data={"email": "Dewi@Bappenas.example.org", "name": "Dewi Santoso"},
    )
    client.post(f"/manage/{forum.slug}/groups/{group.id}/members", data={"organisation_id": bappenas.id})

    members = db.session.scalars(select(GroupMember).where(GroupMember.group_id == group.id)).all()
    assert sorted((member.user.email if member.user else member.organisation.acronym) for member in members) == [
        "BAPPENAS",
        "dewi@bappenas.example.org",
    ]
    assert [message["To"] for message in smtp_sink.messages] == ["dewi@bappenas.example.org"], (
        "a new account is invited"
    )
    listing = page(client.get(f"/manage/{forum.slug}/groups/{group.id}"))
    assert "Dewi Santoso" in listing and "everyone from this organisation" in listing
    assert '<option selected value="coalition">' in listing, "the form shows the group's own kind"


def test_the_same_member_or_name_twice_is_refused_with_a_reason(secretariat_client, forum):
    client = secretariat_client
    client.post(f"/manage/{forum.slug}/groups", data={"name": "Building block on SSC", "kind": "coalition"})
    group = custom_group(forum)

    twice = client.post(f"/manage/{forum.slug}/groups", data={"name": "building BLOCK on ssc", "kind": "working_group"})
    assert twice.status_code == 422 and "There is a group with this name already." in page(twice)
    client.post(f"/manage/{forum.slug}/groups/{group.id}/members", data={"email": "kim@example.org"})
    again = client.post(
        f"/manage/{forum.slug}/groups/{group.id}/members", data={"email": "kim@example.org"}, follow_redirects=True
    )
    assert "is a member already" in page(again)
    nothing = client.post(
        f"/manage/{forum.slug}/groups/{group.id}/members", data={"organisation_id": 0}, follow_redirects=True
    )
    assert "Choose a person or an organisation to add." in page(nothing)
    assert len(group.members) == 1


def test_a_member_is_removed(secretariat_client, forum):
    client = secretariat_client
    client.post(f"/manage/{forum.slug}/groups", data={"name": "Working group", "kind": "working_group"})
    group = custom_group(forum, "Working group")
    client.post(f"/manage/{forum.slug}/groups/{group.id}/members", data={"email": "kim@example.org"})
    member = group.members[0]

    client.post(f"/manage/{forum.slug}/groups/{group.id}/members/{member.id}/remove")

    assert db.session.scalar(select(GroupMember).where(GroupMember.group_id == group.id)) is None
    assert db.session.scalar(select(User).where(User.email == "kim@example.org")) is not None


def test_stakeholder_groups_keep_their_names_have_no_listed_members_and_are_never_deleted(secretariat_client, forum):
    client = secretariat_client
    civil_society = forum.participant_groups[3]

    page_text = page(client.get(f"/manage/{forum.slug}/groups/{civil_society.id}"))
    assert "join this stakeholder group by choosing it" in page_text
    refused = client.post(
        f"/manage/{forum.slug}/groups/{civil_society.id}/members",
        data={"email": "kim@example.org"},
        follow_redirects=True,
    )
    assert "People join a stakeholder group by choosing it when they register." in page(refused)
    deleted = client.post(
        f"/manage/{forum.slug}/groups/{civil_society.id}/delete", data={"confirmed": "yes"}, follow_redirects=True
    )
    assert "cannot be deleted" in page(deleted)
    assert db.session.get(ParticipantGroup, civil_society.id) is not None


def test_a_session_is_restricted_to_a_group_and_opened_again(
    secretariat_client, forum, create_day, create_block, create_session
):
    client = secretariat_client
    session = create_session(forum, create_block(create_day(forum)), "Closed working meeting")
    client.post(f"/manage/{forum.slug}/groups", data={"name": "Building block on SSC", "kind": "coalition"})
    group = custom_group(forum)

    client.post(f"/manage/{forum.slug}/groups/{group.id}/sessions", data={"session_id": session.id})
    assert session.restricted_to_group == group
    refused = client.post(
        f"/manage/{forum.slug}/groups/{group.id}/delete", data={"confirmed": "yes"}, follow_redirects=True
    )
    assert "Sessions are still restricted to this group" in page(refused)

    client.post(f"/manage/{forum.slug}/groups/{group.id}/sessions/{session.id}/remove")
    assert db.session.get(type(session), session.id).restricted_to_group is None
    client.post(f"/manage/{forum.slug}/groups/{group.id}/delete", data={"confirmed": "yes"})
    assert custom_group(forum) is None


def test_a_session_of_another_forum_cannot_be_restricted_here(secretariat_client, forum, create_forum, create_session):
    client = secretariat_client
    foreign = create_session(create_forum(), None, "Elsewhere")
    client.post(f"/manage/{forum.slug}/groups", data={"name": "Working group", "kind": "working_group"})
    group = custom_group(forum, "Working group")

    assert (
        client.post(f"/manage/{forum.slug}/groups/{group.id}/sessions", data={"session_id": foreign.id}).status_code
        == 404
    )
    assert db.session.get(type(foreign), foreign.id).restricted_to_group_id is None
