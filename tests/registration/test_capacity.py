"""Places and the waiting list: the forum's capacity, each group's quota, promotion in order, and competing requests."""

import time

import pytest
from sqlalchemy import select

from tests.registration.conftest import (
    form_data,
    links_in,
    path_of,
    registration_for,
    run_together,
    stakeholder_group,
)
from workshop.accounts.models import ForumRoleName
from workshop.extensions import db
from workshop.forums.models import StakeholderGroup
from workshop.registration import services
from workshop.registration.models import Registration
from workshop.registration.rules import RegistrationStatus as S

COMPETITORS = 16


@pytest.fixture
def sign_in_as(app):
    """Return a callable that gives a new client signed in as `user`, without the login form."""

    def _sign_in_as(user):
        client = app.test_client()
        with client.session_transaction() as session:
            session["_user_id"] = user.get_id()
            session["_fresh"] = True
        return client

    return _sign_in_as


@pytest.fixture
def person(create_user, sign_in_as):
    """Return a callable that makes a person with an account and a signed-in client: person("ana")."""

    def _person(name, **fields):
        user = create_user(email=f"{name}@example.org", name=name.capitalize(), **fields)
        return sign_in_as(user), user

    return _person


def register_signed_in(client, forum, **overrides):
    return client.post(f"/f/{forum.slug}/register", data=form_data(forum, email=None, **overrides))


def registration_poster(forum):
    """Return a function that registers a signed-in client; it reads nothing from the database (for threads)."""
    url, data = f"/f/{forum.slug}/register", form_data(forum, email=None)
    return lambda client: client.post(url, data=data)


def statuses(forum):
    rows = db.session.scalars(select(Registration).where(Registration.forum_id == forum.id).order_by(Registration.id))
    return {registration.email.split("@")[0]: registration.status for registration in rows}


def waiting_list(forum):
    """Return the names on the waiting list, first in line first."""
    rows = db.session.scalars(
        select(Registration)
        .where(Registration.forum_id == forum.id, Registration.status == S.WAITING)
        .order_by(Registration.arrival_number)
    )
    return [registration.email.split("@")[0] for registration in rows]


@pytest.fixture
def small_forum(create_forum, open_registration):
    forum = create_forum()
    open_registration(forum, capacity=2)
    return forum


def test_people_beyond_the_capacity_join_the_waiting_list_and_see_their_position(small_forum, person, mail_to):
    clients = {}
    for name in ("ana", "bo", "ce", "dan"):
        clients[name], _user = person(name)
        register_signed_in(clients[name], small_forum)

    assert statuses(small_forum) == {"ana": S.CONFIRMED, "bo": S.CONFIRMED, "ce": S.WAITING, "dan": S.WAITING}
    assert waiting_list(small_forum) == ["ce", "dan"]
    page = clients["dan"].get(f"/f/{small_forum.slug}/registration").get_data(as_text=True)
    assert "On the waiting list: position 2" in page
    assert "position 2" in mail_to("dan@example.org")[-1].get_body(("plain",)).get_content()


def test_a_freed_place_goes_to_the_earliest_arrival_with_an_email(small_forum, person, mail_to):
    clients = {}
    for name in ("ana", "bo", "ce", "dan", "eve"):
        clients[name], _user = person(name)
        register_signed_in(clients[name], small_forum)

    clients["bo"].post(f"/f/{small_forum.slug}/registration/cancel", data={"confirmed": "yes"})
    assert statuses(small_forum)["ce"] == S.CONFIRMED and waiting_list(small_forum) == ["dan", "eve"]
    assert "A place has freed" in mail_to("ce@example.org")[-1].get_body(("plain",)).get_content()
    clients["ana"].post(f"/f/{small_forum.slug}/registration/cancel", data={"confirmed": "yes"})
    assert statuses(small_forum)["dan"] == S.CONFIRMED and waiting_list(small_forum) == ["eve"]
    assert "position 1" in clients["eve"].get(f"/f/{small_forum.slug}/registration").get_data(as_text=True)


def test_the_waiting_list_follows_arrival_not_the_order_the_forms_were_sent(
    app, small_forum, person, register, mail_to
):
    first, _ = person("ana")
    second, _ = person("bo")
    register_signed_in(first, small_forum)
    register_signed_in(second, small_forum)
    register(small_forum, client=app.test_client(), email="early@example.org")  # sent first, checked last
    late, _ = person("late")
    register_signed_in(late, small_forum)
    [link] = links_in(mail_to("early@example.org")[-1])
    app.test_client().post(path_of(link))

    assert waiting_list(small_forum) == ["late", "early"]
    first.post(f"/f/{small_forum.slug}/registration/cancel", data={"confirmed": "yes"})
    assert statuses(small_forum)["late"] == S.CONFIRMED and waiting_list(small_forum) == ["early"]


def test_a_full_group_quota_makes_its_people_wait_while_others_get_places(create_forum, open_registration, person):
    forum = create_forum()
    open_registration(forum, capacity=10)
    civil_society = stakeholder_group(forum, StakeholderGroup.CIVIL_SOCIETY)
    civil_society.quota = 1
    db.session.commit()
    countries = str(stakeholder_group(forum, StakeholderGroup.COUNTRY_REPRESENTATIVES).id)
    clients = {}
    for name, group in (("ana", None), ("bo", None), ("ce", countries)):
        clients[name], _ = person(name)
        register_signed_in(clients[name], forum, **({"group_id": group} if group else {}))

    assert statuses(forum) == {"ana": S.CONFIRMED, "bo": S.WAITING, "ce": S.CONFIRMED}
    clients["ana"].post(f"/f/{forum.slug}/registration/cancel", data={"confirmed": "yes"})
    assert statuses(forum)["bo"] == S.CONFIRMED


def test_moving_into_a_full_group_is_refused_and_keeps_the_place(create_forum, open_registration, person):
    forum = create_forum()
    open_registration(forum)
    experts = stakeholder_group(forum, StakeholderGroup.SUBJECT_MATTER_EXPERTS)
    experts.quota = 1
    db.session.commit()
    expert, _ = person("ana")
    register_signed_in(expert, forum, group_id=str(experts.id))
    mover, _ = person("bo")
    register_signed_in(mover, forum)

    response = mover.post(
        f"/f/{forum.slug}/registration/edit", data=form_data(forum, email=None, group_id=str(experts.id))
    )

    assert response.status_code == 422
    assert "has no place left; you keep your place in your present group" in response.get_data(as_text=True)
    bo = registration_for(forum, "bo@example.org")
    assert bo.status == S.CONFIRMED and bo.group.stakeholder == StakeholderGroup.CIVIL_SOCIETY


def test_more_places_go_to_the_waiting_list_at_once(small_forum, person, login, client, create_user, mail_to):
    for name in ("ana", "bo", "ce", "dan", "eve"):
        register_signed_in(person(name)[0], small_forum)
    login(client, create_user(roles={small_forum: [ForumRoleName.SECRETARIAT]}))

    response = client.post(f"/manage/{small_forum.slug}/registration", data={"mode": "open", "capacity": "4"})

    assert response.status_code == 302
    assert waiting_list(small_forum) == ["eve"]
    assert [statuses(small_forum)[name] for name in ("ce", "dan")] == [S.CONFIRMED, S.CONFIRMED]
    assert "A place has freed" in mail_to("dan@example.org")[-1].get_body(("plain",)).get_content()


def test_declining_someone_on_the_waiting_list_moves_the_others_up(small_forum, person, login, client, create_user):
    for name in ("ana", "bo", "ce", "dan", "eve"):
        register_signed_in(person(name)[0], small_forum)
    login(client, create_user(roles={small_forum: [ForumRoleName.SECRETARIAT]}))

    client.post(
        f"/manage/{small_forum.slug}/registrations/decide",
        data={
            "decision": "decline",
            "confirmed": "yes",
            "registration_ids": [registration_for(small_forum, "ce@example.org").id],
        },
    )

    assert waiting_list(small_forum) == ["dan", "eve"]
    assert statuses(small_forum)["ce"] == S.DECLINED


def test_quotas_and_capacity_are_set_in_the_settings_with_clear_errors(small_forum, login, client, create_user):
    login(client, create_user(roles={small_forum: [ForumRoleName.SECRETARIAT]}))
    civil_society = stakeholder_group(small_forum)

    refused = client.post(
        f"/manage/{small_forum.slug}/registration",
        data={"mode": "open", "capacity": "5", f"quota-{civil_society.id}": "many"},
    )
    assert refused.status_code == 422
    assert "must be a whole number of places" in refused.get_data(as_text=True)
    assert civil_society.quota is None

    client.post(
        f"/manage/{small_forum.slug}/registration",
        data={
            "mode": "approval",
            "capacity": "5",
            f"quota-{civil_society.id}": "3",
            "opens_on": "2030-01-10",
            "closes_after": "2030-01-05",
        },
    )
    assert stakeholder_group(small_forum).quota is None, "a window that closes before it opens is refused whole"
    client.post(
        f"/manage/{small_forum.slug}/registration",
        data={"mode": "approval", "capacity": "5", f"quota-{civil_society.id}": "3"},
    )
    assert stakeholder_group(small_forum).quota == 3


# --- Competing requests -----------------------------------------------------------------------


@pytest.fixture(autouse=True)
def busy_server(monkeypatch):
    """Widen the moment between counting the places and taking one, as a busy server would."""
    counting = services.count_confirmed

    def slow_count(*arguments, **keywords):
        counted = counting(*arguments, **keywords)
        time.sleep(0.01)
        return counted

    monkeypatch.setattr(services, "count_confirmed", slow_count)


def test_simultaneous_registrations_for_the_last_places_never_overbook(create_forum, open_registration, person):
    forum = create_forum()
    open_registration(forum, capacity=5)
    clients = [person(f"p{number:02d}")[0] for number in range(COMPETITORS)]

    post = registration_poster(forum)

    responses = run_together(COMPETITORS, lambda number: post(clients[number]))

    assert [response.status_code for response in responses] == [302] * COMPETITORS
    rows = db.session.scalars(select(Registration).where(Registration.forum_id == forum.id)).all()
    assert sum(row.status == S.CONFIRMED for row in rows) == 5
    assert sum(row.status == S.WAITING for row in rows) == COMPETITORS - 5
    assert sorted(row.arrival_number for row in rows) == list(range(1, COMPETITORS + 1)), "no position lost or shared"
    confirmed = max(row.arrival_number for row in rows if row.status == S.CONFIRMED)
    assert all(row.arrival_number > confirmed for row in rows if row.status == S.WAITING), "places went first come"


def test_simultaneous_cancellations_promote_exactly_as_many_in_order(create_forum, open_registration, person):
    forum = create_forum()
    open_registration(forum, capacity=6)
    people = [person(f"p{number:02d}") for number in range(14)]
    for client, _user in people:
        register_signed_in(client, forum)
    leaving = people[:6]
    waiting_before = waiting_list(forum)

    responses = run_together(
        len(leaving),
        lambda number: leaving[number][0].post(f"/f/{forum.slug}/registration/cancel", data={"confirmed": "yes"}),
    )

    assert [response.status_code for response in responses] == [302] * len(leaving)
    assert [statuses(forum)[name] for name in waiting_before[:6]] == [S.CONFIRMED] * 6
    assert waiting_list(forum) == waiting_before[6:]
    assert sum(status == S.CONFIRMED for status in statuses(forum).values()) == 6


def test_cancellations_and_registrations_at_the_same_time_keep_the_count_and_the_order(
    create_forum, open_registration, person
):
    forum = create_forum()
    open_registration(forum, capacity=4)
    present = [person(f"a{number}") for number in range(8)]
    for client, _user in present:
        register_signed_in(client, forum)
    newcomers = [person(f"n{number}")[0] for number in range(6)]
    post = registration_poster(forum)

    def act(number):
        if number < 4:
            return present[number][0].post(f"/f/{forum.slug}/registration/cancel", data={"confirmed": "yes"})
        return post(newcomers[number - 4])

    responses = run_together(4 + len(newcomers), act)

    assert all(response.status_code == 302 for response in responses)
    everyone = statuses(forum)
    assert sum(status == S.CONFIRMED for status in everyone.values()) == 4
    assert [everyone[f"a{number}"] for number in range(4, 8)] == [S.CONFIRMED] * 4, "those waiting longest moved up"
    assert sorted(waiting_list(forum)) == sorted(f"n{number}" for number in range(6))


def test_an_unchecked_address_holds_no_place(create_forum, open_registration, app, register, person):
    forum = create_forum()
    open_registration(forum, capacity=1)
    register(forum, client=app.test_client(), email="unchecked@example.org")
    checked, _ = person("ana")

    register_signed_in(checked, forum)

    assert statuses(forum) == {"unchecked": S.AWAITING_EMAIL_CHECK, "ana": S.CONFIRMED}
