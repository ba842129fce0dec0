"""A person changes their own name, password and language on the account page."""

from tests.factories.accounts import DEFAULT_PASSWORD
from workshop.accounts.models import ForumRoleName
from workshop.extensions import db
from workshop.programme.models import AppointmentRole


def test_a_person_renames_themselves_and_picks_a_language_that_applies_at_once(client, login, create_user):
    user = create_user(name="Ana Munoz")
    login(client, user)

    response = client.post("/account/", data={"profile-name": "Ana Muñoz", "profile-preferred_language": "es"})

    assert response.status_code == 302
    db.session.refresh(user)
    assert (user.name, user.preferred_language) == ("Ana Muñoz", "es")
    assert '<html lang="es">' in client.get("/account/").get_data(as_text=True)


def test_a_new_password_needs_the_current_one(client, login, create_user):
    user = create_user()
    login(client, user)
    new = {"password-password": "a brand new secret", "password-confirm": "a brand new secret"}

    refused = client.post("/account/password", data={**new, "password-current_password": "a wrong guess"})
    assert refused.status_code == 400
    assert "That is not your current password." in refused.get_data(as_text=True)
    db.session.refresh(user)
    assert user.check_password(DEFAULT_PASSWORD)

    accepted = client.post("/account/password", data={**new, "password-current_password": DEFAULT_PASSWORD})
    assert accepted.status_code == 302
    db.session.refresh(user)
    assert user.check_password("a brand new secret")


def test_signing_in_leads_each_role_to_a_home_with_their_forums(
    client,
    login,
    create_user,
    create_forum,
    create_day,
    create_block,
    create_session,
    appoint,
):
    forum = create_forum(title="Bogotá workshop")
    facilitator = create_user(roles={forum: [ForumRoleName.FACILITATOR]})
    participant = create_user(roles={forum: [ForumRoleName.PARTICIPANT]})
    rapporteur = create_user(roles={forum: [ForumRoleName.RAPPORTEUR]})
    session = create_session(
        forum, create_block(create_day(forum)), title="Horizontal partnerships", facilitators=[facilitator]
    )
    appoint(session, rapporteur, AppointmentRole.RAPPORTEUR)

    for user, expected in (
        (facilitator, "My sessions"),
        (participant, "My agenda (PDF)"),
        (rapporteur, "My reports: write the outcome report of the sessions I cover"),
    ):
        response = login(client, user)
        assert response.headers["Location"].endswith("/manage/")
        home = client.get("/manage/").get_data(as_text=True)
        assert "Bogotá workshop" in home and expected in home
        assert "not in the secretariat" not in home
        client.post("/account/logout")
    login(client, facilitator)
    assert "Horizontal partnerships" in client.get("/manage/").get_data(as_text=True)
