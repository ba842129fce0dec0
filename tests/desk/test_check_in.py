"""Check-in at the door: by typed badge code, once however often scanned, and the attendance it counts."""

import pytest
from sqlalchemy import func, select

from tests.registration.conftest import run_together
from workshop.accounts.models import ForumRoleName
from workshop.desk.attendance import AttendanceCounts, forum_attendance, session_attendance
from workshop.desk.models import SessionAttendance
from workshop.desk.services import badge_code_of
from workshop.extensions import db
from workshop.registration.models import Gender, Registration, SessionChoice
from workshop.registration.rules import ChoiceStatus, RegistrationStatus
from workshop.reports.services import known_participant_counts
from workshop.reports.workflow import ParticipantCounts

Status = RegistrationStatus


def check_in(client, forum, code, session=None):
    data = {"code": code, "session_id": str(session.id if session else 0)}
    response = client.post(f"/manage/{forum.slug}/desk/check-in", data=data)
    if response.status_code == 302:
        return client.get(response.headers["Location"])
    return response


def reloaded(registration):
    db.session.expire_all()
    return db.session.get(Registration, registration.id)


def test_a_typed_code_checks_the_person_in_and_says_who_it_is(desk_client, forum, ana):
    page = check_in(desk_client, forum, f"  {badge_code_of(ana).lower()} ").get_data(as_text=True)
    assert "Checked in: Ana Muñoz, Civil society organisations." in page
    assert reloaded(ana).checked_in_at is not None


def test_a_second_scan_says_when_and_records_nothing_more(desk_client, forum, ana):
    check_in(desk_client, forum, badge_code_of(ana))
    first = reloaded(ana).checked_in_at
    page = check_in(desk_client, forum, badge_code_of(ana)).get_data(as_text=True)
    assert "Already checked in (at" in page and "Ana Muñoz" in page
    assert reloaded(ana).checked_in_at == first


@pytest.mark.parametrize(
    ("code", "message"),
    [
        ("hello", "This is not a badge code"),
        ("", "This field is required."),
        ("1-AAAAAAAAAA", "This badge was not issued by Workshop."),
        ("999999-AAAAAAAAAA", "This badge was not issued by Workshop."),
    ],
)
def test_a_code_that_is_no_badge_is_refused_at_the_field(desk_client, forum, ana, code, message):
    response = check_in(desk_client, forum, code)
    assert response.status_code == 422
    assert message in response.get_data(as_text=True)
    assert reloaded(ana).checked_in_at is None


def test_a_forged_signature_for_a_real_person_is_refused(desk_client, forum, ana):
    number, signature = badge_code_of(ana).split("-")
    forged = f"{number}-{'A' if signature[0] != 'A' else 'B'}{signature[1:]}"
    response = check_in(desk_client, forum, forged)
    assert "This badge was not issued by Workshop." in response.get_data(as_text=True)
    assert reloaded(ana).checked_in_at is None


def test_a_badge_of_another_forum_is_refused(desk_client, forum, create_forum, create_registration):
    stranger = create_registration(create_forum(), "Stranger", status=Status.CONFIRMED)
    response = check_in(desk_client, forum, badge_code_of(stranger))
    assert response.status_code == 422
    assert "This badge is for another forum." in response.get_data(as_text=True)
    assert reloaded(stranger).checked_in_at is None


@pytest.mark.parametrize("status", [Status.CANCELLED, Status.WAITING, Status.AWAITING_APPROVAL, Status.DECLINED])
def test_someone_without_a_confirmed_place_is_refused(desk_client, forum, create_registration, status):
    person = create_registration(forum, "Bruno Silva", status=status)
    response = check_in(desk_client, forum, badge_code_of(person))
    assert response.status_code == 422
    assert "Bruno Silva has no confirmed place" in response.get_data(as_text=True)
    assert reloaded(person).checked_in_at is None


def test_a_session_check_in_notes_a_person_without_a_place_in_it(desk_client, forum, ana, sessions):
    parallel, plenary = sessions
    page = check_in(desk_client, forum, badge_code_of(ana), parallel).get_data(as_text=True)
    assert "They had no place in this session; the desk notes it." in page
    check_in(desk_client, forum, badge_code_of(ana), plenary)
    attendances = db.session.scalars(select(SessionAttendance).order_by(SessionAttendance.session_id)).all()
    assert [(a.session_id, a.had_chosen) for a in attendances] == [(parallel.id, False), (plenary.id, True)]
    assert reloaded(ana).checked_in_at is not None, "coming to a session is coming to the forum"


def test_a_session_check_in_of_someone_who_chose_it_has_no_note(desk_client, forum, ana, sessions):
    parallel, _plenary = sessions
    db.session.add(
        SessionChoice(registration_id=ana.id, session_id=parallel.id, status=ChoiceStatus.CHOSEN, arrival_number=1)
    )
    db.session.commit()
    page = check_in(desk_client, forum, badge_code_of(ana), parallel).get_data(as_text=True)
    assert "Checked in: Ana Muñoz, Civil society organisations." in page
    assert db.session.scalar(select(SessionAttendance.had_chosen)) is True


def test_a_session_of_another_forum_is_no_choice(
    desk_client, forum, ana, create_forum, create_day, create_block, create_session
):
    other = create_forum()
    elsewhere = create_session(other, create_block(create_day(other)), "Elsewhere")
    response = check_in(desk_client, forum, badge_code_of(ana), elsewhere)
    assert response.status_code == 422
    assert "Not a valid choice" in response.get_data(as_text=True)
    assert db.session.scalar(select(func.count()).select_from(SessionAttendance)) == 0


def test_the_search_offers_a_one_action_check_in(desk_client, forum, ana, create_registration):
    create_registration(forum, "Ana Pending")
    page = desk_client.get(f"/manage/{forum.slug}/desk/check-in?q=ana").get_data(as_text=True)
    assert f'value="{badge_code_of(ana)}"' in page
    assert "Check in Ana Muñoz" in page and "Ana Pending" not in page


def test_attendance_counts_by_gender_each_person_once(desk_client, forum, create_registration, sessions):
    parallel, plenary = sessions
    people = [
        create_registration(forum, name, status=Status.CONFIRMED, gender=gender)
        for name, gender in (
            ("Ana", Gender.WOMAN),
            ("Beatriz", Gender.WOMAN),
            ("Carlos", Gender.MAN),
            ("Dani", Gender.ANOTHER),
            ("Eli", None),
            ("Fran", Gender.UNDISCLOSED),
        )
    ]
    for person in people[:5]:
        check_in(desk_client, forum, badge_code_of(person), parallel)
    check_in(desk_client, forum, badge_code_of(people[0]), parallel)
    check_in(desk_client, forum, badge_code_of(people[5]))
    check_in(desk_client, forum, badge_code_of(people[2]), plenary)

    assert session_attendance(parallel.id) == AttendanceCounts(women=2, men=1, other=2, total=5)
    assert session_attendance(plenary.id) == AttendanceCounts(women=0, men=1, other=0, total=1)
    assert forum_attendance(forum) == AttendanceCounts(women=2, men=1, other=3, total=6)


def test_a_session_report_starts_from_the_people_checked_in_at_it(desk_client, forum, create_registration, sessions):
    parallel, plenary = sessions
    for name, gender in (("Ana", Gender.WOMAN), ("Carlos", Gender.MAN), ("Dani", Gender.ANOTHER)):
        check_in(
            desk_client,
            forum,
            badge_code_of(create_registration(forum, name, status=Status.CONFIRMED, gender=gender)),
            parallel,
        )

    assert known_participant_counts(parallel) == ParticipantCounts(women=1, men=1, other=1, total=3)
    assert known_participant_counts(plenary) is None, "nobody checked in: the rapporteur counts"


def test_two_doors_checking_in_the_same_person_at_once_record_one_attendance(
    app, forum, ana, sessions, create_user, sign_in
):
    parallel, _plenary = sessions
    officers = [create_user(roles={forum: [ForumRoleName.SECRETARIAT]}) for _ in range(2)]
    clients = [app.test_client() for _ in officers]
    for client, officer in zip(clients, officers, strict=True):
        sign_in(client, officer)
    url, data = f"/manage/{forum.slug}/desk/check-in", {"code": badge_code_of(ana), "session_id": str(parallel.id)}

    def scan(number):
        return clients[number].post(url, data=data)

    responses = run_together(2, scan)

    assert [response.status_code for response in responses] == [302, 302]
    db.session.expire_all()
    assert db.session.scalar(select(func.count()).select_from(SessionAttendance)) == 1
    assert session_attendance(parallel.id).total == 1
    assert reloaded(ana).checked_in_at is not None
