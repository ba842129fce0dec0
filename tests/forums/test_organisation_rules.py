"""The directory's rules, without an app: one entry per organisation, however its name is typed."""

import pytest

from workshop.forums.rules import (
    NEAR_NAME_SCORE,
    KnownOrganisation,
    RepeatedOrganisation,
    matches_organisation,
    organisation_key,
    repeated_organisation,
)

ABC = KnownOrganisation(1, "Agência Brasileira de Cooperação", "ABC")
ECLAC = KnownOrganisation(2, "Economic Commission for Latin America and the Caribbean", "ECLAC")
TASK_TEAM = KnownOrganisation(3, "Task Team", "")
KNOWN = [ABC, ECLAC, TASK_TEAM]


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Agência Brasileira de Cooperação", "agencia brasileira de cooperacao"),
        ("  Task   Team\t", "task team"),
        ("TT-SSC", "tt ssc"),
        ("SU/SSC", "su ssc"),
        ("United Nations Children’s Fund", "united nations children s fund"),
        ("", ""),
        (None, ""),
    ],
)
def test_a_key_forgets_accents_case_punctuation_and_spacing(text, key):
    assert organisation_key(text) == key


@pytest.mark.parametrize(
    ("name", "acronym", "expected"),
    [
        ("agencia brasileira de cooperacao", "", RepeatedOrganisation(ABC, "name")),
        ("  AGÊNCIA  Brasileira de Cooperação ", "XYZ", RepeatedOrganisation(ABC, "name")),
        ("Another name", "abc", RepeatedOrganisation(ABC, "acronym")),
        ("eclac", "", RepeatedOrganisation(ECLAC, "name")),
        ("New body", "Economic Commission for Latin America and the Caribbean", RepeatedOrganisation(ECLAC, "acronym")),
        ("Task-Team", "", RepeatedOrganisation(TASK_TEAM, "name")),
        (
            "Economic Commission of Latin America and the Caribbean",
            "CEPAL",
            RepeatedOrganisation(ECLAC, "name", near=True),
        ),
        ("Agencia Brasileira de Cooperacão.", "", RepeatedOrganisation(ABC, "name")),
        ("Task Teams", "", RepeatedOrganisation(TASK_TEAM, "name", near=True)),
        ("New body", "", None),
        ("New body", "NB", None),
        ("Economic Commission for Africa", "ECA", None),
        ("", "", None),
    ],
)
def test_a_new_organisation_that_repeats_a_listed_one_is_caught(name, acronym, expected):
    assert repeated_organisation(name, acronym, KNOWN) == expected


def test_an_exact_repeat_wins_over_a_near_one_listed_before_it():
    near_first = [KnownOrganisation(7, "Task Teams", ""), TASK_TEAM]

    assert repeated_organisation("Task Team", "", near_first) == RepeatedOrganisation(TASK_TEAM, "name")


def test_the_nearest_name_is_the_one_named():
    close, closer = KnownOrganisation(8, "Ministry of Planning", ""), KnownOrganisation(9, "Ministry of Plannings", "")

    assert repeated_organisation("Ministry of Plannin", "", [close, closer]).organisation == close
    assert repeated_organisation("Ministry of Planningss", "", [close, closer]).organisation == closer


def test_of_two_names_equally_near_the_first_listed_is_named():
    first, second = KnownOrganisation(10, "Ministry of Plannink", ""), KnownOrganisation(11, "Ministry of Planninx", "")

    assert repeated_organisation("Ministry of Planning", "", [first, second]) == RepeatedOrganisation(
        first, "name", near=True
    )
    assert repeated_organisation("Ministry of Planning", "", [second, first]) == RepeatedOrganisation(
        second, "name", near=True
    )


def test_an_empty_directory_holds_no_repeat():
    assert repeated_organisation("Task Team", "TT", []) is None


def test_the_organisation_being_edited_does_not_repeat_itself():
    assert repeated_organisation(ECLAC.name, "ECLAC", KNOWN, ignored_id=ECLAC.id) is None
    assert repeated_organisation(ECLAC.name, "ABC", KNOWN, ignored_id=ECLAC.id) == RepeatedOrganisation(ABC, "acronym")


def test_an_organisation_without_an_acronym_is_not_matched_by_an_empty_one():
    assert repeated_organisation("Something", "", [KnownOrganisation(4, "Other", "")]) is None
    assert repeated_organisation("", "", [KnownOrganisation(4, "", "")]) is None


def test_ministries_of_two_countries_are_two_organisations():
    colombia = KnownOrganisation(5, "Ministry of Foreign Affairs of Colombia", "")

    assert repeated_organisation("Ministry of Foreign Affairs of Chile", "", [colombia]) is None


@pytest.mark.parametrize(("score_below", "caught"), [(False, True), (True, False)])
def test_a_near_name_is_caught_from_the_threshold_on(score_below, caught):
    # "abcdefghij…" against itself with k characters changed: ratio = 100 * (1 - k / length).
    length = 100
    changed = 100 - NEAR_NAME_SCORE + (1 if score_below else 0)
    listed = KnownOrganisation(6, "a" * length, "")
    typed = "b" * changed + "a" * (length - changed)

    assert (repeated_organisation(typed, "", [listed]) is not None) == caught


@pytest.mark.parametrize(
    ("search", "found"),
    [("", True), ("cepal", False), ("eclac", True), ("latin  AMERICA", True), ("caribbéan", True), ("africa", False)],
)
def test_a_directory_search_reads_name_and_acronym_in_any_case_or_accent(search, found):
    assert matches_organisation(search, ECLAC.name, ECLAC.acronym) is found
