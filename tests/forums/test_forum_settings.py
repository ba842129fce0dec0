"""Changing a forum's time zone or dates keeps its programme where the secretariat put it."""
from datetime import date, time, timedelta

import pytest

from workshop.core.timezones import utc_to_local
from workshop.extensions import db
from workshop.forums import services


@pytest.fixture
def scheduled(create_forum, create_day, create_block, create_session, create_user):
    forum = create_forum(start_date=date(2030, 11, 5), days=2)
    first_day = create_day(forum)
    create_day(forum)
    block = create_block(first_day, "09:00", "12:00")
    session = create_session(forum, block, "Opening plenary", "09:30", "11:00")
    return forum, block, session, create_user(is_admin=True)


def test_a_new_time_zone_keeps_the_wall_clock_times(scheduled):
    forum, block, session, admin = scheduled
    services.update_forum(forum, admin, timezone="Europe/Paris")
    db.session.commit()
    assert utc_to_local(block.starts_at, "Europe/Paris").time() == time(9, 0)
    assert utc_to_local(session.starts_at, "Europe/Paris").time() == time(9, 30)
    assert utc_to_local(session.ends_at, "Europe/Paris").time() == time(11, 0)


def test_a_longer_forum_gains_its_days(scheduled):
    forum, _block, _session, admin = scheduled
    services.update_forum(forum, admin, end_date=forum.end_date + timedelta(days=2))
    db.session.commit()
    db.session.refresh(forum)
    assert [day.date for day in forum.days] == [date(2030, 11, 5) + timedelta(days=offset) for offset in range(4)]


def test_a_date_that_still_holds_blocks_cannot_be_dropped(scheduled):
    forum, _block, _session, admin = scheduled
    with pytest.raises(services.FrameError):
        services.update_forum(forum, admin, start_date=date(2030, 11, 6))
    db.session.rollback()


def test_an_empty_day_left_outside_the_dates_goes(scheduled):
    forum, _block, _session, admin = scheduled
    services.update_forum(forum, admin, end_date=date(2030, 11, 5))
    db.session.commit()
    db.session.refresh(forum)
    assert [day.date for day in forum.days] == [date(2030, 11, 5)]
