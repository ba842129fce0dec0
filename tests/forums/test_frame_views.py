"""The secretariat sets up a forum's frame through its screens: the forum, days, blocks, rooms, organisations, people."""

from datetime import date, time

import pytest
from sqlalchemy import func, select

from workshop.accounts.models import ForumRole, ForumRoleName, User
from workshop.core.timezones import utc_to_local
from workshop.extensions import db
from workshop.forums.models import Forum, Organisation, OrganisationType, Room
from workshop.programme.models import ForumDay, TimeBlock

# Irreversible deeds ask first (tests/security/test_deletes_ask_first.py); these tests answer yes.
CONFIRMED = {"confirmed": "yes"}


@pytest.fixture
def frame(create_forum, create_day, create_block, create_room, create_session, create_user):
    """Return a three-day forum whose first day has a morning block holding a session in the Salón Bolívar."""
    forum = create_forum(slug="frame-forum")
    first_day = create_day(forum)
    block = create_block(first_day, "09:00", "12:00", label="Morning")
    room = create_room(forum, "Salón Bolívar")
    create_session(forum, block, "Building good practices", "09:30", "11:00", room=room)
    secretary = create_user(email="sec@example.test", roles={forum: [ForumRoleName.SECRETARIAT]})
    return forum, first_day, block, room, secretary


def count(model):
    return db.session.scalar(select(func.count()).select_from(model))


def local_times(block):
    zone = block.day.forum.timezone
    return utc_to_local(block.starts_at, zone).time(), utc_to_local(block.ends_at, zone).time()


def forum_form(**fields):
    return {
        "title": "Learning from South-South Cooperation",
        "slug": "bogota-2031",
        "subtitle": "",
        "city": "Bogotá",
        "country_code": "CO",
        "venue": "",
        "start_date": "2031-09-26",
        "end_date": "2031-09-28",
        "timezone": " America/Bogota ",
        "convened_by": "",
        "facilitated_by": "",
        "objective": "",
        "background": "",
        "participants_text": "",
        "methodology": "",
        "agenda_note": "",
        "is_public": "y",
        **fields,
    }


def test_an_administrator_creates_a_forum_with_a_day_per_date_and_runs_it(client, sign_in, create_user):
    admin = create_user(is_admin=True)
    sign_in(client, admin)

    response = client.post("/manage/new", data=forum_form())

    forum = db.session.scalar(select(Forum).where(Forum.slug == "bogota-2031"))
    assert response.status_code == 302 and response.headers["Location"] == "/manage/bogota-2031/"
    assert (forum.title, forum.city, forum.country_code, forum.timezone, forum.is_public) == (
        "Learning from South-South Cooperation",
        "Bogotá",
        "CO",
        "America/Bogota",
        True,
    )
    assert [day.date for day in forum.days] == [date(2031, 9, 26), date(2031, 9, 27), date(2031, 9, 28)]
    assert ForumRoleName.SECRETARIAT in admin.roles_in(forum)
    assert "Forum created with one day per date." in client.get(response.headers["Location"]).get_data(as_text=True)


def test_a_forum_is_not_created_under_a_taken_web_address(client, sign_in, frame, create_user):
    sign_in(client, create_user(is_admin=True))

    response = client.post("/manage/new", data=forum_form(slug="frame-forum"))

    assert "Another forum already uses the web address name frame-forum." in response.get_data(as_text=True)
    assert count(Forum) == 1


def test_a_web_address_name_ending_in_a_new_line_is_refused_at_the_field(client, sign_in, create_user):
    sign_in(client, create_user(is_admin=True))

    response = client.post("/manage/new", data=forum_form(slug="bogota-2031\n"))

    assert response.status_code == 200
    assert "Use lower-case letters, digits and hyphens." in response.get_data(as_text=True)
    assert count(Forum) == 0


def test_a_new_day_is_saved_with_its_title_and_note(client, sign_in, frame):
    forum, *_, secretary = frame
    sign_in(client, secretary)

    response = client.post(
        f"/manage/{forum.slug}/days/new",
        data={"date": "2030-11-06", "title": "Field visits", "to_be_announced": "y", "note": "Buses at 8:00"},
    )

    assert response.status_code == 302
    day = db.session.scalar(select(ForumDay).where(ForumDay.date == date(2030, 11, 6)))
    assert (day.forum_id, day.title, day.to_be_announced, day.note) == (forum.id, "Field visits", True, "Buses at 8:00")


def test_a_day_outside_the_forums_dates_is_refused(client, sign_in, frame):
    forum, first_day, *_, secretary = frame
    sign_in(client, secretary)

    response = client.post(
        f"/manage/{forum.slug}/days/{first_day.id}/edit", data={"date": "2030-12-01", "title": "Late"}
    )

    assert "The day must fall between the forum&#39;s first and last day." in response.get_data(as_text=True)
    db.session.refresh(first_day)
    assert (first_day.date, first_day.title) == (date(2030, 11, 5), "")


def test_a_new_block_takes_the_forums_wall_clock(client, sign_in, frame, create_day):
    forum, *_, secretary = frame
    second_day = create_day(forum)
    sign_in(client, secretary)

    client.post(
        f"/manage/{forum.slug}/blocks/new",
        data={"day_id": second_day.id, "starts_at": "14:00", "ends_at": "18:00", "label": "Afternoon"},
    )

    block = db.session.scalar(select(TimeBlock).where(TimeBlock.label == "Afternoon"))
    assert block.day_id == second_day.id
    assert local_times(block) == (time(14), time(18))
    assert block.starts_at.hour == 19, "stored in UTC: Bogotá is five hours behind"


def test_a_block_cannot_shrink_away_from_a_session_it_holds(client, sign_in, frame):
    forum, first_day, block, *_, secretary = frame
    sign_in(client, secretary)

    response = client.post(
        f"/manage/{forum.slug}/blocks/{block.id}/edit",
        data={"day_id": first_day.id, "starts_at": "10:00", "ends_at": "12:00", "label": "Late"},
    )

    assert "Building good practices would no longer fit inside this block. Move it first." in response.get_data(
        as_text=True
    )
    db.session.refresh(block)
    assert (local_times(block), block.label) == ((time(9), time(12)), "Morning")


def test_a_block_that_still_fits_its_sessions_is_changed(client, sign_in, frame):
    forum, first_day, block, *_, secretary = frame
    sign_in(client, secretary)

    client.post(
        f"/manage/{forum.slug}/blocks/{block.id}/edit",
        data={"day_id": first_day.id, "starts_at": "09:30", "ends_at": "11:00", "label": "Short morning"},
    )

    db.session.refresh(block)
    assert (local_times(block), block.label) == ((time(9, 30), time(11)), "Short morning")


def test_rooms_are_saved_renamed_and_never_named_twice(client, sign_in, frame):
    forum, *_, room, secretary = frame
    sign_in(client, secretary)

    client.post(f"/manage/{forum.slug}/rooms/new", data={"name": " Sala Cartagena ", "capacity": "25"})
    twice = client.post(f"/manage/{forum.slug}/rooms/new", data={"name": "Salón Bolívar", "capacity": "10"})
    client.post(f"/manage/{forum.slug}/rooms/{room.id}/edit", data={"name": "Salón Libertador", "capacity": "90"})

    assert "There is already a room called Salón Bolívar." in twice.get_data(as_text=True)
    rooms = db.session.scalars(select(Room).order_by(Room.name)).all()
    assert [(kept.name, kept.capacity) for kept in rooms] == [("Sala Cartagena", 25), ("Salón Libertador", 90)]


@pytest.mark.parametrize(
    ("part", "model", "message"),
    [
        ("days", ForumDay, "This day still holds sessions. Move or delete them first."),
        ("blocks", TimeBlock, "This block still holds sessions. Move or delete them first."),
        ("rooms", Room, "Sessions still take place in this room. Move them first."),
    ],
)
def test_an_unused_part_of_the_frame_is_deleted_and_one_holding_a_session_is_kept(
    client, sign_in, frame, create_day, create_block, create_room, part, model, message
):
    forum, first_day, block, room, secretary = frame
    held = {"days": first_day, "blocks": block, "rooms": room}[part]
    spare = {
        "days": lambda: create_day(forum),
        "blocks": lambda: create_block(first_day, "18:00", "20:00"),
        "rooms": lambda: create_room(forum, "Annex"),
    }[part]()
    sign_in(client, secretary)

    client.post(f"/manage/{forum.slug}/{part}/{spare.id}/delete", data=CONFIRMED)
    refused = client.post(f"/manage/{forum.slug}/{part}/{held.id}/delete", data=CONFIRMED, follow_redirects=True)

    assert message in refused.get_data(as_text=True)
    assert [kept.id for kept in db.session.scalars(select(model))] == [held.id]


def test_organisations_are_saved_and_edited_and_never_named_twice(client, sign_in, frame, create_organisation):
    forum, *_, secretary = frame
    existing = create_organisation("Economic Commission for Latin America", "ECLAC", forum_id=forum.id)
    sign_in(client, secretary)

    created = client.post(
        f"/manage/{forum.slug}/organisations/new",
        data={"name": " Universidad Nacional ", "acronym": " UNAL ", "type": "academia", "country_code": "CO"},
    )
    twice = client.post(
        f"/manage/{forum.slug}/organisations/new",
        data={"name": "Economic Commission for Latin America", "acronym": "", "type": "other", "country_code": ""},
    )
    client.post(
        f"/manage/{forum.slug}/organisations/{existing.id}/edit",
        data={"name": "ECLAC", "acronym": "CEPAL", "type": "un_agency", "country_code": "CL"},
    )

    assert created.headers["Location"] == f"/manage/{forum.slug}/organisations"
    assert "Economic Commission for Latin America (ECLAC) is listed already; pick it instead of adding it again." in (
        twice.get_data(as_text=True)
    )
    organisations = db.session.scalars(select(Organisation).order_by(Organisation.name)).all()
    assert [(kept.name, kept.acronym, kept.type, kept.country_code) for kept in organisations] == [
        ("ECLAC", "CEPAL", OrganisationType.UN_AGENCY, "CL"),
        ("Universidad Nacional", "UNAL", OrganisationType.ACADEMIA, "CO"),
    ]
    listing = client.get(f"/manage/{forum.slug}/organisations").get_data(as_text=True)
    assert "Universidad Nacional" in listing and "CEPAL" in listing


def test_appointing_someone_new_to_the_forum_invites_them_in_that_role(client, sign_in, frame):
    forum, *_, secretary = frame
    sign_in(client, secretary)

    response = client.post(
        f"/manage/{forum.slug}/people", data={"email": "Ana@Example.test", "name": "Ana Muñoz", "role": "rapporteur"}
    )

    ana = db.session.scalar(select(User).where(User.email == "ana@example.test"))
    assert ana.name == "Ana Muñoz"
    assert ana.roles_in(forum) == {ForumRoleName.RAPPORTEUR}
    assert "Ana Muñoz is now in the forum." in client.get(response.headers["Location"]).get_data(as_text=True)


def test_nobody_removes_themselves_from_the_secretariat_but_may_remove_others(client, sign_in, frame, create_user):
    forum, *_, secretary = frame
    colleague = create_user(roles={forum: [ForumRoleName.SECRETARIAT]})
    sign_in(client, secretary)

    def role_of(user):
        return db.session.scalar(
            select(ForumRole.id).where(ForumRole.user_id == user.id, ForumRole.forum_id == forum.id)
        )

    refused = client.post(
        f"/manage/{forum.slug}/people/{role_of(secretary)}/revoke", data=CONFIRMED, follow_redirects=True
    )
    client.post(f"/manage/{forum.slug}/people/{role_of(colleague)}/revoke", data=CONFIRMED)

    assert "You cannot remove yourself from the secretariat." in refused.get_data(as_text=True)
    db.session.expire_all()
    assert ForumRoleName.SECRETARIAT in secretary.roles_in(forum)
    assert colleague.roles_in(forum) == set()
