"""The dashboard's series and the shapes of its charts, free of Flask and of the database.

The dashboard's queries hand plain values (days, statuses, countries…) to the series functions; the
chart functions turn a series into SVG coordinates that the template draws. Every chart is also
given as a table of its numbers, so nothing here needs JavaScript or sight.
"""

from collections import Counter
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

# The drawing's own units (the SVG viewBox): the page scales it to the width it has.
CHART_WIDTH = 400
# Room kept right of the longest bar for its number.
NUMBER_ROOM = 44
LABEL_HEIGHT = 18
BAR_HEIGHT = 14
ROW_GAP = 8
LINE_HEIGHT = 160
LINE_PADDING = 8
TOP_COUNTRIES = 10
# How long a name may run above its bar before it is cut (a session's title, a stakeholder group's name).
LABEL_LENGTH = 48


# --- Series -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DayCount:
    day: date
    new: int
    total: int


def daily_totals(days: Iterable[date]) -> tuple[DayCount, ...]:
    """Return every day from the first registration to the last, with that day's new ones and the running total."""
    per_day = Counter(days)
    if not per_day:
        return ()
    first, last = min(per_day), max(per_day)
    series, total = [], 0
    for offset in range((last - first).days + 1):
        day = first + timedelta(days=offset)
        total += per_day[day]
        series.append(DayCount(day, per_day[day], total))
    return tuple(series)


def tally(values: Iterable[Hashable], order: Sequence[Hashable]) -> tuple[tuple[Hashable, int], ...]:
    """Return how many values are each of `order`, in that order, none left out (a zero is a finding too).

    Values outside `order` are not counted: the caller names every value it wants shown.
    """
    counts = Counter(values)
    return tuple((key, counts[key]) for key in order)


@dataclass(frozen=True)
class TopCounts:
    top: tuple
    others: int


def top_counts(values: Iterable[Hashable], limit: int = TOP_COUNTRIES) -> TopCounts:
    """Return the `limit` most frequent values (ties in the values' own order), and how many the rest count together."""
    ranked = sorted(Counter(values).items(), key=lambda pair: (-pair[1], pair[0]))
    return TopCounts(top=tuple(ranked[:limit]), others=sum(count for _value, count in ranked[limit:]))


def bar_label(text: str) -> str:
    """Return a name as a bar shows it: cut with an ellipsis to fit the drawing (its table gives it whole)."""
    return text if len(text) <= LABEL_LENGTH else text[: LABEL_LENGTH - 1].rstrip() + "…"


# --- Shapes -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class BarShape:
    """One bar: its label above it, the bar, and its number just after its end."""

    label: str
    value: int
    label_y: int
    bar_y: int
    width: float


@dataclass(frozen=True)
class BarChart:
    bars: tuple
    width: int
    height: int
    bar_height: int = BAR_HEIGHT


def bar_chart(pairs: Iterable[tuple[str, int]]) -> BarChart:
    """Lay out horizontal bars, one row each, the largest value filling the width left after its number."""
    pairs = list(pairs)
    largest = max((value for _label, value in pairs), default=0)
    row = LABEL_HEIGHT + BAR_HEIGHT + ROW_GAP
    plot_width = CHART_WIDTH - NUMBER_ROOM
    bars = tuple(
        BarShape(
            label=bar_label(label),
            value=value,
            label_y=index * row + LABEL_HEIGHT - 4,
            bar_y=index * row + LABEL_HEIGHT,
            width=round(value / largest * plot_width, 1) if largest else 0.0,
        )
        for index, (label, value) in enumerate(pairs)
    )
    return BarChart(bars=bars, width=CHART_WIDTH, height=max(len(bars) * row - ROW_GAP, 0))


@dataclass(frozen=True)
class LineChart:
    points: tuple
    width: int
    height: int
    top: int
    baseline: int

    @property
    def polyline(self):
        return " ".join(f"{x},{y}" for x, y in self.points)

    @property
    def area(self):
        """Return the polygon under the line, closed along the baseline."""
        if not self.points:
            return ""
        first_x, last_x = self.points[0][0], self.points[-1][0]
        return f"{first_x},{self.baseline} {self.polyline} {last_x},{self.baseline}"


def line_chart(values: Sequence[int]) -> LineChart:
    """Place a series of values left to right, the highest at the top; one value sits in the middle."""
    top = max(values, default=0)
    plot_width = CHART_WIDTH - 2 * LINE_PADDING
    plot_height = LINE_HEIGHT - 2 * LINE_PADDING
    baseline = LINE_PADDING + plot_height

    def x(index):
        return round(LINE_PADDING + (index / (len(values) - 1) * plot_width if len(values) > 1 else plot_width / 2), 1)

    def y(value):
        return round(baseline - (value / top * plot_height if top else 0), 1)

    return LineChart(
        points=tuple((x(index), y(value)) for index, value in enumerate(values)),
        width=CHART_WIDTH,
        height=LINE_HEIGHT,
        top=top,
        baseline=baseline,
    )
