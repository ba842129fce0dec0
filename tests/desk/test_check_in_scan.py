"""Check-in from the phone page's queue: a JSON answer per scan, once however often or from however many doors."""

import hashlib
import re
from pathlib import Path

import pytest
from sqlalchemy import func, select

from tests.desk.test_check_in import reloaded
from tests.registration.conftest import run_together
from workshop.accounts.models import ForumRoleName
from workshop.desk.models import SessionAttendance
from workshop.desk.services import badge_code_of
from workshop.extensions import db
from workshop.registration.rules import RegistrationStatus

Status = RegistrationStatus
PROJECT = Path(__file__).resolve().parents[2]


def scan(client, forum, code, session=None):
    data = {"code": code, "session_id": str(session.id if session else 0)}
    return client.post(f"/manage/{forum.slug}/desk/check-in.json", data=data, headers={"Accept": "application/json"})


def attendances():
    db.session.expire_all()
    return db.session.scalar(select(func.count()).select_from(SessionAttendance))


def test_a_scan_checks_the_person_in_and_answers_who_it_is(desk_client, forum, ana):
    response = scan(desk_client, forum, badge_code_of(ana))

    assert response.status_code == 200
    assert response.json == {
        "outcome": "checked_in",
        "message": "Checked in: Ana Muñoz, Civil society organisations.",
        "name": "Ana Muñoz",
        "group": "Civil society organisations",
    }
    assert reloaded(ana).checked_in_at is not None


def test_a_double_scan_says_so_and_records_one(desk_client, forum, ana, sessions):
    _parallel, plenary = sessions
    scan(desk_client, forum, badge_code_of(ana), plenary)

    again = scan(desk_client, forum, badge_code_of(ana), plenary)

    assert again.status_code == 200
    assert again.json["outcome"] == "already"
    assert again.json["message"].startswith("Already checked in (at")
    assert attendances() == 1


def test_a_session_the_person_did_not_choose_is_recorded_with_a_note(desk_client, forum, ana, sessions):
    parallel, _plenary = sessions

    response = scan(desk_client, forum, badge_code_of(ana), parallel)

    assert response.json["outcome"] == "no_place"
    assert "the desk notes it" in response.json["message"]
    assert db.session.scalar(select(SessionAttendance.had_chosen)) is False


def forged(code):
    number, signature = code.split("-")
    return f"{number}-{'A' if signature[0] != 'A' else 'B'}{signature[1:]}"


@pytest.mark.parametrize(
    ("person", "code_of", "message"),
    [
        ("ours", forged, "This badge was not issued by Workshop."),
        ("other forum's", str, "This badge is for another forum."),
        ("cancelled", str, "has no confirmed place"),
        ("ours", lambda code: "hello", "This is not a badge code"),
        ("ours", lambda code: "", "This field is required."),
    ],
)
def test_a_badge_that_does_not_let_the_person_in_is_refused_with_the_reason(
    desk_client, forum, create_forum, create_registration, person, code_of, message
):
    owner = create_forum() if person == "other forum's" else forum
    status = Status.CANCELLED if person == "cancelled" else Status.CONFIRMED
    registration = create_registration(owner, "Bruno Silva", status=status)

    response = scan(desk_client, forum, code_of(badge_code_of(registration)))

    assert response.status_code == 422
    assert response.json["outcome"] == "refused"
    assert message in response.json["message"]
    assert reloaded(registration).checked_in_at is None


def test_two_doors_scanning_the_same_person_at_once_record_one_attendance(
    app,
    forum,
    ana,
    sessions,
    create_user,
    sign_in,
):
    parallel, _plenary = sessions
    officers = [create_user(roles={forum: [ForumRoleName.SECRETARIAT]}) for _ in range(2)]
    clients = [app.test_client() for _ in officers]
    for client, officer in zip(clients, officers, strict=True):
        sign_in(client, officer)

    url, data = f"/manage/{forum.slug}/desk/check-in.json", {"code": badge_code_of(ana), "session_id": str(parallel.id)}

    responses = run_together(2, lambda number: clients[number].post(url, data=data))

    assert sorted(response.json["outcome"] for response in responses) == ["already", "no_place"]
    assert attendances() == 1


def test_only_the_check_in_page_may_use_the_camera(desk_client, forum):
    check_in_page = desk_client.get(f"/manage/{forum.slug}/desk/check-in")
    other_page = desk_client.get(f"/manage/{forum.slug}/desk/participants")

    assert "camera=(self)" in check_in_page.headers["Permissions-Policy"]
    assert "microphone=()" in check_in_page.headers["Permissions-Policy"]
    assert "camera=()" in other_page.headers["Permissions-Policy"]


def test_the_vendored_qr_reader_is_the_pinned_one_with_its_licence():
    makefile = (PROJECT / "Makefile").read_text()
    version = re.search(r"^JSQR_VERSION := (\S+)$", makefile, re.MULTILINE).group(1)
    digest = re.search(r"^JSQR_SHA256 := (\S+)$", makefile, re.MULTILINE).group(1)
    folder = PROJECT / "static" / "vendor" / "jsqr"

    assert hashlib.sha256((folder / f"jsQR-{version}.js").read_bytes()).hexdigest() == digest
    assert "Apache License" in (folder / "LICENSE").read_text()
    assert f"vendor/jsqr/jsQR-{version}.js" in (PROJECT / "templates" / "desk" / "check_in.html").read_text()
