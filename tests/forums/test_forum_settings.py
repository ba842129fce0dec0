"""Changing a forum's time zone or dates keeps its programme where the secretariat put it; its languages keep their order."""

from datetime import date, time, timedelta

import pytest
from sqlalchemy import event, func, select

from tests.browser_forms import read_form
from workshop.accounts.models import ForumRoleName
from workshop.core.timezones import utc_to_local
from workshop.extensions import db
from workshop.forums.services import FrameError
from workshop.programme import frame
from workshop.programme.models import ForumDay


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
    frame.update_forum(admin, forum, timezone="Europe/Paris")
    db.session.commit()
    assert utc_to_local(block.starts_at, "Europe/Paris").time() == time(9, 0)
    assert utc_to_local(session.starts_at, "Europe/Paris").time() == time(9, 30)
    assert utc_to_local(session.ends_at, "Europe/Paris").time() == time(11, 0)


def test_a_longer_forum_gains_its_days(scheduled):
    forum, _block, _session, admin = scheduled
    frame.update_forum(admin, forum, end_date=forum.end_date + timedelta(days=2))
    db.session.commit()
    db.session.refresh(forum)
    assert [day.date for day in forum.days] == [date(2030, 11, 5) + timedelta(days=offset) for offset in range(4)]


def test_a_date_that_still_holds_blocks_cannot_be_dropped(scheduled):
    forum, _block, _session, admin = scheduled
    with pytest.raises(FrameError):
        frame.update_forum(admin, forum, start_date=date(2030, 11, 6))
    db.session.rollback()


def test_an_empty_day_left_outside_the_dates_goes(scheduled):
    forum, _block, _session, admin = scheduled
    frame.update_forum(admin, forum, end_date=date(2030, 11, 5))
    db.session.commit()
    db.session.refresh(forum)
    assert [day.date for day in forum.days] == [date(2030, 11, 5)]


def test_a_last_day_a_century_away_is_refused_at_the_field(client, login, create_user, create_forum):
    forum = create_forum(start_date=date(2011, 9, 26), days=3)
    secretariat = create_user(roles={forum: [ForumRoleName.SECRETARIAT]})
    login(client, secretariat)
    url = f"/manage/{forum.slug}/edit"
    typed = read_form(client.get(url).get_data(as_text=True)).data(end_date="2111-09-28")

    response = client.post(url, data=typed)

    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "A forum lasts at most 31 days" in page
    assert 'value="2111-09-28"' in page, "what was typed is kept"
    db.session.expire_all()
    assert (forum.end_date, len(forum.days)) == (date(2011, 9, 28), 0)


def test_the_services_refuse_a_forum_longer_than_a_forum_can_be(scheduled):
    forum, _block, _session, admin = scheduled
    with pytest.raises(FrameError):
        frame.update_forum(admin, forum, end_date=date(2111, 9, 28))


def test_shrinking_a_forum_of_thousands_of_days_takes_a_few_statements(scheduled):
    forum, _block, _session, admin = scheduled
    # A forum stretched by a typo before the bound existed: 36,527 days would do, 3,000 make the point.
    db.session.add_all(
        ForumDay(forum=forum, date=forum.start_date + timedelta(days=offset)) for offset in range(2, 3000)
    )
    forum.end_date = forum.start_date + timedelta(days=2999)
    db.session.commit()
    statements = []

    def listen(*arguments):
        statements.append(arguments[2])

    event.listen(db.engine, "before_cursor_execute", listen)
    try:
        frame.update_forum(admin, forum, end_date=forum.start_date + timedelta(days=1))
        db.session.commit()
    finally:
        event.remove(db.engine, "before_cursor_execute", listen)

    assert len(statements) < 15, f"{len(statements)} statements to drop 2,998 days"
    assert db.session.scalar(select(func.count(ForumDay.id)).where(ForumDay.forum_id == forum.id)) == 2


def test_the_secretariat_orders_the_working_languages_the_first_one_first(client, login, create_user, create_forum):
    forum = create_forum()
    login(client, create_user(roles={forum: [ForumRoleName.SECRETARIAT]}))
    url = f"/manage/{forum.slug}/edit"
    typed = read_form(client.get(url).get_data(as_text=True)).data(first_language="fr")
    typed["other_languages"] = ["en", "es", "fr"]

    client.post(url, data=typed)

    db.session.expire_all()
    assert forum.working_languages == "fr,en,es"
    page = client.get(url).get_data(as_text=True)
    assert '<option selected value="fr">' in page
    assert read_form(page).data()["other_languages"] == ["en", "es"], "the first is not ticked among the others"


def test_a_forum_saved_without_working_languages_has_none(client, login, create_user, create_forum):
    forum = create_forum(working_languages="es,en")
    login(client, create_user(roles={forum: [ForumRoleName.SECRETARIAT]}))
    url = f"/manage/{forum.slug}/edit"
    typed = read_form(client.get(url).get_data(as_text=True)).data(first_language="")
    typed.pop("other_languages", None)

    client.post(url, data=typed)

    db.session.expire_all()
    assert forum.working_language_codes == []
