"""Fixtures for the desk: a forum with registrations in every state, and its secretariat signed in."""

import itertools

import pytest

from tests.registration.conftest import stakeholder_group
from workshop.accounts.models import ForumRoleName
from workshop.extensions import db
from workshop.forums.models import Organisation, OrganisationType, StakeholderGroup
from workshop.programme.models import SessionFormat
from workshop.registration.models import Gender, Registration, RegistrationSettings
from workshop.registration.rules import RegistrationMode, RegistrationStatus


@pytest.fixture
def forum(create_forum):
    """Return a forum whose registrations the secretariat approves."""
    forum = create_forum()
    db.session.add(RegistrationSettings(forum_id=forum.id, mode=RegistrationMode.APPROVAL))
    db.session.commit()
    return forum


@pytest.fixture
def organisation():
    """Return ECLAC, from the shared directory."""
    eclac = Organisation(
        name="Economic Commission for Latin America and the Caribbean",
        acronym="ECLAC",
        type=OrganisationType.UN_AGENCY,
    )
    db.session.add(eclac)
    db.session.commit()
    return eclac


@pytest.fixture
def create_registration():
    """Return a callable that writes a registration as it stands after the form: create_registration(forum, name, **columns)."""
    numbers = itertools.count(1)

    def _create_registration(
        forum,
        name,
        status=RegistrationStatus.AWAITING_APPROVAL,
        stakeholder=StakeholderGroup.CIVIL_SOCIETY,
        **columns,
    ):
        number = next(numbers)
        registration = Registration(
            forum_id=forum.id,
            email=columns.pop("email", f"person{number}@example.org"),
            name=name,
            country_code=columns.pop("country_code", "CO"),
            group_id=stakeholder_group(forum, stakeholder).id,
            gender=columns.pop("gender", Gender.WOMAN),
            status=status,
            arrival_number=number if status in (RegistrationStatus.CONFIRMED, RegistrationStatus.WAITING) else None,
            **columns,
        )
        db.session.add(registration)
        db.session.commit()
        return registration

    return _create_registration


@pytest.fixture
def desk_client(client, login, create_user, forum):
    """Return a client signed in as the forum's secretariat."""
    login(client, create_user(roles={forum: [ForumRoleName.SECRETARIAT]}))
    return client


@pytest.fixture
def sessions(forum, create_day, create_block, create_session):
    """A parallel session and a plenary."""
    block = create_block(create_day(forum), "09:00", "12:00")
    return (
        create_session(forum, block, "Regional platforms", "09:00", "10:30", number="3"),
        create_session(forum, block, "The way ahead", "11:00", "12:00", format=SessionFormat.PLENARY),
    )


@pytest.fixture
def ana(forum, create_registration):
    """Return a confirmed participant."""
    return create_registration(forum, "Ana Muñoz", status=RegistrationStatus.CONFIRMED)
