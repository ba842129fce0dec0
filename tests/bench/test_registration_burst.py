"""The registration burst bench, at a dozen people: every row reads as its target says."""

from tests.bench.running import run_bench, table_rows


def test_the_registration_burst_at_a_dozen_people_meets_every_target():
    rows = table_rows(run_bench("registration_burst.py", "--people", "12", "--places", "4", "--cancellations", "2"))
    result = {measure: cells[-1] for measure, cells in rows.items()}

    assert result["confirmed"] == "4"
    assert result["on the waiting list"] == "8"
    assert result["arrival order kept"] == "yes"
    assert result["errors"] == "0"
    assert result["concurrent cancellations"].endswith(", 0 errors")
    assert result["promoted"] == "2 (the earliest)"
    assert result["confirmed after cancellations"] == "4"
