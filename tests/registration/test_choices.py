"""Choosing sessions: one of parallel sessions, overlaps refused by name, restricted sessions, full sessions' waiting lists."""

import pytest
from sqlalchemy import select

from tests.registration.conftest import choose, run_together
from workshop.extensions import db
from workshop.forums.models import GroupMember, Organisation
from workshop.registration.models import SessionChoice
from workshop.registration.rules import ChoiceStatus


def page(response):
    return response.get_data(as_text=True)


def choices_of(user):
    return {
        choice.session.title: choice.status
        for choice in db.session.scalars(
            select(SessionChoice)
            .join(SessionChoice.registration)
            .where(SessionChoice.registration.has(user_id=user.id))
        )
    }


def test_a_participant_picks_one_of_parallel_sessions_and_is_refused_the_other_naming_both(programme, participant):
    client, user = participant(programme.forum)
    listing = page(client.get(f"/f/{programme.forum.slug}/registration/sessions"))
    assert "3 sessions in this time block" in listing and "2 of 2 places left" in listing

    assert "You have a place in Session 3. Regional platforms." in page(choose(client, programme.parallel_a))
    refused = page(choose(client, programme.parallel_b))

    assert "Side event on knowledge runs at the same time as Session 3. Regional platforms" in refused
    assert choices_of(user) == {"Regional platforms": ChoiceStatus.CHOSEN}


def test_dropping_a_session_frees_its_place_for_another(programme, participant):
    client, user = participant(programme.forum)
    choose(client, programme.parallel_a)
    client.post(f"/f/{programme.forum.slug}/registration/sessions/{programme.parallel_a.id}/drop")
    choose(client, programme.parallel_b)
    assert choices_of(user) == {"Side event on knowledge": ChoiceStatus.CHOSEN}


def test_a_plenary_needs_no_choosing(programme, participant):
    client, user = participant(programme.forum)
    assert "is a plenary: it is in everyone&#39;s agenda" in page(choose(client, programme.plenary))
    assert choices_of(user) == {}


def test_a_restricted_session_is_shown_as_such_and_refused_to_an_outsider_even_by_a_forged_post(programme, participant):
    client, user = participant(programme.forum)
    listing = page(client.get(f"/f/{programme.forum.slug}/registration/sessions"))
    assert "Restricted to Building block on SSC" in listing

    refused = page(choose(client, programme.closed))

    assert "Building block working meeting is restricted to the members of “Building block on SSC”" in refused
    assert choices_of(user) == {}


@pytest.mark.parametrize("by", ["person", "organisation"])
def test_a_member_by_name_or_by_organisation_may_choose_the_restricted_session(programme, participant, create_user, by):
    organisation = Organisation(name="Ministry of National Development Planning of Indonesia", acronym="BAPPENAS")
    db.session.add(organisation)
    db.session.commit()
    client, user = participant(programme.forum, organisation=organisation)
    member = GroupMember(user=user) if by == "person" else GroupMember(organisation=organisation)
    programme.coalition.members.append(member)
    db.session.commit()

    choose(client, programme.closed)

    assert choices_of(user) == {"Building block working meeting": ChoiceStatus.CHOSEN}


def test_a_full_session_offers_its_waiting_list_and_promotes_in_order_with_an_email(programme, participant, mail_to):
    first, _ = participant(programme.forum, "ana")
    second, _ = participant(programme.forum, "bo")
    third, third_user = participant(programme.forum, "ce")
    fourth, fourth_user = participant(programme.forum, "dan")
    for client in (first, second):
        choose(client, programme.parallel_a)
    assert "Join the waiting list" in page(third.get(f"/f/{programme.forum.slug}/registration/sessions"))

    assert "is full: you are on its waiting list" in page(choose(third, programme.parallel_a))
    choose(fourth, programme.parallel_a)
    first.post(f"/f/{programme.forum.slug}/registration/sessions/{programme.parallel_a.id}/drop")

    assert choices_of(third_user) == {"Regional platforms": ChoiceStatus.CHOSEN}
    assert choices_of(fourth_user) == {"Regional platforms": ChoiceStatus.WAITING}
    assert (
        "A place has freed in Session 3. Regional platforms"
        in mail_to("ce@example.org")[-1].get_body(("plain",)).get_content()
    )


def test_cancelling_a_registration_gives_its_session_places_away(programme, participant):
    first, _ = participant(programme.forum, "ana")
    second, _ = participant(programme.forum, "bo")
    waiting, waiting_user = participant(programme.forum, "ce")
    for client in (first, second, waiting):
        choose(client, programme.parallel_a)

    first.post(f"/f/{programme.forum.slug}/registration/cancel", data={"confirmed": "yes"})

    assert choices_of(waiting_user) == {"Regional platforms": ChoiceStatus.CHOSEN}


def test_someone_without_a_confirmed_place_cannot_choose(programme, participant):
    client, user = participant(programme.forum, "ana")
    client.post(f"/f/{programme.forum.slug}/registration/cancel", data={"confirmed": "yes"})

    response = client.post(
        f"/f/{programme.forum.slug}/registration/sessions/{programme.parallel_a.id}/choose", follow_redirects=True
    )

    assert "Sessions are chosen once your place at the forum is confirmed." in page(response)
    assert choices_of(user) == {}


def test_an_unpublished_session_cannot_be_chosen(programme, participant, create_session):
    block = programme.parallel_a.block
    draft = create_session(programme.forum, block, "Not yet published", "10:30", "11:00")
    client, user = participant(programme.forum)
    assert "not on the published agenda" in page(choose(client, draft))
    assert choices_of(user) == {}


def test_a_session_of_another_forum_is_not_found(programme, participant, create_forum, create_session):
    other = create_forum()
    foreign = create_session(other, None, "Elsewhere")
    client, _ = participant(programme.forum)
    assert client.post(f"/f/{programme.forum.slug}/registration/sessions/{foreign.id}/choose").status_code == 404


def test_simultaneous_choices_of_the_last_places_never_overbook_a_session(programme, participant):
    people = [participant(programme.forum, f"p{number:02d}") for number in range(10)]
    url = f"/f/{programme.forum.slug}/registration/sessions/{programme.parallel_a.id}/choose"

    responses = run_together(len(people), lambda number: people[number][0].post(url))

    assert [response.status_code for response in responses] == [302] * len(people)
    rows = db.session.scalars(select(SessionChoice).where(SessionChoice.session_id == programme.parallel_a.id)).all()
    assert sum(row.status == ChoiceStatus.CHOSEN for row in rows) == 2
    assert sorted(row.arrival_number for row in rows) == list(range(1, 11))
