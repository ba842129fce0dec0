"""The desk's pure rules: reading filters, exported cells, and the order of the List of Participants."""

import pytest

from workshop.desk import rules
from workshop.desk.rules import (
    SIGNATURE_LENGTH,
    BadgeCode,
    CheckedIn,
    ListedPerson,
    Needs,
    ParticipantFilter,
    arrange_official_list,
    as_query_args,
    badge_code,
    is_genuine,
    read_badge_code,
    read_filter,
    spreadsheet_cell,
)

STATUSES = {"confirmed", "waiting"}


def test_a_query_string_becomes_a_typed_filter_and_back():
    args = {
        "group": "7",
        "organisation": "12",
        "country": " co ",
        "status": "confirmed",
        "needs": "dietary",
        "checked_in": "no",
        "q": "  Ana   María ",
    }
    chosen = read_filter(args, STATUSES)
    assert chosen == ParticipantFilter(
        group_id=7,
        organisation_id=12,
        country_code="CO",
        status="confirmed",
        needs=Needs.DIETARY,
        checked_in=CheckedIn.NO,
        search="Ana María",
    )
    assert read_filter(as_query_args(chosen), STATUSES) == chosen
    assert not chosen.is_empty


@pytest.mark.parametrize(
    "args",
    [
        {"group": "x"},
        {"group": "-3"},
        {"group": "0"},
        {"group": "1234567890123"},
        {"organisation": "1.5"},
        {"country": "C"},
        {"country": "COL"},
        {"country": "C1"},
        {"status": "erased"},
        {"needs": "wheelchair"},
        {"checked_in": "maybe"},
        {"q": "   "},
        {},
    ],
)
def test_values_that_are_not_valid_ones_are_no_filter(args):
    chosen = read_filter(args, STATUSES)
    assert chosen.is_empty
    assert as_query_args(chosen) == {}


def test_the_boundaries_of_ids_and_search_are_kept():
    assert read_filter({"group": "1"}, STATUSES).group_id == 1
    assert read_filter({"group": "123456789012"}, STATUSES).group_id == 123456789012
    assert read_filter({"q": "a" * 150}, STATUSES).search == "a" * 100


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r", "\n"])
def test_a_cell_that_would_start_a_formula_is_shown_as_written(start):
    assert spreadsheet_cell(f"{start}HYPERLINK(1)") == f"'{start}HYPERLINK(1)"


@pytest.mark.parametrize(("value", "cell"), [("Ana", "Ana"), ("", ""), (None, ""), (42, "42"), ("a=b", "a=b")])
def test_ordinary_cells_are_left_alone(value, cell):
    assert spreadsheet_cell(value) == cell


def person(name, country="Colombia", group="Civil society", position=3, organisation=""):
    return ListedPerson(
        group_position=position, group=group, country=country, name=name, title="", organisation=organisation
    )


def test_the_official_list_goes_by_group_order_then_country_then_name():
    people = [
        person("Zoe", "Colombia"),
        person("ana", "Colombia"),
        person("Bruno", "Brazil"),
        person("Carla", "Ecuador", group="Country representatives", position=0),
        person("Abel", "Argentina", group="Technical Secretariat", position=5),
    ]
    listing = arrange_official_list(people)
    assert [group.group for group in listing] == ["Country representatives", "Civil society", "Technical Secretariat"]
    civil_society = listing[1]
    assert [country.country for country in civil_society.countries] == ["Brazil", "Colombia"]
    assert [p.name for p in civil_society.countries[1].people] == ["ana", "Zoe"]
    assert arrange_official_list([]) == ()


def test_a_badge_code_reads_back_forgiving_spaces_and_case():
    code = badge_code("secret", 3, 1234)
    number, signature = code.split("-")
    assert number == "1234" and len(signature) == SIGNATURE_LENGTH
    assert read_badge_code(f" {code.lower()[:6]} {code.lower()[6:]} ") == BadgeCode(1234, signature)
    assert is_genuine(read_badge_code(code), "secret", 3)


def test_a_badge_is_tied_to_its_forum_its_person_and_the_secret():
    code = read_badge_code(badge_code("secret", 3, 1234))
    assert not is_genuine(code, "secret", 4)
    assert not is_genuine(code, "other secret", 3)
    assert not is_genuine(BadgeCode(1235, code.signature), "secret", 3)
    assert badge_code("secret", 3, 1234) != badge_code("secret", 3, 1235)


@pytest.mark.parametrize(
    "text",
    [
        "",
        None,
        "1234",
        "1234-",
        "0-AAAAAAAAAA",
        "1234-AAAAAAAAA",
        "1234-AAAAAAAAAAA",
        "1234-AAAAAAAAA1",
        "x-AAAAAAAAAA",
    ],
)
def test_what_is_not_a_badge_code_reads_as_none(text):
    assert read_badge_code(text) is None


def test_the_longest_registration_number_is_read():
    assert read_badge_code("123456789012-AAAAAAAAAA") == BadgeCode(123456789012, "AAAAAAAAAA")
    assert read_badge_code("1234567890123-AAAAAAAAAA") is None


# --- A stale list -----------------------------------------------------------------------------

SHOWN = [(1, "confirmed", 10), (2, "awaiting_approval", 11), (3, "waiting", None)]


def test_a_list_s_fingerprint_ignores_the_order_it_is_shown_in():
    assert rules.list_fingerprint(SHOWN) == rules.list_fingerprint(list(reversed(SHOWN)))
    assert len(rules.list_fingerprint(SHOWN)) == rules.FINGERPRINT_LENGTH


@pytest.mark.parametrize(
    "changed",
    [
        [*SHOWN, (4, "awaiting_approval", 11)],
        SHOWN[:2],
        [(1, "declined", 10), *SHOWN[1:]],
        [(1, "confirmed", 11), *SHOWN[1:]],
        [*SHOWN[:2], (3, "waiting", 10)],
        [(5, "confirmed", 10), *SHOWN[1:]],
        [],
    ],
    ids=[
        "someone registered",
        "someone left",
        "a status changed",
        "a group changed",
        "a group given",
        "another person",
        "emptied",
    ],
)
def test_a_list_s_fingerprint_changes_with_who_is_in_it_their_status_and_group(changed):
    assert rules.list_fingerprint(changed) != rules.list_fingerprint(SHOWN)


def test_the_list_seen_is_read_back_from_the_form():
    seen = rules.read_seen_list(
        {"seen": "a" * 40, "seen_count": "12", "country": "co", "status": "confirmed"}, STATUSES
    )

    assert seen == rules.SeenList(
        rules.ParticipantFilter(country_code="CO", status="confirmed"), "a" * rules.FINGERPRINT_LENGTH, 12
    )


@pytest.mark.parametrize("count", ["", "-1", "x", "1234567890", None])
def test_a_list_seen_without_a_sensible_count_reads_as_none_seen(count):
    assert rules.read_seen_list({"seen_count": count}, STATUSES) == rules.SeenList(rules.ParticipantFilter(), "", 0)


def test_a_nine_digit_count_is_read():
    assert rules.read_seen_list({"seen_count": "123456789"}, STATUSES).count == 123456789
