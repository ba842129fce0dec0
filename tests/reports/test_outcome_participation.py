"""Participation in the consolidated outcome: by gender from the reports, by stakeholder group from the desk's check-ins."""

import io

import docx
import pypdf
import pytest

from tests.registration.conftest import stakeholder_group
from tests.reports.test_outcome import approve
from workshop.desk.models import SessionAttendance
from workshop.extensions import db
from workshop.forums.models import StakeholderGroup
from workshop.registration.models import Gender, Registration
from workshop.registration.rules import RegistrationStatus
from workshop.reports.outcome import STAKEHOLDER_COLUMNS, outcome_fingerprint, stakeholder_totals

CIVIL, EXPERTS = StakeholderGroup.CIVIL_SOCIETY, StakeholderGroup.SUBJECT_MATTER_EXPERTS


def test_stakeholder_totals_add_each_column_and_are_zeros_without_rows():
    columns = len(STAKEHOLDER_COLUMNS)
    first, second = (1,) + (0,) * (columns - 1), (2,) + (3,) * (columns - 1)
    assert stakeholder_totals([first, second]) == (3,) + (3,) * (columns - 1)
    assert stakeholder_totals([]) == (0,) * columns


@pytest.fixture
def check_in_at():
    """Return a callable that checks people of given stakeholder groups in at a session."""
    numbers = iter(range(1, 1000))

    def _check_in_at(session, *stakeholders):
        for stakeholder in stakeholders:
            number = next(numbers)
            group = stakeholder_group(session.forum, stakeholder) if stakeholder else None
            registration = Registration(
                forum_id=session.forum_id,
                email=f"came{number}@example.org",
                name=f"Person {number}",
                country_code="CO",
                group_id=group.id if group else None,
                gender=Gender.WOMAN,
                status=RegistrationStatus.CONFIRMED,
                arrival_number=number,
            )
            db.session.add(registration)
            db.session.flush()
            db.session.add(SessionAttendance(registration_id=registration.id, session_id=session.id))
        db.session.commit()

    return _check_in_at


def test_the_outcome_counts_people_checked_in_by_stakeholder_group_per_session_and_for_the_forum(
    app, client, sign_in, report_world, check_in_at
):
    world = report_world
    approve(app, client, sign_in, world, world.session, world.rapporteur)
    check_in_at(world.session, CIVIL, CIVIL, EXPERTS, None)
    before = outcome_fingerprint(world.forum)
    check_in_at(world.session, EXPERTS)

    assert outcome_fingerprint(world.forum) != before, "a check-in changes the outcome to build"
    page = client.get(app.url_for("reports.show_outcome", slug=world.forum.slug)).get_data(as_text=True)
    pdf = client.get(app.url_for("exports.outcome_pdf", slug=world.forum.slug))
    word = docx.Document(io.BytesIO(client.get(app.url_for("exports.outcome_docx", slug=world.forum.slug)).data))

    text = " ".join(" ".join(p.extract_text().split()) for p in pypdf.PdfReader(io.BytesIO(pdf.data)).pages)
    # Civil society 2, subject-matter experts 2, other or not stated 1; the other groups 0.
    # The PDF's narrow session column hyphenates the title; the DOCX below holds it whole.
    assert "0 0 0 2 2 0 1 5 Forum 0 0 0 2 2 0 1 5" in text
    assert "Forum 0 0 0 2 2 0 1 5" in text
    assert "Participants checked in by stakeholder group" in page
    table = word.tables[1]
    assert [cell.text for cell in table.rows[0].cells][-2:] == ["Other or not stated", "Total"]
    assert [cell.text for cell in table.rows[1].cells] == [
        "Session 7. The role of South-South cooperation for development",
        *["0", "0", "0", "2", "2", "0", "1", "5"],
    ]
    assert [cell.text for cell in table.rows[-1].cells] == ["Forum", "0", "0", "0", "2", "2", "0", "1", "5"]


def test_without_check_ins_the_outcome_says_where_the_figures_would_come_from(app, client, sign_in, report_world):
    approve(app, client, sign_in, report_world, report_world.session, report_world.rapporteur)

    page = client.get(app.url_for("reports.show_outcome", slug=report_world.forum.slug)).get_data(as_text=True)

    assert "Nobody was checked in at the reported sessions" in page


def test_the_gender_chart_writes_its_numbers_beside_the_bars(app, client, sign_in, report_world):
    approve(app, client, sign_in, report_world, report_world.session, report_world.rapporteur)

    pdf = client.get(app.url_for("exports.outcome_pdf", slug=report_world.forum.slug))

    text = " ".join(" ".join(p.extract_text().split()) for p in pypdf.PdfReader(io.BytesIO(pdf.data)).pages)
    assert "11 / 9 / – = 20" in text
