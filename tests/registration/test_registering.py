"""Registering for a forum: the three modes, the e-mail check, statuses, changing and cancelling, and every refusal."""

import io
import re
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from tests.registration.conftest import (
    count_registrations,
    form_data,
    links_in,
    path_of,
    registration_for,
    stakeholder_group,
)
from workshop.accounts.models import ForumRoleName, User
from workshop.core.timezones import utcnow
from workshop.extensions import db
from workshop.forums.models import Organisation, StakeholderGroup
from workshop.registration.models import Gender, Invitation
from workshop.registration.queries import settings_of
from workshop.registration.rules import RegistrationStatus as S

EMAIL = "ana.munoz@example.org"


def page(response):
    return response.get_data(as_text=True)


def user_by_email(address):
    return db.session.scalar(select(User).where(User.email == address))


# --- Open mode and the e-mail check -----------------------------------------------------------


def test_a_new_person_registers_confirms_the_address_and_gets_a_place(app, client, forum, register, mail_to):
    response = register(forum)

    assert response.status_code == 302
    registration = registration_for(forum, EMAIL)
    assert registration.status == S.AWAITING_EMAIL_CHECK
    assert user_by_email(EMAIL) is None, "nothing happens to accounts before the address is checked"
    assert (registration.name, registration.country_code, registration.gender) == ("Ana Muñoz", "CO", Gender.WOMAN)
    assert registration.group == stakeholder_group(forum)
    assert registration.language_codes == ["en", "es"], "in the order the form lists them"
    assert (registration.accessibility_needs, registration.dietary_needs) == ("Step-free access", "Vegetarian")
    assert registration.listed_publicly
    [check] = mail_to(EMAIL)
    [link] = links_in(check)
    assert f"/f/{forum.slug}/register/check/" in link

    landing = client.get(path_of(link))
    assert "Confirm my address" in page(landing)
    assert registration_for(forum, EMAIL).status == S.AWAITING_EMAIL_CHECK, "opening the link alone changes nothing"
    response = client.post(path_of(link))

    assert response.status_code == 302 and response.headers["Location"].endswith(f"/f/{forum.slug}/registration")
    registration = registration_for(forum, EMAIL)
    assert registration.status == S.CONFIRMED
    assert registration.user.email == EMAIL and registration.user.password_hash is None
    assert registration.user.preferred_language == ""
    mine = page(client.get(f"/f/{forum.slug}/registration"))
    assert "Confirmed" in mine and "Ana Muñoz" in mine
    confirmed = mail_to(EMAIL)[-1]
    assert "is confirmed" in confirmed["Subject"]
    assert any("/account/password/set/" in link for link in links_in(confirmed)), (
        "a new account is told how to set a password"
    )


def test_a_link_used_twice_says_so_and_changes_nothing(client, forum, register_and_confirm):
    done = register_and_confirm(forum, EMAIL)

    again = client.post(path_of(done.link))

    assert again.status_code == 409
    assert "This link has been used already" in page(again)
    assert registration_for(forum, EMAIL).status == S.CONFIRMED


def test_an_expired_link_says_so(make_app, forum, register, mail_to):
    register(forum)
    [link] = links_in(mail_to(EMAIL)[-1])
    expired_client = make_app(REGISTRATION_EMAIL_CHECK_MAX_AGE=-1).test_client()

    response = expired_client.post(path_of(link))

    assert response.status_code == 409
    assert "This link has expired" in page(response)
    assert registration_for(forum, EMAIL).status == S.AWAITING_EMAIL_CHECK


def test_a_forged_link_is_refused(client, forum):
    response = client.post(f"/f/{forum.slug}/register/check/not-a-token")
    assert response.status_code == 409
    assert "This link is not valid" in page(response)


def test_a_new_registration_for_an_unchecked_address_replaces_the_old_link(client, forum, register, mail_to):
    register(forum)
    [old_link] = links_in(mail_to(EMAIL)[-1])
    register(forum, name="Ana María Muñoz")
    [new_link] = links_in(mail_to(EMAIL)[-1])

    refused = client.post(path_of(old_link))
    assert refused.status_code == 409 and "A newer link was sent" in page(refused)
    assert client.post(path_of(new_link)).status_code == 302
    assert count_registrations(forum) == 1
    assert registration_for(forum, EMAIL).name == "Ana María Muñoz"


def test_a_cancelled_persons_old_link_says_the_registration_was_cancelled(forum, register_and_confirm):
    done = register_and_confirm(forum, EMAIL)
    assert done.client.post(f"/f/{forum.slug}/registration/cancel", data={"confirmed": "yes"}).status_code == 302
    assert registration_for(forum, EMAIL).status == S.CANCELLED

    response = done.client.post(path_of(done.link))

    assert response.status_code == 409
    assert "This registration was cancelled" in page(response)


# --- Refusals that lose nothing --------------------------------------------------------------


def test_a_second_registration_with_the_same_address_is_refused_at_the_email_field(
    app, forum, register, register_and_confirm
):
    register_and_confirm(forum, EMAIL)

    response = register(forum, client=app.test_client(), name="Someone else")

    assert response.status_code == 422
    assert "This address is registered already and has a place" in page(response)
    assert 'value="Someone else"' in page(response), "what the person typed is kept"
    assert count_registrations(forum) == 1
    assert registration_for(forum, EMAIL).name == "Ana Muñoz"


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"country_code": "XX"}, "Not a valid choice"),
        ({"country_code": ""}, "Choose your country."),
        ({"email": "not-an-address"}, "Invalid email address."),
        ({"email": ""}, "Enter a valid e-mail address."),
        ({"group_id": "0"}, "Choose your stakeholder group."),
        ({"name": ""}, "This field is required."),
        ({"gender": "robot"}, "Not a valid choice"),
    ],
)
def test_bad_answers_are_refused_at_their_field_and_record_nothing(forum, register, overrides, message):
    response = register(forum, **overrides)

    assert response.status_code == 422
    assert message in page(response)
    assert 'value="Ana Muñoz"' in page(response) or overrides.get("name") == ""
    assert count_registrations() == 0


def test_a_group_of_another_forum_is_refused(create_forum, forum, register):
    other = create_forum()
    response = register(forum, group_id=str(stakeholder_group(other).id))
    assert response.status_code == 422
    assert "Choose one of the forum&#39;s stakeholder groups." in page(response)
    assert count_registrations() == 0


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        ({"closes_at": utcnow() - timedelta(days=1)}, "Registration is closed."),
        ({"opens_at": utcnow() + timedelta(days=10)}, "Registration opens on"),
    ],
)
def test_a_closed_forum_takes_no_registration(create_forum, open_registration, register, settings, message):
    forum = create_forum()
    open_registration(forum, **settings)

    assert message in page(register(forum))
    assert count_registrations() == 0


def test_a_forum_without_settings_is_not_open(client, create_forum, register):
    forum = create_forum()
    assert "Registration is not open." in page(client.get(f"/f/{forum.slug}/register"))
    register(forum)
    assert count_registrations() == 0


def test_registration_that_closes_while_the_link_waits_still_honours_the_link(forum, register, client, mail_to):
    register(forum)
    settings_of(forum).closes_at = utcnow() - timedelta(minutes=1)
    db.session.commit()
    [link] = links_in(mail_to(EMAIL)[-1])
    assert client.post(path_of(link)).status_code == 302
    assert registration_for(forum, EMAIL).status == S.CONFIRMED


# --- Organisations ---------------------------------------------------------------------------


def test_a_registrant_picks_a_shared_or_forum_organisation_but_not_another_forums(create_forum, forum, register):
    shared = Organisation(name="Economic Commission for Latin America and the Caribbean", acronym="ECLAC")
    local = Organisation(name="Red de Cooperación Sur", acronym="RCS", forum_id=forum.id)
    elsewhere = Organisation(name="Elsewhere", forum_id=create_forum().id)
    db.session.add_all([shared, local, elsewhere])
    db.session.commit()

    assert register(forum, organisation_id=str(elsewhere.id)).status_code == 422
    assert count_registrations() == 0
    assert register(forum, organisation_id=str(local.id)).status_code == 302
    assert registration_for(forum, EMAIL).organisation == local
    assert register(forum, organisation_id=str(shared.id)).status_code == 302
    assert registration_for(forum, EMAIL).organisation == shared


def test_an_added_organisation_belongs_to_the_forum(forum, register):
    response = register(forum, new_organisation_name="Fundación Horizontes", new_organisation_acronym="FH")

    assert response.status_code == 302
    organisation = registration_for(forum, EMAIL).organisation
    assert (organisation.name, organisation.acronym, organisation.forum_id) == ("Fundación Horizontes", "FH", forum.id)


@pytest.mark.parametrize(
    ("name", "acronym"),
    [("eclac", ""), ("Something new", "Eclac"), ("economic commission for latin america and the caribbean", "")],
)
def test_an_added_organisation_that_is_listed_already_is_refused(forum, register, name, acronym):
    db.session.add(Organisation(name="Economic Commission for Latin America and the Caribbean", acronym="ECLAC"))
    db.session.commit()

    response = register(forum, new_organisation_name=name, new_organisation_acronym=acronym)

    assert response.status_code == 422
    assert "is listed already; pick it instead of adding it again." in page(response)
    assert db.session.scalar(select(func.count()).select_from(Organisation)) == 1
    assert count_registrations() == 0


def test_an_added_organisation_one_slip_away_from_a_listed_one_is_refused_at_its_name(forum, register):
    db.session.add(Organisation(name="Economic Commission for Latin America and the Caribbean", acronym="ECLAC"))
    db.session.commit()

    response = register(forum, new_organisation_name="Economic Commission of Latin America and the Caribean")

    assert response.status_code == 422
    assert "is listed already under a name this close; pick it instead of adding it." in page(response)
    assert re.search(r'class="field has-error">\s*<label for="new_organisation_name"', page(response))
    assert db.session.scalar(select(func.count()).select_from(Organisation)) == 1
    assert count_registrations() == 0


# --- Signed in, approval, invitation ---------------------------------------------------------


def test_a_signed_in_person_registers_with_one_click_more(client, login, create_user, forum, smtp_sink):
    user = create_user(email="kim@example.org", name="Kim Ji-won", country_code="KR")
    login(client, user)

    form = page(client.get(f"/f/{forum.slug}/register"))
    assert 'value="Kim Ji-won"' in form and 'name="email"' not in form
    response = client.post(
        f"/f/{forum.slug}/register", data=form_data(forum, email=None, name="Kim Ji-won", country_code="KR")
    )

    assert response.status_code == 302
    registration = registration_for(forum, "kim@example.org")
    assert registration.status == S.CONFIRMED and registration.user == user
    assert [message["Subject"] for message in smtp_sink.messages] == [f"Your place at {forum.title} is confirmed"]


def test_approval_mode_waits_for_the_secretariat_which_approves_or_declines(
    app, client, login, create_user, create_forum, open_registration, register_and_confirm, mail_to
):
    forum = create_forum()
    open_registration(forum, mode="approval")
    secretariat = create_user(roles={forum: [ForumRoleName.SECRETARIAT]})
    first = register_and_confirm(forum, "first@example.org").registration
    second = register_and_confirm(forum, "second@example.org").registration
    assert (first.status, second.status) == (S.AWAITING_APPROVAL, S.AWAITING_APPROVAL)
    assert "We have your registration" in mail_to("first@example.org")[-1]["Subject"]

    login(client, secretariat)
    listing = page(client.get(f"/manage/{forum.slug}/registrations?status=awaiting_approval"))
    assert "first@example.org" in listing and "second@example.org" in listing
    client.post(
        f"/manage/{forum.slug}/registrations/decide", data={"decision": "approve", "registration_ids": [first.id]}
    )
    client.post(
        f"/manage/{forum.slug}/registrations/decide",
        data={"decision": "decline", "confirmed": "yes", "registration_ids": [second.id]},
    )

    assert registration_for(forum, "first@example.org").status == S.CONFIRMED
    assert registration_for(forum, "second@example.org").status == S.DECLINED
    assert "is confirmed" in mail_to("first@example.org")[-1]["Subject"]
    assert "could not accept your registration" in mail_to("second@example.org")[-1].get_body(("plain",)).get_content()
    refused = app.test_client().post(f"/f/{forum.slug}/register", data=form_data(forum, email="second@example.org"))
    assert "has declined the registration of this address" in page(refused)


def test_approving_twice_is_refused_and_changes_nothing(
    client, login, create_user, create_forum, open_registration, register_and_confirm
):
    forum = create_forum()
    open_registration(forum, mode="approval")
    login(client, create_user(roles={forum: [ForumRoleName.SECRETARIAT]}))
    registration = register_and_confirm(forum, "first@example.org").registration
    client.post(
        f"/manage/{forum.slug}/registrations/decide",
        data={"decision": "approve", "registration_ids": [registration.id]},
    )

    response = client.post(
        f"/manage/{forum.slug}/registrations/decide",
        data={"decision": "approve", "registration_ids": [registration.id]},
        follow_redirects=True,
    )

    assert "does not await approval" in page(response)
    assert registration_for(forum, "first@example.org").status == S.CONFIRMED


def test_invitation_only_forum_registers_only_invited_addresses(
    app, client, login, create_user, create_forum, open_registration, mail_to, register
):
    forum = create_forum()
    open_registration(forum, mode="invitation")
    login(client, create_user(roles={forum: [ForumRoleName.SECRETARIAT]}))
    stranger = app.test_client()
    assert "by invitation only" in page(stranger.get(f"/f/{forum.slug}/register"))
    refused = register(forum, client=stranger, email="stranger@example.org")
    assert refused.status_code == 422 and "has not been invited" in page(refused)

    csv = io.BytesIO("name,email\nBo,bo@example.org\nCé,ce@example.org\n".encode())
    response = client.post(
        f"/manage/{forum.slug}/registrations/invite",
        data={
            "addresses": "ana@example.org, Bo <BO@example.org>; nonsense@@",
            "csv_file": (csv, "people.csv"),
        },
        content_type="multipart/form-data",
    )
    assert response.status_code == 422 and "“nonsense@@” is not an e-mail address" in page(response)
    assert sorted(db.session.scalars(select(Invitation.email))) == [
        "ana@example.org",
        "bo@example.org",
        "ce@example.org",
    ]
    [link] = links_in(mail_to("ce@example.org")[-1])

    invited = app.test_client()
    form = page(invited.get(path_of(link)))
    assert 'value="ce@example.org"' in form and "readonly" in form
    response = invited.post(path_of(link), data=form_data(forum, email="someone.else@example.org"))

    assert response.status_code == 302
    registration = registration_for(forum, "ce@example.org")
    assert registration.status == S.CONFIRMED, "an invitation proves the address: no check, a place at once"
    assert registration_for(forum, "someone.else@example.org") is None
    again = client.post(
        f"/manage/{forum.slug}/registrations/invite", data={"addresses": "ce@example.org"}, follow_redirects=True
    )
    assert "not invited again: ce@example.org" in page(again)


def test_a_forged_invitation_is_refused(app, create_forum, open_registration, register):
    forum = create_forum()
    open_registration(forum, mode="invitation")
    response = register(forum, client=app.test_client(), query="?invitation=forged", email="me@example.org")
    assert "This invitation link is not valid" in page(response)
    assert count_registrations() == 0


# --- One's own registration ------------------------------------------------------------------


def test_a_participant_sees_and_changes_what_they_gave(forum, register_and_confirm):
    done = register_and_confirm(forum, EMAIL)
    form = page(done.client.get(f"/f/{forum.slug}/registration/edit"))
    assert 'value="Ana Muñoz"' in form and "Step-free access" in form
    assert re.search(r'<input checked[^>]*value="es"', form) and not re.search(r'<input checked[^>]*value="fr"', form)

    response = done.client.post(
        f"/f/{forum.slug}/registration/edit",
        data=form_data(
            forum,
            email=None,
            name="Ana Muñoz Rojas",
            dietary_needs="",
            gender="",
            languages=["fr"],
            group_id=str(stakeholder_group(forum, StakeholderGroup.SUBJECT_MATTER_EXPERTS).id),
        ),
    )

    assert response.status_code == 302
    registration = registration_for(forum, EMAIL)
    assert (registration.name, registration.dietary_needs, registration.gender) == ("Ana Muñoz Rojas", "", None)
    assert registration.languages == "fr"
    assert registration.group.stakeholder == StakeholderGroup.SUBJECT_MATTER_EXPERTS


def test_a_cancelled_person_may_register_again(forum, register_and_confirm, mail_to):
    done = register_and_confirm(forum, EMAIL)
    done.client.post(f"/f/{forum.slug}/registration/cancel", data={"confirmed": "yes"})
    assert "is cancelled" in mail_to(EMAIL)[-1]["Subject"]
    assert "Cancel my registration" not in page(done.client.get(f"/f/{forum.slug}/registration"))

    response = done.client.post(f"/f/{forum.slug}/register", data=form_data(forum, email=None))

    assert response.status_code == 302
    assert registration_for(forum, EMAIL).status == S.CONFIRMED
    assert count_registrations(forum) == 1


def test_cancelling_twice_is_refused(forum, register_and_confirm):
    done = register_and_confirm(forum, EMAIL)
    done.client.post(f"/f/{forum.slug}/registration/cancel", data={"confirmed": "yes"})
    response = done.client.post(
        f"/f/{forum.slug}/registration/cancel", data={"confirmed": "yes"}, follow_redirects=True
    )
    assert "there is nothing to change or cancel" in page(response)


def test_someone_without_a_registration_is_sent_to_the_form(client, login, create_user, forum):
    login(client, create_user())
    for path in ("registration", "registration/edit", "registration/sessions"):
        response = client.get(f"/f/{forum.slug}/{path}")
        assert response.status_code == 302 and response.headers["Location"].endswith(f"/f/{forum.slug}/register")


# --- Mail in the recipient's language ----------------------------------------------------------


def test_mail_goes_in_the_language_the_person_registered_in(app, forum, register, mail_to):
    register(forum, client=app.test_client(), query="?lang=es")

    [check] = mail_to(EMAIL)
    assert check["Subject"] == f"Confirme su dirección de correo electrónico para {forum.title}"


def test_mail_goes_in_the_persons_saved_language_rather_than_the_readers(
    app, client, login, create_user, forum, mail_to
):
    user = create_user(email="marie@example.org", preferred_language="fr")
    login(client, user)

    client.post(f"/f/{forum.slug}/register?lang=es", data=form_data(forum, email=None))

    [confirmed] = mail_to("marie@example.org")
    assert confirmed["Subject"] == f"Votre place à {forum.title} est confirmée"
    assert "Bonjour" in confirmed.get_body(("plain",)).get_content()


def test_mail_falls_back_to_the_forums_first_working_language(
    app, create_forum, open_registration, client, login, create_user, mail_to
):
    forum = create_forum(working_languages="fr,en")
    open_registration(forum)
    login(client, create_user(email="nobody@example.org"))

    client.post(f"/f/{forum.slug}/register", data=form_data(forum, email=None))

    assert mail_to("nobody@example.org")[0]["Subject"] == f"Votre place à {forum.title} est confirmée"


def test_a_forum_that_is_not_public_opens_its_form_to_the_invited_only_and_lets_them_in(
    app, client, login, create_user, create_forum, open_registration, mail_to
):
    forum = create_forum(is_public=False)
    open_registration(forum, mode="invitation")
    login(client, create_user(roles={forum: [ForumRoleName.SECRETARIAT]}))
    client.post(f"/manage/{forum.slug}/registrations/invite", data={"addresses": "ce@example.org"})
    [link] = links_in(mail_to("ce@example.org")[-1])
    stranger = app.test_client()
    assert stranger.get(f"/f/{forum.slug}/register").status_code == 404
    assert stranger.get(f"/f/{forum.slug}/register?invitation=forged").status_code == 404

    invited = app.test_client()
    assert invited.post(path_of(link), data=form_data(forum, email="ce@example.org")).status_code == 302

    registration = registration_for(forum, "ce@example.org")
    assert ForumRoleName.PARTICIPANT in registration.user.roles_in(forum)
    assert invited.get(f"/f/{forum.slug}/registration").status_code == 200
    invited.post(f"/f/{forum.slug}/registration/cancel", data={"confirmed": "yes"})
    assert ForumRoleName.PARTICIPANT not in registration_for(forum, "ce@example.org").user.roles_in(forum)
