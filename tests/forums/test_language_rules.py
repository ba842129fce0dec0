"""The pure rules of a forum's working languages and a session's interpretation, without an app."""

from workshop.forums.rules import (
    interpretation_pairs,
    interpretation_within,
    joined_interpretation,
    joined_languages,
    language_codes,
    languages_in_order,
    possible_interpretations,
)


def test_the_first_language_comes_first_and_each_language_once():
    assert languages_in_order("fr", ["en", "fr", "es", "en"]) == ("fr", "en", "es")


def test_without_a_first_language_the_others_keep_their_order():
    assert languages_in_order("", ["es", "en"]) == ("es", "en")
    assert languages_in_order("", None) == ()
    assert languages_in_order("es", ["", "en"]) == ("es", "en"), "an empty choice is no language"


def test_languages_are_stored_in_order_and_read_back():
    assert joined_languages(("es", "en")) == "es,en"
    assert language_codes("es,en") == ["es", "en"]
    assert language_codes("") == [] and language_codes(None) == []
    assert language_codes("es,,en") == ["es", "en"]


def test_every_pair_of_two_different_languages_may_be_interpreted_in_the_forums_order():
    assert possible_interpretations(["en", "es", "fr"]) == [
        ("en", "es"),
        ("en", "fr"),
        ("es", "en"),
        ("es", "fr"),
        ("fr", "en"),
        ("fr", "es"),
    ]
    assert possible_interpretations(["es"]) == [] and possible_interpretations([]) == []


def test_interpretation_is_stored_source_first_and_read_back():
    assert joined_interpretation([("en", "es"), ("es", "en")]) == "en>es,es>en"
    assert interpretation_pairs("en>es,es>en") == [("en", "es"), ("es", "en")]
    assert interpretation_pairs("") == []


def test_a_pair_is_read_at_its_first_arrow_so_a_damaged_one_is_dropped_not_fatal():
    assert interpretation_pairs("en>es>fr,es>en") == [("en", "es>fr"), ("es", "en")]
    assert interpretation_within("en>es>fr,es>en", ["en", "es", "fr"]) == "es>en"


def test_interpretation_keeps_the_pairs_between_languages_still_worked_in_in_their_order():
    assert interpretation_within("fr>en,en>es,es>en,en>fr", ["es", "en"]) == "en>es,es>en"


def test_a_pair_loses_its_place_when_either_of_its_languages_is_dropped():
    assert interpretation_within("fr>en", ["en"]) == ""
    assert interpretation_within("en>fr", ["en"]) == ""
    assert interpretation_within("en>fr,fr>en", ["en", "fr", "es"]) == "en>fr,fr>en"


def test_no_interpretation_stays_none_whatever_the_languages():
    assert interpretation_within("", ["en", "es"]) == ""
    assert interpretation_within("en>es", []) == ""
