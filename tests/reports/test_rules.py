"""The report's field lists and the form's rows of recommendations, pinned without an app."""

from workshop.reports.rules import (
    BLANK_RECOMMENDATION_ROWS,
    HEADER_FIELDS,
    MARKDOWN_SECTIONS,
    MAX_RECOMMENDATIONS,
    REVISED_FIELDS,
    presenter_line,
    recommendation_rows,
)


def test_the_sections_follow_the_seed_report():
    assert MARKDOWN_SECTIONS == ("summary", "questions", "outcomes", "new_perspectives", "lessons_learned")
    assert REVISED_FIELDS[: len(HEADER_FIELDS)] == HEADER_FIELDS
    assert REVISED_FIELDS[-1] == "recommendations_intro"


def test_a_presenter_line_skips_what_is_unknown():
    assert presenter_line("Stanley Kao", "Director General", "", "Taiwan") == "Stanley Kao, Director General, Taiwan"
    assert presenter_line("Ana", "", "", "") == "Ana"


def test_the_form_offers_blank_rows_below_the_written_ones_within_the_limit():
    assert recommendation_rows(0) == BLANK_RECOMMENDATION_ROWS
    assert recommendation_rows(5) == 5 + BLANK_RECOMMENDATION_ROWS
    assert recommendation_rows(MAX_RECOMMENDATIONS - BLANK_RECOMMENDATION_ROWS) == MAX_RECOMMENDATIONS
    assert recommendation_rows(MAX_RECOMMENDATIONS - 1) == MAX_RECOMMENDATIONS
