"""The comparison of two versions' texts, sentence by sentence, as plain functions."""

import pytest
from rapidfuzz.distance import Opcode

from workshop.documents.textdiff import (
    MAX_COMPARED_SENTENCES,
    DiffLine,
    TooLongToCompare,
    _merge_adjacent_changes,
    compare_texts,
    count_changes,
    split_sentences,
)


def pairs(lines):
    return [(line.kind, line.text) for line in lines]


def test_split_sentences_ignores_line_wrapping():
    assert split_sentences("One sentence\nwrapped here. Two!\n\nThree") == [
        "One sentence wrapped here.",
        "Two!",
        "Three",
    ]


def test_compare_texts_shows_added_and_removed_sentences_with_context():
    old = "Intro. Trust matters. Equity matters. Mutual benefit. End."
    new = "Intro. Trust matters. Equity and trust matter. Mutual benefit. End."
    lines = compare_texts(old, new, context=1)
    assert [(line.kind, line.text) for line in lines] == [
        ("same", "Trust matters."),
        ("removed", "Equity matters."),
        ("added", "Equity and trust matter."),
        ("same", "Mutual benefit."),
    ]
    assert count_changes(lines) == (1, 1)


def test_compare_identical_texts_is_empty():
    assert compare_texts("Same. Text.", "Same.  Text.") == []


def test_a_word_hyphenated_across_lines_is_joined():
    assert split_sentences("A long-\nterm plan. Next.") == ["A long-term plan.", "Next."]


def test_no_text_has_no_sentences():
    assert split_sentences(None) == []
    assert split_sentences("") == []


def test_a_completely_rewritten_text_shows_every_sentence_replaced():
    assert pairs(compare_texts("Old opening. Old ending.", "New opening.")) == [
        ("removed", "Old opening."),
        ("removed", "Old ending."),
        ("added", "New opening."),
    ]


def test_a_text_that_only_grows_shows_what_was_added():
    assert pairs(compare_texts("Trust matters.", "Trust matters. Equity matters.")) == [
        ("same", "Trust matters."),
        ("added", "Equity matters."),
    ]


def test_a_text_that_only_shrinks_shows_what_was_removed():
    assert pairs(compare_texts("Trust matters. Equity matters.", "Trust matters.")) == [
        ("same", "Trust matters."),
        ("removed", "Equity matters."),
    ]


def test_distant_changes_are_separated_by_an_empty_gap():
    old = " ".join(f"Sentence {n}." for n in range(20))
    new = old.replace("Sentence 2.", "Changed 2.").replace("Sentence 17.", "Changed 17.")
    assert compare_texts(old, new, context=1) == [
        DiffLine("same", "Sentence 1."),
        DiffLine("removed", "Sentence 2."),
        DiffLine("added", "Changed 2."),
        DiffLine("same", "Sentence 3."),
        DiffLine("gap", ""),
        DiffLine("same", "Sentence 16."),
        DiffLine("removed", "Sentence 17."),
        DiffLine("added", "Changed 17."),
        DiffLine("same", "Sentence 18."),
    ]


def test_a_long_text_of_recurring_sentences_shows_only_the_sentence_added():
    # Minutes repeat "Agreed." hundreds of times; a matcher that ignores frequent sentences would
    # report the whole text as rewritten.
    old = "Agreed. " * 300
    assert pairs(compare_texts(old, "Opening. " + old, context=0)) == [("added", "Opening.")]
    assert pairs(compare_texts(old, old + "Adjourned.", context=0)) == [("added", "Adjourned.")]


def sentences(count, word="Sentence"):
    return " ".join(f"{word} {n}." for n in range(count))


def test_a_text_of_exactly_the_most_sentences_compared_is_compared():
    shorter = sentences(MAX_COMPARED_SENTENCES - 1)
    longest = shorter + " Adjourned."
    assert pairs(compare_texts(shorter, longest, context=0)) == [("added", "Adjourned.")]
    assert pairs(compare_texts(longest, shorter, context=0)) == [("removed", "Adjourned.")]


def test_a_text_one_sentence_over_the_most_compared_is_refused_on_either_side_saying_how_long_it_is():
    too_long = sentences(MAX_COMPARED_SENTENCES + 1)
    for old, new in ((too_long, "Short."), ("Short.", too_long)):
        with pytest.raises(TooLongToCompare) as refusal:
            compare_texts(old, new)
        assert refusal.value.args == (MAX_COMPARED_SENTENCES + 1,)


def test_a_deletion_reported_before_an_insertion_is_one_change_showing_what_was_removed_first():
    # RapidFuzz reports an insertion before the deletion it replaces; another order must read the same.
    matched = [
        Opcode("equal", 0, 1, 0, 1),
        Opcode("delete", 1, 2, 1, 1),
        Opcode("insert", 2, 2, 1, 2),
        Opcode("equal", 2, 3, 2, 3),
    ]
    assert _merge_adjacent_changes(matched) == [
        ("equal", 0, 1, 0, 1),
        ("replace", 1, 2, 1, 2),
        ("equal", 2, 3, 2, 3),
    ]
