"""Factories for the programme: days, time blocks, sessions and appointments, from forum-local times."""

import itertools
from datetime import time, timedelta

import pytest

from workshop.core.timezones import local_to_utc
from workshop.extensions import db
from workshop.programme.models import (
    Appointment,
    AppointmentRole,
    BlockItem,
    ForumDay,
    ForumSession,
    ItemKind,
    SessionItem,
    TimeBlock,
)


def parse_clock(value):
    """Accept "09:30" or a time; factories take forum-local wall-clock times either way."""
    return value if isinstance(value, time) else time.fromisoformat(value)


@pytest.fixture
def create_day(app):
    """Return a callable that adds a day to a forum; without a date, the first of its dates not used yet."""

    def _create_day(forum, on=None, **fields):
        if on is None:
            taken = {day.date for day in forum.days}
            on = next(
                forum.start_date + timedelta(days=offset)
                for offset in itertools.count()
                if forum.start_date + timedelta(days=offset) not in taken
            )
        day = ForumDay(forum=forum, date=on, **fields)
        db.session.add(day)
        db.session.commit()
        return day

    return _create_day


@pytest.fixture
def create_block(app):
    """Return a callable that adds a time block to a day, from forum-local times: create_block(day, "09:00", "12:00")."""

    def _create_block(day, start="09:00", end="12:00", label="", **fields):
        zone = day.forum.timezone
        block = TimeBlock(
            day=day,
            starts_at=local_to_utc(day.date, parse_clock(start), zone),
            ends_at=local_to_utc(day.date, parse_clock(end), zone),
            label=label,
            **fields,
        )
        db.session.add(block)
        db.session.commit()
        return block

    return _create_block


@pytest.fixture
def create_session(app):
    """Return a callable that schedules a session in a block, from forum-local times, with its facilitators."""

    def _create_session(
        forum, block, title="Test session", start="09:00", end="10:00", room=None, facilitators=(), **fields
    ):
        on = block.day.date if block is not None else forum.start_date
        session = ForumSession(
            forum=forum,
            block=block,
            title=title,
            starts_at=local_to_utc(on, parse_clock(start), forum.timezone),
            ends_at=local_to_utc(on, parse_clock(end), forum.timezone),
            room=room,
            **fields,
        )
        db.session.add(session)
        for facilitator in facilitators:
            db.session.add(Appointment(session=session, user=facilitator, role=AppointmentRole.FACILITATOR))
        db.session.commit()
        return session

    return _create_session


@pytest.fixture
def create_item(app):
    """Return a callable that adds an item at the end of a session's running order."""

    def _create_item(session, kind=ItemKind.KEYNOTE, title="Keynote", duration_minutes=None, **fields):
        item = SessionItem(
            session=session,
            position=len(session.items),
            kind=kind,
            title=title,
            duration_minutes=duration_minutes,
            **fields,
        )
        db.session.add(item)
        db.session.commit()
        return item

    return _create_item


@pytest.fixture
def create_loose_item(app):
    """Return a callable that adds a loose item to a block, from forum-local times: create_loose_item(block, "09:00", "09:15")."""

    def _create_loose_item(block, start, end, kind=ItemKind.OPENING_REMARKS, title="Welcome", **fields):
        on, zone = block.day.date, block.day.forum.timezone
        item = BlockItem(
            block=block,
            kind=kind,
            title=title,
            starts_at=local_to_utc(on, parse_clock(start), zone),
            ends_at=local_to_utc(on, parse_clock(end), zone),
            **fields,
        )
        db.session.add(item)
        db.session.commit()
        return item

    return _create_loose_item


@pytest.fixture
def appoint(app):
    """Return a callable that appoints a user to a session in a role (facilitator unless told)."""

    def _appoint(session, user, role=AppointmentRole.FACILITATOR):
        appointment = Appointment(session=session, user=user, role=role)
        db.session.add(appointment)
        db.session.commit()
        return appointment

    return _appoint
