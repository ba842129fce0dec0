"""Factories for forums: a forum, its rooms and tracks."""

import itertools
from datetime import date, timedelta

import pytest

from workshop.extensions import db
from workshop.forums.models import Forum, Organisation, Room, Track


@pytest.fixture
def create_forum(app):
    """Return a callable that creates a three-day forum in Bogotá; later calls get fresh slugs."""
    numbers = itertools.count(1)

    def _create_forum(slug=None, title=None, start_date=date(2030, 11, 5), days=3, timezone="America/Bogota", **fields):
        number = next(numbers)
        forum = Forum(
            slug=slug or ("test-forum" if number == 1 else f"test-forum-{number}"),
            title=title or f"Test Forum {number}",
            start_date=start_date,
            end_date=start_date + timedelta(days=days - 1),
            timezone=timezone,
            **fields,
        )
        db.session.add(forum)
        db.session.commit()
        return forum

    return _create_forum


@pytest.fixture
def create_room(app):
    """Return a callable that adds a room to a forum."""
    numbers = itertools.count(1)

    def _create_room(forum, name=None, capacity=40, **fields):
        room = Room(forum=forum, name=name or f"Room {next(numbers)}", capacity=capacity, **fields)
        db.session.add(room)
        db.session.commit()
        return room

    return _create_room


@pytest.fixture
def create_track(app):
    """Return a callable that adds a track to a forum."""
    numbers = itertools.count(1)

    def _create_track(forum, name=None, position=None, **fields):
        number = next(numbers)
        track = Track(
            forum=forum, name=name or f"Track {number}", position=number if position is None else position, **fields
        )
        db.session.add(track)
        db.session.commit()
        return track

    return _create_track


@pytest.fixture
def create_organisation(app):
    """Return a callable that adds an organisation: to the shared directory, or to a forum with `forum_id`."""

    def _create_organisation(name="Task Team on South-South Cooperation", acronym="TT-SSC", **fields):
        organisation = Organisation(name=name, acronym=acronym, **fields)
        db.session.add(organisation)
        db.session.commit()
        return organisation

    return _create_organisation
