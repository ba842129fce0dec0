"""The secretariat's participant list: filters, counts, decisions in bulk, and exports that open safely."""

import csv
import io

import pytest
from openpyxl import load_workbook

from tests.browser_forms import read_csrf_token
from workshop.core.timezones import utcnow
from workshop.extensions import db
from workshop.forums.models import StakeholderGroup
from workshop.registration.models import Registration
from workshop.registration.rules import RegistrationStatus

Status = RegistrationStatus


def names_listed(response):
    page = response.get_data(as_text=True)
    return [name for name in ("Ana Muñoz", "Bruno Silva", "Carla Díaz", "Dmitri") if f">{name}</label>" in page]


@pytest.fixture
def people(forum, create_registration, organisation):
    """Four registrations: two awaiting approval, one confirmed and checked in, one on the waiting list."""
    return {
        "ana": create_registration(forum, "Ana Muñoz", organisation_id=organisation.id, dietary_needs="Vegetarian"),
        "bruno": create_registration(forum, "Bruno Silva", country_code="BR"),
        "carla": create_registration(
            forum,
            "Carla Díaz",
            status=Status.CONFIRMED,
            stakeholder=StakeholderGroup.COUNTRY_REPRESENTATIVES,
            checked_in_at=utcnow(),
            accessibility_needs="Step-free access",
        ),
        "dmitri": create_registration(forum, "Dmitri", status=Status.WAITING, country_code="RU"),
    }


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", ["Ana Muñoz", "Bruno Silva", "Carla Díaz", "Dmitri"]),
        ("?q=SILV", ["Bruno Silva"]),
        ("?q=%25", []),
        ("?country=br", ["Bruno Silva"]),
        ("?status=waiting", ["Dmitri"]),
        ("?needs=dietary", ["Ana Muñoz"]),
        ("?needs=accessibility", ["Carla Díaz"]),
        ("?needs=any", ["Ana Muñoz", "Carla Díaz"]),
        ("?checked_in=yes", ["Carla Díaz"]),
        ("?checked_in=no", ["Ana Muñoz", "Bruno Silva", "Dmitri"]),
        ("?country=CO&status=awaiting_approval", ["Ana Muñoz"]),
    ],
)
def test_the_list_shows_whom_the_filters_ask_for(desk_client, forum, people, query, expected):
    response = desk_client.get(f"/manage/{forum.slug}/desk/participants{query}")
    assert response.status_code == 200
    assert names_listed(response) == expected


def test_the_group_and_organisation_filters_use_their_ids(desk_client, forum, people, organisation):
    group_id = people["carla"].group_id
    assert names_listed(desk_client.get(f"/manage/{forum.slug}/desk/participants?group={group_id}")) == ["Carla Díaz"]
    by_organisation = desk_client.get(f"/manage/{forum.slug}/desk/participants?organisation={organisation.id}")
    assert names_listed(by_organisation) == ["Ana Muñoz"]


def test_the_counts_describe_the_list_shown(desk_client, forum, people):
    page = desk_client.get(f"/manage/{forum.slug}/desk/participants?country=CO").get_data(as_text=True)
    counts = page.split('class="desk-counts"', 1)[1].split("</dl>", 1)[0]
    assert "<dt>Shown</dt><dd>2</dd>" in counts
    assert "<dt>Awaiting approval</dt><dd>1</dd>" in counts
    assert "<dt>Confirmed</dt><dd>1</dd>" in counts
    assert "<dt>Checked in</dt><dd>1</dd>" in counts
    assert "Waiting" not in counts


def decide(client, forum, decision, *registrations, **filters):
    token = read_csrf_token(client, f"/manage/{forum.slug}/desk/participants")
    data = {
        "csrf_token": token,
        "decision": decision,
        "registration_ids": [str(r.id) for r in registrations],
        **filters,
    }
    return client.post(f"/manage/{forum.slug}/desk/participants/decide", data=data)


def statuses(*registrations):
    db.session.expire_all()
    return [db.session.get(Registration, registration.id).status for registration in registrations]


def test_the_secretariat_approves_in_bulk_and_comes_back_to_the_same_view(desk_client, forum, people, smtp_sink):
    response = decide(desk_client, forum, "approve", people["ana"], people["bruno"], country="CO", q="a")
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/manage/{forum.slug}/desk/participants?country=CO&q=a")
    assert statuses(people["ana"], people["bruno"]) == [Status.CONFIRMED, Status.CONFIRMED]
    page = desk_client.get(response.headers["Location"]).get_data(as_text=True)
    assert "2 registrations approved." in page
    assert {message["To"] for message in smtp_sink.messages} >= {people["ana"].email, people["bruno"].email}


def test_declining_asks_first_naming_each_person_then_declines(desk_client, forum, people, smtp_sink):
    page = decide(desk_client, forum, "decline", people["bruno"], people["dmitri"], country="BR").get_data(as_text=True)
    assert "Decline 2 registrations?" in page and "Bruno Silva" in page and "Dmitri" in page
    assert statuses(people["bruno"], people["dmitri"]) == [Status.AWAITING_APPROVAL, Status.WAITING]

    response = decide(desk_client, forum, "decline", people["bruno"], people["dmitri"], country="BR", confirmed="yes")

    assert response.headers["Location"].endswith("/desk/participants?country=BR")
    assert statuses(people["bruno"], people["dmitri"]) == [Status.DECLINED, Status.DECLINED]
    assert "2 registrations declined." in desk_client.get(response.headers["Location"]).get_data(as_text=True)


def test_declining_goes_through_registrations_rules(desk_client, forum, people, smtp_sink):
    response = decide(desk_client, forum, "decline", people["bruno"], people["carla"], confirmed="yes")
    page = desk_client.get(response.headers["Location"]).get_data(as_text=True)
    assert "cannot become" in page
    # Refused as a whole: nobody was declined, not even the one who could have been.
    assert statuses(people["bruno"], people["carla"]) == [Status.AWAITING_APPROVAL, Status.CONFIRMED]


def test_a_decision_over_a_list_that_changed_decides_nothing(desk_client, forum, people, create_registration):
    gone = create_registration(forum, "Eva")
    token = read_csrf_token(desk_client, f"/manage/{forum.slug}/desk/participants")
    db.session.delete(gone)
    db.session.commit()
    data = {"csrf_token": token, "decision": "approve", "registration_ids": [str(people["ana"].id), str(gone.id)]}
    response = desk_client.post(f"/manage/{forum.slug}/desk/participants/decide", data=data)
    page = desk_client.get(response.headers["Location"]).get_data(as_text=True)
    assert "The list has changed since you opened it." in page
    assert statuses(people["ana"]) == [Status.AWAITING_APPROVAL]


def test_nothing_ticked_is_said_and_changes_nothing(desk_client, forum, people):
    response = decide(desk_client, forum, "approve")
    assert "Tick the registrations to decide on first." in desk_client.get(response.headers["Location"]).get_data(
        as_text=True
    )
    assert statuses(people["ana"]) == [Status.AWAITING_APPROVAL]


def test_registrations_of_another_forum_cannot_be_decided_here(
    desk_client, forum, people, create_forum, create_registration
):
    other = create_forum()
    stranger = create_registration(other, "Stranger")
    response = decide(desk_client, forum, "approve", stranger)
    assert "Tick the registrations" in desk_client.get(response.headers["Location"]).get_data(as_text=True)
    assert statuses(stranger) == [Status.AWAITING_APPROVAL]


def test_the_xlsx_export_has_a_header_filters_and_the_filtered_rows(desk_client, forum, people, organisation):
    response = desk_client.get(f"/manage/{forum.slug}/desk/participants.xlsx?country=CO")
    assert response.status_code == 200
    assert response.headers["Content-Disposition"] == f'attachment; filename="{forum.slug}-participants.xlsx"'
    sheet = load_workbook(io.BytesIO(response.data)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:6] == ("Name", "Title", "E-mail", "Organisation", "Country", "Stakeholder group")
    assert [row[0] for row in rows[1:]] == ["Ana Muñoz", "Carla Díaz"]
    assert rows[1][3] == str(organisation) and rows[1][4] == "Colombia" and rows[1][8] == "Awaiting approval"
    assert rows[1][10] == "Vegetarian"
    assert sheet.auto_filter.ref == "A1:M3"
    assert sheet.freeze_panes == "A2"


def test_the_csv_export_neutralises_formulas(desk_client, forum, create_registration):
    create_registration(forum, '=HYPERLINK("http://evil.example","click")', dietary_needs="+1 vegan")
    response = desk_client.get(f"/manage/{forum.slug}/desk/participants.csv")
    assert response.headers["Content-Type"].startswith("text/csv")
    text = response.data.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][0] == "Name"
    assert rows[1][0] == '\'=HYPERLINK("http://evil.example","click")'
    assert rows[1][10] == "'+1 vegan"


def test_the_xlsx_export_neutralises_formulas_too(desk_client, forum, create_registration):
    create_registration(forum, "@SUM(A1:A9)")
    sheet = load_workbook(io.BytesIO(desk_client.get(f"/manage/{forum.slug}/desk/participants.xlsx").data)).active
    assert sheet["A2"].value == "'@SUM(A1:A9)"
    assert sheet["A2"].data_type == "s"


def test_an_export_of_an_empty_filter_says_so_and_keeps_the_filter(desk_client, forum, people):
    response = desk_client.get(f"/manage/{forum.slug}/desk/participants.xlsx?country=JP")
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/desk/participants?country=JP")
    page = desk_client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Nothing to export: no participant matches these filters." in page


def test_the_list_reads_in_spanish(desk_client, forum, people):
    response = desk_client.get(f"/manage/{forum.slug}/desk/participants", headers={"Accept-Language": "es"})
    page = response.get_data(as_text=True)
    assert "Mesa de participantes" in page
