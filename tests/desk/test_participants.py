"""The secretariat's participant list: filters, counts, decisions in bulk, and exports that open safely."""

import csv
import io
import re
from types import SimpleNamespace
from urllib.parse import urlencode

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from tests.browser_forms import read_csrf_token
from tests.registration.conftest import run_together, stakeholder_group
from workshop.accounts.models import ForumRoleName
from workshop.core.audit import AuditEntry
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


def seen_list(client, forum, **filters):
    """Return what the list page carries back with a bulk action: its token, and the list it showed."""
    page = client.get(f"/manage/{forum.slug}/desk/participants?{urlencode(filters)}").get_data(as_text=True)
    hidden = dict(re.findall(r'<input type="hidden" name="(csrf_token|seen|seen_count)" value="([^"]*)"', page))
    assert hidden.keys() == {"csrf_token", "seen", "seen_count"}
    return hidden


def decide(client, forum, decision, *registrations, seen=None, confirmed=None, target_group=None, **filters):
    """Post a bulk action as the list page sends it, on the list it shows now unless `seen` says otherwise."""
    data = {
        **(seen or seen_list(client, forum, **filters)),
        "decision": decision,
        "registration_ids": [str(r.id) for r in registrations],
        **filters,
    }
    if confirmed:
        data["confirmed"] = confirmed
    if target_group is not None:
        data["target_group"] = str(target_group)
    return client.post(f"/manage/{forum.slug}/desk/participants/decide", data=data)


def statuses(*registrations):
    db.session.expire_all()
    return [db.session.get(Registration, registration.id).status for registration in registrations]


def test_the_secretariat_approves_in_bulk_and_comes_back_to_the_same_view(desk_client, forum, people, smtp_sink):
    response = decide(desk_client, forum, "approve", people["ana"], people["bruno"], status="awaiting_approval", q="a")
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/manage/{forum.slug}/desk/participants?status=awaiting_approval&q=a")
    assert statuses(people["ana"], people["bruno"]) == [Status.CONFIRMED, Status.CONFIRMED]
    page = desk_client.get(response.headers["Location"]).get_data(as_text=True)
    assert "2 registrations approved." in page
    assert {message["To"] for message in smtp_sink.messages} >= {people["ana"].email, people["bruno"].email}


def test_declining_asks_first_naming_each_person_then_declines(desk_client, forum, people, smtp_sink):
    page = decide(desk_client, forum, "decline", people["bruno"], people["dmitri"], q="i").get_data(as_text=True)
    assert "Decline 2 registrations?" in page and "Bruno Silva" in page and "Dmitri" in page
    assert statuses(people["bruno"], people["dmitri"]) == [Status.AWAITING_APPROVAL, Status.WAITING]

    response = decide(desk_client, forum, "decline", people["bruno"], people["dmitri"], q="i", confirmed="yes")

    assert response.headers["Location"].endswith("/desk/participants?q=i")
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


# --- Moving people between stakeholder groups, and bulk actions over a list that changed -------------


def group_of(*registrations):
    db.session.expire_all()
    return [db.session.get(Registration, registration.id).group.stakeholder for registration in registrations]


def test_the_secretariat_moves_the_ticked_to_another_group_and_it_is_audited(desk_client, forum, people):
    academia = stakeholder_group(forum, StakeholderGroup.SUBJECT_MATTER_EXPERTS)

    response = decide(desk_client, forum, "move", people["ana"], people["carla"], target_group=academia.id)

    assert response.status_code == 302
    assert group_of(people["ana"], people["carla"]) == [
        StakeholderGroup.SUBJECT_MATTER_EXPERTS,
        StakeholderGroup.SUBJECT_MATTER_EXPERTS,
    ]
    assert statuses(people["ana"], people["carla"]) == [Status.AWAITING_APPROVAL, Status.CONFIRMED]
    assert "2 registrations moved to" in desk_client.get(response.headers["Location"]).get_data(as_text=True)
    moved = db.session.scalars(select(AuditEntry).where(AuditEntry.action == "registration.moved")).all()
    assert sorted(entry.subject for entry in moved) == ["Ana Muñoz", "Carla Díaz"]


def test_one_person_is_moved_by_ticking_them_alone(desk_client, forum, people):
    academia = stakeholder_group(forum, StakeholderGroup.SUBJECT_MATTER_EXPERTS)

    decide(desk_client, forum, "move", people["bruno"], target_group=academia.id)

    assert group_of(people["ana"], people["bruno"]) == [
        StakeholderGroup.CIVIL_SOCIETY,
        StakeholderGroup.SUBJECT_MATTER_EXPERTS,
    ]


@pytest.mark.parametrize("target", ["", "0", "999999", "not-a-number"])
def test_a_move_without_a_group_of_this_forum_says_so_and_moves_nobody(desk_client, forum, people, target):
    response = decide(desk_client, forum, "move", people["ana"], target_group=target)

    page = desk_client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Choose the group to move the ticked people to." in page
    assert group_of(people["ana"]) == [StakeholderGroup.CIVIL_SOCIETY]


def test_a_group_of_another_forum_is_no_group_to_move_to(desk_client, forum, people, create_forum):
    elsewhere = stakeholder_group(create_forum(), StakeholderGroup.SUBJECT_MATTER_EXPERTS)

    response = decide(desk_client, forum, "move", people["ana"], target_group=elsewhere.id)

    assert "Choose the group to move the ticked people to." in desk_client.get(response.headers["Location"]).get_data(
        as_text=True
    )
    assert group_of(people["ana"]) == [StakeholderGroup.CIVIL_SOCIETY]


def test_confirmed_people_move_only_into_a_group_with_room_for_all_of_them(
    desk_client, forum, people, create_registration
):
    academia = stakeholder_group(forum, StakeholderGroup.SUBJECT_MATTER_EXPERTS)
    academia.quota = 1
    db.session.commit()
    other = create_registration(forum, "Eli Confirmed", status=Status.CONFIRMED)

    refused = decide(desk_client, forum, "move", people["carla"], other, target_group=academia.id)

    page = desk_client.get(refused.headers["Location"]).get_data(as_text=True)
    assert "has 1 places left for 2 confirmed people; nobody was moved." in page
    assert group_of(people["carla"], other) == [
        StakeholderGroup.COUNTRY_REPRESENTATIVES,
        StakeholderGroup.CIVIL_SOCIETY,
    ]

    decide(desk_client, forum, "move", people["carla"], people["ana"], target_group=academia.id)

    assert group_of(people["carla"], people["ana"]) == [
        StakeholderGroup.SUBJECT_MATTER_EXPERTS,
        StakeholderGroup.SUBJECT_MATTER_EXPERTS,
    ]


def test_a_place_left_by_a_moved_person_goes_to_the_first_waiting_for_it(desk_client, forum, people, smtp_sink):
    civil_society = stakeholder_group(forum, StakeholderGroup.CIVIL_SOCIETY)
    carla = people["carla"]
    carla.group_id, civil_society.quota = civil_society.id, 1
    db.session.commit()

    decide(
        desk_client,
        forum,
        "move",
        carla,
        target_group=stakeholder_group(forum, StakeholderGroup.SUBJECT_MATTER_EXPERTS).id,
    )

    assert statuses(people["dmitri"]) == [Status.CONFIRMED]


def test_a_bulk_action_over_a_list_someone_registered_into_meanwhile_does_nothing(
    desk_client, forum, people, create_registration
):
    seen = seen_list(desk_client, forum, status="awaiting_approval")
    create_registration(forum, "Newcomer")

    response = decide(desk_client, forum, "approve", people["ana"], seen=seen, status="awaiting_approval")

    page = desk_client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Someone registered, withdrew or was changed meanwhile (3 listed now, 2 then): nothing was done." in page
    assert statuses(people["ana"]) == [Status.AWAITING_APPROVAL]


def test_a_bulk_action_over_a_list_where_someone_was_changed_meanwhile_does_nothing(desk_client, forum, people):
    seen = seen_list(desk_client, forum)
    people["bruno"].status = Status.DECLINED
    db.session.commit()

    response = decide(desk_client, forum, "move", people["ana"], seen=seen, target_group=people["carla"].group_id)

    page = desk_client.get(response.headers["Location"]).get_data(as_text=True)
    assert "(4 listed now, 4 then): nothing was done." in page
    assert group_of(people["ana"]) == [StakeholderGroup.CIVIL_SOCIETY]


def test_a_change_outside_the_filtered_list_does_not_make_it_stale(desk_client, forum, people, create_registration):
    seen = seen_list(desk_client, forum, country="CO", status="awaiting_approval")
    create_registration(forum, "Somewhere else", country_code="PE")

    decide(desk_client, forum, "approve", people["ana"], seen=seen, country="CO", status="awaiting_approval")

    assert statuses(people["ana"]) == [Status.CONFIRMED]


def test_a_bulk_action_that_does_not_say_what_list_it_saw_does_nothing(desk_client, forum, people):
    token = read_csrf_token(desk_client, f"/manage/{forum.slug}/desk/participants")

    response = desk_client.post(
        f"/manage/{forum.slug}/desk/participants/decide",
        data={"csrf_token": token, "decision": "approve", "registration_ids": [str(people["ana"].id)]},
    )

    assert "The list has changed since you opened it." in desk_client.get(response.headers["Location"]).get_data(
        as_text=True
    )
    assert statuses(people["ana"]) == [Status.AWAITING_APPROVAL]


def test_ticking_someone_the_list_did_not_show_does_nothing(desk_client, forum, people):
    response = decide(desk_client, forum, "approve", people["ana"], people["bruno"], country="CO")

    assert "The list has changed since you opened it." in desk_client.get(response.headers["Location"]).get_data(
        as_text=True
    )
    assert statuses(people["ana"], people["bruno"]) == [Status.AWAITING_APPROVAL, Status.AWAITING_APPROVAL]


def test_the_decline_confirmation_carries_the_list_seen(desk_client, forum, people, create_registration, smtp_sink):
    asked = decide(desk_client, forum, "decline", people["bruno"]).get_data(as_text=True)
    carried = dict(re.findall(r'<input type="hidden" name="(seen|seen_count)" value="([^"]*)"', asked))
    create_registration(forum, "Newcomer")

    response = decide(
        desk_client,
        forum,
        "decline",
        people["bruno"],
        seen={"csrf_token": read_csrf_token(desk_client, f"/manage/{forum.slug}/desk/participants"), **carried},
        confirmed="yes",
    )

    assert "(5 listed now, 4 then)" in desk_client.get(response.headers["Location"]).get_data(as_text=True)
    assert statuses(people["bruno"]) == [Status.AWAITING_APPROVAL]


@pytest.fixture
def two_desks(app, forum, create_user, sign_in):
    """Two secretariat members, each signed in on their own client."""
    clients = [app.test_client() for _ in range(2)]
    for client in clients:
        sign_in(client, create_user(roles={forum: [ForumRoleName.SECRETARIAT]}))
    return clients


def test_two_desks_moving_people_into_the_last_place_at_once_move_one(forum, people, create_registration, two_desks):
    academia = stakeholder_group(forum, StakeholderGroup.SUBJECT_MATTER_EXPERTS)
    academia.quota = 1
    db.session.commit()
    movers = [people["carla"], create_registration(forum, "Eli Confirmed", status=Status.CONFIRMED)]
    seen = [seen_list(client, forum) for client in two_desks]
    # The threads have no application context: they post the ids and address read beforehand, not rows.
    ticked, target, place = (
        [SimpleNamespace(id=mover.id) for mover in movers],
        academia.id,
        SimpleNamespace(slug=forum.slug),
    )

    def move(number):
        return decide(two_desks[number], place, "move", ticked[number], seen=seen[number], target_group=target)

    run_together(2, move)

    assert group_of(*movers).count(StakeholderGroup.SUBJECT_MATTER_EXPERTS) == 1


def test_two_desks_approving_the_same_person_at_once_approve_once(forum, people, two_desks, smtp_sink):
    seen = [seen_list(client, forum) for client in two_desks]
    ana, place = SimpleNamespace(id=people["ana"].id), SimpleNamespace(slug=forum.slug)

    def approve(number):
        return decide(two_desks[number], place, "approve", ana, seen=seen[number])

    run_together(2, approve)

    assert statuses(people["ana"]) == [Status.CONFIRMED]
    approved = db.session.scalars(select(AuditEntry).where(AuditEntry.action == "registration.approved")).all()
    assert len(approved) == 1
