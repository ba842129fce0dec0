"""The dashboard's series and chart shapes, without an app."""

from datetime import date

import pytest

from workshop.desk import charts
from workshop.desk.charts import DayCount, TopCounts

MONDAY, TUESDAY, WEDNESDAY, THURSDAY = (date(2011, 9, day) for day in (5, 6, 7, 8))


def test_daily_totals_run_every_day_from_the_first_registration_to_the_last_in_order():
    series = charts.daily_totals([THURSDAY, MONDAY, MONDAY, WEDNESDAY])

    assert series == (
        DayCount(MONDAY, 2, 2),
        DayCount(TUESDAY, 0, 2),
        DayCount(WEDNESDAY, 1, 3),
        DayCount(THURSDAY, 1, 4),
    )


def test_daily_totals_of_one_day_and_of_none():
    assert charts.daily_totals([TUESDAY]) == (DayCount(TUESDAY, 1, 1),)
    assert charts.daily_totals([]) == ()


def test_a_tally_names_every_value_asked_for_in_that_order_zeros_included_and_ignores_others():
    assert charts.tally(["b", "a", "b", "x"], ["b", "c", "a"]) == (("b", 2), ("c", 0), ("a", 1))
    assert charts.tally([], ["a"]) == (("a", 0),)
    assert charts.tally([None, None, "a"], ["a", None]) == (("a", 1), (None, 2))


def test_the_top_counts_rank_by_count_then_by_value_and_sum_the_rest():
    values = ["CO"] * 3 + ["BR"] * 2 + ["AR"] * 2 + ["PE"]

    assert charts.top_counts(values, limit=2) == TopCounts(top=(("CO", 3), ("AR", 2)), others=3)
    assert charts.top_counts(values, limit=4) == TopCounts(top=(("CO", 3), ("AR", 2), ("BR", 2), ("PE", 1)), others=0)
    assert charts.top_counts([], limit=3) == TopCounts(top=(), others=0)


def test_the_top_counts_keep_ten_countries_by_default():
    values = [f"C{index:02}" for index in range(12)]

    found = charts.top_counts(values)

    assert len(found.top) == charts.TOP_COUNTRIES == 10
    assert found.others == 2


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("3 Regional platforms", "3 Regional platforms"),
        ("x" * 48, "x" * 48),
        ("x" * 49, "x" * 47 + "…"),
        ("x" * 46 + "   y", "x" * 46 + "…"),
    ],
)
def test_a_bar_s_label_is_cut_to_fit_the_drawing(text, label):
    assert charts.bar_label(text) == label
    assert charts.bar_chart([(text, 1)]).bars[0].label == label
    assert charts.LABEL_LENGTH == 48


def test_bars_fill_the_width_in_proportion_to_the_largest_one_row_each():
    chart = charts.bar_chart([("Confirmed", 10), ("Waiting", 5), ("Declined", 0)])

    plot_width = charts.CHART_WIDTH - charts.NUMBER_ROOM
    row = charts.LABEL_HEIGHT + charts.BAR_HEIGHT + charts.ROW_GAP
    assert [bar.width for bar in chart.bars] == [plot_width, plot_width / 2, 0]
    assert [bar.bar_y for bar in chart.bars] == [
        charts.LABEL_HEIGHT,
        charts.LABEL_HEIGHT + row,
        charts.LABEL_HEIGHT + 2 * row,
    ]
    assert [bar.label_y for bar in chart.bars] == [bar.bar_y - 4 for bar in chart.bars]
    assert [(bar.label, bar.value) for bar in chart.bars] == [("Confirmed", 10), ("Waiting", 5), ("Declined", 0)]
    assert (chart.width, chart.height) == (charts.CHART_WIDTH, 3 * row - charts.ROW_GAP)


def test_bars_that_are_all_zero_or_none_have_no_width():
    assert [bar.width for bar in charts.bar_chart([("A", 0), ("B", 0)]).bars] == [0, 0]
    assert charts.bar_chart([]) == charts.BarChart(bars=(), width=charts.CHART_WIDTH, height=0)


def test_a_line_runs_from_the_left_edge_to_the_right_the_highest_value_at_the_top():
    pad = charts.LINE_PADDING
    line = charts.line_chart([0, 5, 10])

    assert line.points == (
        (pad, charts.LINE_HEIGHT - pad),
        (charts.CHART_WIDTH / 2, (charts.LINE_HEIGHT) / 2),
        (charts.CHART_WIDTH - pad, pad),
    )
    assert (line.top, line.baseline) == (10, charts.LINE_HEIGHT - pad)
    assert line.polyline == "8.0,152.0 200.0,80.0 392.0,8.0"
    assert line.area == "8.0,152 8.0,152.0 200.0,80.0 392.0,8.0 392.0,152"


def test_a_single_value_sits_in_the_middle_and_zeros_lie_on_the_baseline():
    single, flat = charts.line_chart([7]), charts.line_chart([0, 0])

    assert single.points == ((charts.CHART_WIDTH / 2, charts.LINE_PADDING),)
    assert [y for _x, y in flat.points] == [flat.baseline, flat.baseline]
    assert charts.line_chart([]).area == ""
