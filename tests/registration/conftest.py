"""Fixtures for registration: a forum that takes registrations, the form as a browser fills it, mail and links."""

import re
import threading
from types import SimpleNamespace

import pytest
from sqlalchemy import func, select

from workshop.extensions import db
from workshop.forums.models import GroupKind, ParticipantGroup, StakeholderGroup
from workshop.programme.models import SessionFormat
from workshop.publishing.services import publish_release
from workshop.registration.models import Registration, RegistrationSettings
from workshop.registration.rules import RegistrationMode

LINK_PATTERN = re.compile(r"https?://\S+")


def stakeholder_group(forum, stakeholder=StakeholderGroup.CIVIL_SOCIETY):
    return db.session.scalar(
        select(ParticipantGroup).where(
            ParticipantGroup.forum_id == forum.id,
            ParticipantGroup.stakeholder == stakeholder,
        )
    )


def form_data(forum, **overrides):
    """Return what a person fills in on the registration form."""
    data = {
        "email": "ana.munoz@example.org",
        "title": "ms",
        "name": "Ana Muñoz",
        "organisation_id": "0",
        "new_organisation_name": "",
        "new_organisation_acronym": "",
        "country_code": "CO",
        "group_id": str(stakeholder_group(forum).id),
        "gender": "woman",
        "languages": ["es", "en"],
        "accessibility_needs": "Step-free access",
        "dietary_needs": "Vegetarian",
        "listed_publicly": "y",
    }
    data.update(overrides)
    return {name: value for name, value in data.items() if value is not None}


def count_registrations(forum=None):
    query = select(func.count()).select_from(Registration)
    if forum is not None:
        query = query.where(Registration.forum_id == forum.id)
    return db.session.scalar(query)


def registration_for(forum, email):
    return db.session.scalar(select(Registration).where(Registration.forum_id == forum.id, Registration.email == email))


def links_in(message):
    return LINK_PATTERN.findall(message.get_body(("plain",)).get_content())


def path_of(link):
    return "/" + link.split("://", 1)[1].split("/", 1)[1]


@pytest.fixture
def open_registration(app):
    """Return a callable that opens registration for a forum: open_registration(forum, mode="open", capacity=None, ...)."""

    def _open_registration(forum, mode="open", **fields):
        settings = RegistrationSettings(forum_id=forum.id, mode=RegistrationMode(mode), **fields)
        db.session.add(settings)
        db.session.commit()
        return settings

    return _open_registration


@pytest.fixture
def forum(create_forum, open_registration):
    """Return a forum that takes registrations, in open mode, without a limit."""
    forum = create_forum()
    open_registration(forum)
    return forum


@pytest.fixture
def mail_to(smtp_sink):
    """Return a callable that lists the messages the sink received for an address."""

    def _mail_to(address):
        return [message for message in smtp_sink.messages if message["To"] == address]

    return _mail_to


@pytest.fixture
def register(client):
    """Return a callable that posts the registration form: register(forum, client=None, **field overrides)."""

    def _register(forum, client=client, query="", **overrides):
        return client.post(f"/f/{forum.slug}/register{query}", data=form_data(forum, **overrides))

    return _register


@pytest.fixture
def register_and_confirm(app, register, mail_to):
    """Return a callable that registers an address and opens the link of its e-mail, in a client of its own."""

    def _register_and_confirm(forum, email, **overrides):
        client = app.test_client()
        response = register(forum, client=client, email=email, **overrides)
        assert response.status_code == 302, response.get_data(as_text=True)
        [link] = links_in(mail_to(email)[-1])
        response = client.post(path_of(link))
        assert response.status_code == 302
        return SimpleNamespace(client=client, registration=registration_for(forum, email), link=link)

    return _register_and_confirm


def run_together(count, target):
    """Run `target(number)` in `count` threads released at the same moment; return what each returned, in order."""
    start = threading.Barrier(count)
    results = [None] * count
    errors = []

    def run(number):
        start.wait()
        try:
            results[number] = target(number)
        except BaseException as error:  # reported below, so that a failing thread fails the test
            errors.append(error)

    threads = [threading.Thread(target=run, args=(number,)) for number in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors, errors
    return results


@pytest.fixture
def programme(forum, create_day, create_block, create_room, create_session):
    """A published morning with two parallel sessions (one of 2 places), a plenary, and a coalition's closed meeting."""
    day = create_day(forum)
    morning, afternoon = create_block(day, "09:00", "12:00"), create_block(day, "14:00", "17:00")
    small, large = create_room(forum, "Sala Cartagena", capacity=2), create_room(forum, "Salón Bolívar", capacity=100)
    coalition = ParticipantGroup(forum_id=forum.id, name="Building block on SSC", kind=GroupKind.COALITION)
    db.session.add(coalition)
    db.session.commit()
    sessions = SimpleNamespace(
        parallel_a=create_session(forum, morning, "Regional platforms", "09:00", "10:30", room=small, number="3"),
        parallel_b=create_session(forum, morning, "Side event on knowledge", "09:00", "10:30", room=large),
        plenary=create_session(
            forum, morning, "The way ahead", "11:00", "12:00", room=large, number="4", format=SessionFormat.PLENARY
        ),
        closed=create_session(
            forum,
            afternoon,
            "Building block working meeting",
            "14:00",
            "15:30",
            room=small,
            restricted_to_group=coalition,
        ),
        later=create_session(forum, afternoon, "Knowledge sharing", "14:00", "15:30", room=large, number="5"),
    )
    publish_release(None, forum, "preliminary")
    db.session.commit()
    return SimpleNamespace(forum=forum, coalition=coalition, **vars(sessions))


@pytest.fixture
def participant(app, create_user):
    """Return a callable that registers a signed-in person (with a place) and returns their client and user."""

    def _participant(forum, name="ana", organisation=None):
        user = create_user(email=f"{name}@example.org", name=name.capitalize())
        client = app.test_client()
        with client.session_transaction() as session:
            session["_user_id"] = user.get_id()
        data = form_data(
            forum, email=None, name=user.name, organisation_id=str(organisation.id) if organisation else "0"
        )
        assert client.post(f"/f/{forum.slug}/register", data=data).status_code == 302
        return client, user

    return _participant


def choose(client, session):
    return client.post(f"/f/{session.forum.slug}/registration/sessions/{session.id}/choose", follow_redirects=True)
