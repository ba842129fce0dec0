"""Data protection: a person downloads what is held about them and withdraws; anonymous counts survive."""

import json

from sqlalchemy import func, select

from tests.registration.conftest import choose, registration_for
from workshop.accounts.models import ForumRole, ForumRoleName, LoginAttempt, User
from workshop.core import audit
from workshop.core.audit import AuditEntry
from workshop.extensions import db
from workshop.forums.models import GroupMember
from workshop.registration.models import Gender, Invitation, Registration, SessionChoice
from workshop.registration.rules import KEPT_AFTER_WITHDRAWAL, ChoiceStatus
from workshop.registration.rules import RegistrationStatus as S


def test_a_participant_downloads_everything_held_about_them_and_nothing_about_others(programme, participant):
    client, user = participant(programme.forum, "ana")
    participant(programme.forum, "bo")
    choose(client, programme.parallel_a)
    programme.coalition.members.append(GroupMember(user=user))
    db.session.add(LoginAttempt(email=user.email, remote_address="192.0.2.1"))
    db.session.commit()

    response = client.get("/account/my-data.json")

    assert response.status_code == 200 and response.mimetype == "application/json"
    assert "attachment" in response.headers["Content-Disposition"]
    assert response.headers["Cache-Control"] == "private, no-store"
    data = json.loads(response.data)
    assert data["account"]["email"] == "ana@example.org"
    [registration] = data["registrations"]
    assert registration["status"] == "confirmed" and registration["name"] == "Ana"
    assert registration["dietary_needs"] == "Vegetarian" and registration["languages"] == ["en", "es"]
    assert registration["sessions"] == [
        {
            "session": "Regional platforms",
            "session_id": programme.parallel_a.id,
            "status": "chosen",
            "chosen_at": registration["sessions"][0]["chosen_at"],
        }
    ]
    assert data["group_memberships"] == [{"forum": programme.forum.slug, "group": "Building block on SSC"}]
    assert len(data["failed_sign_ins"]) == 1
    assert "bo@example.org" not in response.get_data(as_text=True)


def test_withdrawal_erases_the_person_keeps_the_counts_and_gives_the_place_away(programme, participant):
    forum = programme.forum
    client, user = participant(forum, "ana")
    participant(forum, "bo")
    choose(client, programme.parallel_a)
    programme.coalition.members.append(GroupMember(user=user))
    audit.record(None, "group.member_added", "Building block on SSC", forum, person=user.email)
    db.session.add_all(
        [LoginAttempt(email=user.email, remote_address="192.0.2.1"), Invitation(forum_id=forum.id, email=user.email)]
    )
    registration = registration_for(forum, "ana@example.org")
    registration_id, group_id = registration.id, registration.group_id
    db.session.commit()

    response = client.post(f"/f/{forum.slug}/registration/withdraw", data={"confirmed": "yes"})

    assert response.status_code == 302
    kept = db.session.get(Registration, registration_id)
    assert (kept.status, kept.group_id, kept.gender, kept.forum_id) == (S.CANCELLED, group_id, Gender.WOMAN, forum.id)
    assert kept.withdrawn_at is not None
    erased = [
        column.key
        for column in Registration.__table__.columns
        if column.key not in KEPT_AFTER_WITHDRAWAL and column.key != "id"
    ]
    assert {name: getattr(kept, name) for name in erased} == {
        "user_id": None,
        "email": None,
        "title": None,
        "name": "",
        "organisation_id": None,
        "country_code": "",
        "languages": "",
        "accessibility_needs": "",
        "dietary_needs": "",
        "listed_publicly": False,
        "language": "",
        "arrival_number": None,
        "email_checked_at": None,
        "status_changed_at": None,
    }
    assert db.session.scalar(select(func.count()).select_from(SessionChoice)) == 0
    assert db.session.scalar(select(User).where(User.email == "ana@example.org")) is None, (
        "a participant's account goes"
    )
    assert db.session.scalar(select(func.count()).select_from(LoginAttempt)) == 0
    assert db.session.scalar(select(func.count()).select_from(Invitation)) == 0
    assert db.session.scalar(select(func.count()).select_from(GroupMember)) == 0
    entries = db.session.scalars(select(AuditEntry)).all()
    assert not any("Ana" in entry.subject or "ana@example.org" in str(entry.details) for entry in entries)
    assert any(entry.action == "group.member_added" for entry in entries), "the facts stay"
    counted = db.session.scalar(
        select(func.count())
        .select_from(Registration)
        .where(
            Registration.forum_id == forum.id, Registration.gender == Gender.WOMAN, Registration.group_id == group_id
        )
    )
    assert counted == 2, "ana and bo both still count as women of their group"
    assert client.get(f"/f/{forum.slug}/registration").status_code == 302, "and ana is signed out"


def test_withdrawal_hands_the_session_place_to_the_next_in_line(programme, participant):
    people = [participant(programme.forum, name) for name in ("ana", "bo", "ce")]
    for client, _user in people:
        choose(client, programme.parallel_a)

    people[0][0].post(f"/f/{programme.forum.slug}/registration/withdraw", data={"confirmed": "yes"})

    waiting_choice = db.session.scalar(
        select(SessionChoice).where(SessionChoice.registration.has(user_id=people[2][1].id))
    )
    assert waiting_choice.status == ChoiceStatus.CHOSEN


def test_someone_with_another_part_in_a_forum_keeps_their_account(forum, participant, create_forum):
    other = create_forum()
    client, user = participant(forum, "kim")
    user.forum_roles.append(ForumRole(forum_id=other.id, role=ForumRoleName.FACILITATOR))
    db.session.commit()

    client.post(f"/f/{forum.slug}/registration/withdraw", data={"confirmed": "yes"}, follow_redirects=True)

    assert db.session.scalar(select(User).where(User.email == "kim@example.org")) is not None
    assert registration_for(forum, "kim@example.org") is None
