"""The reader's time zone on the agenda, the session pages and the grid: chosen, saved, shown on both clocks, undone."""

import re

import pytest

from workshop.accounts.models import ForumRoleName, User
from workshop.extensions import db
from workshop.publishing.services import publish_release
from workshop.publishing.views import READER_ZONE_COOKIE

SEOUL, BOGOTA = "Asia/Seoul", "America/Bogota"


@pytest.fixture
def seoul_forum(create_forum, create_day, create_block, create_user, create_session, create_loose_item):
    """A published Seoul forum whose first session runs at 08:00 on 29 November 2011 (18:00 the day before in Bogotá)."""
    from datetime import date

    forum = create_forum(slug="busan", start_date=date(2011, 11, 29), timezone=SEOUL)
    block = create_block(create_day(forum), "07:45", "12:00")
    create_loose_item(block, "07:45", "08:00", title="Welcome coffee")
    session = create_session(forum, block, "Effective development cooperation", start="08:00", end="09:30", number="1")
    secretariat = create_user(roles={forum: [ForumRoleName.SECRETARIAT]})
    publish_release(secretariat, forum, "preliminary")
    db.session.commit()
    return forum, session


def text_of(response):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.get_data(as_text=True)))


def choose(client, forum, zone, next_path=None):
    data = {"zone": zone, "submit": "1"}
    if next_path:
        data["next"] = next_path
    return client.post(f"/f/{forum.slug}/time-zone", data=data)


def test_the_forums_times_are_the_default_and_say_so(client, seoul_forum):
    forum, session = seoul_forum

    response = client.get(f"/f/{forum.slug}/agenda")
    agenda, agenda_html = text_of(response), response.get_data(as_text=True)

    assert "Times are the forum's local time, Asia/Seoul (GMT+09:00)." in agenda
    assert "8:00 AM–9:30 AM" in agenda
    assert 'class="reader-time"' not in agenda_html


def test_an_anonymous_reader_in_bogota_sees_the_seoul_morning_on_the_previous_evening_labelled_with_both(
    client, seoul_forum
):
    forum, session = seoul_forum
    agenda_path = f"/f/{forum.slug}/agenda"
    # Read first on the forum's clock: the days of the agenda, cached per release, are cached per reader's zone too.
    assert "8:00 AM–9:30 AM" in text_of(client.get(agenda_path))

    response = choose(client, forum, BOGOTA, agenda_path)

    assert response.status_code == 302 and response.headers["Location"] == agenda_path
    assert f"{READER_ZONE_COOKIE}={BOGOTA}" in response.headers["Set-Cookie"]
    agenda = text_of(client.get(agenda_path))
    assert "Times are shown in your time zone, America/Bogota (GMT-05:00)." in agenda
    assert "The forum's own times differ: it runs on Asia/Seoul (GMT+09:00)." in agenda
    assert "6:00 PM–7:30 PM your time, Mon 28 Nov (8:00 AM–9:30 AM at the forum, Tue 29 Nov)" in agenda
    assert "5:45 PM your time, Mon 28 Nov (7:45 AM at the forum, Tue 29 Nov)" in agenda
    # The day headings stay the forum's days.
    assert "Day 1 – November 29, 2011" in agenda

    session_page = text_of(client.get(f"/f/{forum.slug}/sessions/{session.id}"))
    assert "6:00 PM–7:30 PM your time, Mon 28 Nov (8:00 AM–9:30 AM at the forum, Tue 29 Nov)" in session_page

    grid = text_of(client.get(f"/f/{forum.slug}/agenda/grid"))
    assert "6:00 PM–7:30 PM your time, Mon 28 Nov (8:00 AM–9:30 AM at the forum, Tue 29 Nov)" in grid


def test_a_reader_switches_back_to_the_forums_times(client, seoul_forum):
    forum, _session = seoul_forum
    choose(client, forum, BOGOTA)

    response = client.post(f"/f/{forum.slug}/time-zone", data={"use_forum_zone": "1"})

    assert response.status_code == 302
    assert re.search(rf"{READER_ZONE_COOKIE}=;.*(Expires=Thu, 01 Jan 1970|Max-Age=0)", response.headers["Set-Cookie"])
    response = client.get(f"/f/{forum.slug}/agenda")
    agenda, agenda_html = text_of(response), response.get_data(as_text=True)
    assert "Times are the forum's local time, Asia/Seoul" in agenda
    assert 'class="reader-time"' not in agenda_html


def test_a_signed_in_reader_keeps_the_zone_on_the_account_not_in_a_cookie(client, login, create_user, seoul_forum):
    forum, session = seoul_forum
    reader = create_user(email="remote@example.test")
    login(client, reader)

    response = choose(client, forum, BOGOTA, f"/f/{forum.slug}/sessions/{session.id}")

    assert response.headers["Location"] == f"/f/{forum.slug}/sessions/{session.id}"
    assert READER_ZONE_COOKIE not in response.headers.get("Set-Cookie", "")
    db.session.expire_all()
    assert db.session.get(User, reader.id).reader_timezone == BOGOTA
    assert "6:00 PM–7:30 PM your time" in text_of(client.get(f"/f/{forum.slug}/sessions/{session.id}"))

    client.post(f"/f/{forum.slug}/time-zone", data={"use_forum_zone": "1"})

    db.session.expire_all()
    assert db.session.get(User, reader.id).reader_timezone is None
    assert 'class="reader-time"' not in client.get(f"/f/{forum.slug}/sessions/{session.id}").get_data(as_text=True)


def test_the_saved_zone_is_in_the_readers_own_data(client, login, create_user, seoul_forum):
    forum, _session = seoul_forum
    login(client, create_user())
    choose(client, forum, BOGOTA)

    assert client.get("/account/my-data.json").get_json()["account"]["reader_timezone"] == BOGOTA
    assert "Agendas show their times in your time zone, America/Bogota" in text_of(client.get("/account/"))


def test_a_signed_in_reader_is_not_swayed_by_a_cookie_left_from_before(client, login, create_user, seoul_forum):
    forum, _session = seoul_forum
    client.set_cookie(READER_ZONE_COOKIE, BOGOTA)
    login(client, create_user())

    assert 'class="reader-time"' not in client.get(f"/f/{forum.slug}/agenda").get_data(as_text=True)


@pytest.mark.parametrize("zone", ["Mars/Olympus_Mons", "US/Eastern", "Etc/GMT+5", ""])
def test_an_unknown_zone_is_refused_at_the_field_and_nothing_is_saved(client, login, create_user, seoul_forum, zone):
    forum, _session = seoul_forum
    reader = create_user()
    login(client, reader)

    response = choose(client, forum, zone)

    assert response.status_code == 422
    page = response.get_data(as_text=True)
    message = "Choose a time zone." if not zone else "This is not a time zone we know. Choose one from the list."
    assert re.search(r'<div class="field has-error">\s*<label for="zone">', page)
    assert message in page
    db.session.expire_all()
    assert db.session.get(User, reader.id).reader_timezone is None


def test_an_anonymous_reader_with_an_unknown_zone_gets_no_cookie(client, seoul_forum):
    forum, _session = seoul_forum

    response = choose(client, forum, "Mars/Olympus_Mons")

    assert response.status_code == 422
    assert READER_ZONE_COOKIE not in response.headers.get("Set-Cookie", "")


def test_a_cookie_naming_an_unknown_zone_shows_the_forums_times(client, seoul_forum):
    forum, _session = seoul_forum
    client.set_cookie(READER_ZONE_COOKIE, "Mars/Olympus_Mons")

    assert "Times are the forum's local time" in text_of(client.get(f"/f/{forum.slug}/agenda"))


def test_the_account_refuses_an_unknown_zone_even_past_the_form(app, create_user):
    from workshop.accounts.services import save_reader_timezone
    from workshop.core.refusals import Refused

    reader = create_user()

    with pytest.raises(Refused) as refusal:
        save_reader_timezone(reader, "Mars/Olympus_Mons")

    assert refusal.value.field == "zone"
    assert reader.reader_timezone is None


@pytest.mark.parametrize(
    "next_path",
    [
        "https://evil.example/",
        "//evil.example/f/busan/agenda",
        "/f/other/agenda",
        "/\\evil",
        "/f/busan/\\evil",
        "/f/busan/agenda\r\nSet-Cookie: taken=1",
        "/f/busan/agenda\tx",
        "/f/busan/ågenda",
    ],
)
def test_the_chooser_only_goes_back_to_a_page_of_the_forum(client, seoul_forum, next_path):
    forum, _session = seoul_forum

    response = choose(client, forum, BOGOTA, next_path)

    assert response.headers["Location"] == f"/f/{forum.slug}/agenda"


def test_the_chooser_preselects_the_offered_zone_then_the_readers_then_the_forums(client, seoul_forum):
    forum, _session = seoul_forum

    def preselected(page):
        return re.search(r'<option selected value="([^"]+)"', page).group(1)

    assert preselected(client.get(f"/f/{forum.slug}/time-zone").get_data(as_text=True)) == SEOUL
    offered = client.get(f"/f/{forum.slug}/time-zone?zone=Europe/Paris").get_data(as_text=True)
    assert preselected(offered) == "Europe/Paris"
    choose(client, forum, BOGOTA)
    assert preselected(client.get(f"/f/{forum.slug}/time-zone").get_data(as_text=True)) == BOGOTA
    assert preselected(client.get(f"/f/{forum.slug}/time-zone?zone=US/Eastern").get_data(as_text=True)) == BOGOTA


def test_the_chooser_groups_zones_by_region_named_in_the_readers_language(client, seoul_forum):
    forum, _session = seoul_forum

    page = client.get(f"/f/{forum.slug}/time-zone?lang=es").get_data(as_text=True)

    assert '<optgroup label="América">' in page and '<optgroup label="Océano Índico">' in page
    assert '<option value="America/Bogota">Bogotá (America/Bogota)</option>' in page
    assert "US/Eastern" not in page


def test_the_pdf_agenda_stays_in_the_forums_zone_for_a_reader_in_another(client, login, create_user, seoul_forum):
    forum, _session = seoul_forum
    login(client, create_user())
    choose(client, forum, BOGOTA)

    pdf = client.get(f"/f/{forum.slug}/agenda.pdf")

    assert pdf.status_code == 200
    text = pdf_text(pdf.data)
    assert "8:00" in text and "6:00 PM" not in text and "18:00" not in text


def pdf_text(data):
    import io

    from pypdf import PdfReader

    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
