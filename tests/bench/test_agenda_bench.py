"""The agenda bench (`bench/run.py`) at a tenth of full scale: every row is measured, nothing is refused.

Timings are not checked here (docs/benchmarks.md keeps them): only that each row has a reading.
"""

from bench.run import MISSING, ROWS
from tests.bench.running import run_bench, table_rows


def test_the_agenda_bench_at_a_tenth_measures_every_row_and_loses_no_edit():
    rows = table_rows(run_bench("run.py", "--scales", "0.1", "--duration", "1"))
    reading = {measure: cells[-1] for measure, cells in rows.items()}

    assert list(reading) == [row for row, _target in ROWS]
    assert [row for row, value in reading.items() if value in (MISSING, "never") or not value] == []
    assert reading["50 concurrent session edits"].startswith("39/39 kept, 0 errors")
