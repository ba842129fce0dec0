"""Attendance figures from check-ins: the desk's, per session and for the forum, and the public ones with small counts withheld."""

from datetime import UTC, datetime

from tests.desk.test_check_in import check_in
from workshop.desk.attendance import figures_per_session, forum_figures
from workshop.desk.services import badge_code_of
from workshop.forums.models import StakeholderGroup
from workshop.registration.models import Gender
from workshop.registration.rules import RegistrationStatus

Status = RegistrationStatus
CAME = datetime(2030, 11, 5, 14, 0, tzinfo=UTC)


def came(create_registration, forum, count, gender, stakeholder=StakeholderGroup.CIVIL_SOCIETY):
    return [
        create_registration(
            forum, f"{gender.value} {number}", Status.CONFIRMED, stakeholder, gender=gender, checked_in_at=CAME
        )
        for number in range(count)
    ]


def test_the_forums_figures_count_the_people_checked_in_by_gender_and_group(forum, create_registration):
    came(create_registration, forum, 2, Gender.WOMAN, StakeholderGroup.COUNTRY_REPRESENTATIVES)
    came(create_registration, forum, 1, Gender.MAN)
    came(create_registration, forum, 1, Gender.UNDISCLOSED)
    create_registration(forum, "Not yet here", Status.CONFIRMED, gender=Gender.MAN)

    figures = forum_figures(forum)

    assert figures.total == 4
    assert figures.by_gender == (("woman", 2), ("man", 1), ("another", 0), ("undisclosed", 1))
    assert dict(figures.by_group) == {
        "Country representatives": 2,
        "Multilateral organisations": 0,
        "South-South Cooperation practitioners": 0,
        "Civil society organisations": 2,
        "Subject-matter experts (academia)": 0,
        "Technical Secretariat": 0,
    }


def test_each_session_has_its_figures_from_its_own_door(desk_client, forum, create_registration, sessions):
    parallel, plenary = sessions
    ana = create_registration(forum, "Ana Muñoz", Status.CONFIRMED, gender=Gender.WOMAN)
    bruno = create_registration(forum, "Bruno Silva", Status.CONFIRMED, gender=Gender.MAN)
    for person in (ana, bruno):
        check_in(desk_client, forum, badge_code_of(person), plenary)
    check_in(desk_client, forum, badge_code_of(bruno), parallel)

    figures = dict(figures_per_session(forum))

    assert figures[plenary].total == 2 and figures[parallel].total == 1
    assert dict(figures[parallel].by_gender)["man"] == 1 and dict(figures[parallel].by_gender)["woman"] == 0
    assert forum_figures(forum).total == 2, "coming to a session is coming to the forum"


def test_the_desk_page_shows_every_count(desk_client, forum, create_registration, sessions):
    came(create_registration, forum, 3, Gender.WOMAN)

    page = desk_client.get(f"/manage/{forum.slug}/desk/attendance").get_data(as_text=True)

    assert "People who came: <strong>3</strong>" in page
    assert '<th scope="row">Woman</th><td>3</td>' in page
    assert "Regional platforms" in page and "The way ahead" in page
    assert "fewer than 5" not in page


def test_the_public_page_withholds_counts_under_five_and_shows_the_others(client, forum, create_registration):
    came(create_registration, forum, 5, Gender.WOMAN)
    came(create_registration, forum, 4, Gender.MAN)

    page = client.get(f"/f/{forum.slug}/attendance").get_data(as_text=True)

    assert "People who came: <strong>9</strong>" in page
    assert '<th scope="row">Woman</th><td>5</td>' in page
    assert '<th scope="row">Man</th><td>4</td>' not in page
    assert "Man</th><td><span" in page and "fewer than 5" in page
    assert "Civil society organisations</th><td>9</td>" in page


def test_a_private_forums_figures_are_hidden_from_outsiders(client, create_forum):
    private = create_forum(is_public=False)
    assert client.get(f"/f/{private.slug}/attendance").status_code == 404


def test_the_public_page_speaks_the_readers_language(client, forum, create_registration):
    came(create_registration, forum, 1, Gender.WOMAN)
    page = client.get(f"/f/{forum.slug}/attendance", headers={"Accept-Language": "fr"}).get_data(as_text=True)
    assert "Femme" in page
