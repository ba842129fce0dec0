"""The desk's pure rules: reading filters, exported cells, and the order of the List of Participants."""

import pytest

from workshop.desk import rules
from workshop.desk.rules import (
    BAND_COLOURS,
    NOT_STATED,
    OTHER_BAND,
    SIGNATURE_LENGTH,
    AttendanceFigures,
    Attendee,
    BadgeCode,
    BadgeLayout,
    CheckedIn,
    ListedPerson,
    Needs,
    ParticipantFilter,
    arrange_official_list,
    as_query_args,
    attendance_figures,
    badge_code,
    band_colours,
    is_genuine,
    public_breakdown,
    public_count,
    public_figures,
    read_badge_code,
    read_badge_layout,
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


@pytest.mark.parametrize(
    ("text", "layout"),
    [
        ("a6", BadgeLayout.A6),
        ("a4", BadgeLayout.FOUR_ON_A4),
        (None, BadgeLayout.A6),
        ("A4", BadgeLayout.A6),
        ("x", BadgeLayout.A6),
    ],
)
def test_the_badge_layout_is_one_per_a6_page_unless_four_on_a4_is_asked_for(text, layout):
    assert read_badge_layout(text) is layout


def test_each_stakeholder_group_has_its_band_and_any_other_group_the_neutral_one():
    assert band_colours("civil_society") == ("#f2b705", "#111111")
    assert band_colours("country_representatives") == BAND_COLOURS["country_representatives"]
    assert band_colours(None) == OTHER_BAND
    assert band_colours("a working group") == OTHER_BAND
    assert OTHER_BAND not in BAND_COLOURS.values()


GENDERS = ["woman", "man", "another", "undisclosed"]
GROUPS = ["Country representatives", "Civil society organisations"]


def test_attendance_is_counted_by_gender_and_group_every_key_named_in_its_order():
    came = [
        Attendee("man", "Civil society organisations"),
        Attendee("woman", "Country representatives"),
        Attendee("woman", "Civil society organisations"),
    ]

    figures = attendance_figures(came, GENDERS, GROUPS)

    assert figures == AttendanceFigures(
        total=3,
        by_gender=(("woman", 2), ("man", 1), ("another", 0), ("undisclosed", 0)),
        by_group=(("Country representatives", 1), ("Civil society organisations", 2)),
    )


def test_people_without_a_known_gender_or_group_are_counted_as_not_stated_last():
    came = [Attendee(NOT_STATED, "A group gone since"), Attendee("unknown", NOT_STATED), Attendee("man", GROUPS[0])]

    figures = attendance_figures(came, ["man"], GROUPS)

    assert figures.by_gender == (("man", 1), (NOT_STATED, 2))
    assert figures.by_group == ((GROUPS[0], 1), (GROUPS[1], 0), (NOT_STATED, 2))
    assert sum(count for _key, count in figures.by_group) == figures.total == 3


def test_nobody_came_is_zero_everywhere_with_no_not_stated_row():
    figures = attendance_figures(iter(()), ["woman", NOT_STATED, "woman"], GROUPS)
    assert figures == AttendanceFigures(0, (("woman", 0),), ((GROUPS[0], 0), (GROUPS[1], 0)))


@pytest.mark.parametrize(("count", "shown"), [(0, None), (1, None), (4, None), (5, 5), (6, 6), (120, 120)])
def test_a_count_under_five_is_withheld_from_public_outputs(count, shown):
    assert public_count(count) == shown


def test_public_figures_withhold_each_small_count_and_keep_the_others_in_order():
    figures = AttendanceFigures(
        15, (("woman", 5), ("man", 4), ("another", 0), ("undisclosed", 6)), ((GROUPS[0], 9), (GROUPS[1], 6))
    )

    assert public_figures(figures) == AttendanceFigures(
        15, (("woman", 5), ("man", None), ("another", None), ("undisclosed", 6)), ((GROUPS[0], 9), (GROUPS[1], 6))
    )
    assert public_figures(AttendanceFigures(4, (), ())).total is None


def test_a_lone_withheld_count_takes_the_smallest_shown_one_with_it():
    rows = (("a", 7), ("b", 3), ("c", 5), ("d", 5), ("e", 6))
    assert public_breakdown(rows) == (("a", 7), ("b", None), ("c", None), ("d", 5), ("e", 6))


def test_a_lone_withheld_zero_or_several_withheld_counts_stand_as_they_are():
    assert public_breakdown((("a", 7), ("b", 0), ("c", 5))) == (("a", 7), ("b", None), ("c", 5))
    assert public_breakdown((("a", 7), ("b", 1), ("c", 2))) == (("a", 7), ("b", None), ("c", None))
    assert public_breakdown((("a", 3),)) == (("a", None),)
    assert public_breakdown(()) == ()


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
