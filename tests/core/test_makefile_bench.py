"""`make bench` installs the programs the benches start, as `make test` installs the ones the tests start."""

import re
import subprocess
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[2]
BENCH = PROJECT / "bench"


def programs_the_benches_start():
    """Return the programs bench/*.py start by name (the first word of a command list), not from the venv."""
    started = set()
    for script in BENCH.glob("*.py"):
        started.update(re.findall(r'command = \["([a-z][a-z0-9-]*)"', script.read_text()))
    return started


def test_make_bench_installs_every_program_the_benches_start_before_running_them():
    plan = subprocess.run(
        ["make", "--no-print-directory", "-n", "bench"],
        cwd=PROJECT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    installing = next(line for line in plan.splitlines() if line.startswith(".ci/system-packages "))

    assert programs_the_benches_start() == {"wrk"}
    assert set(installing.split()[1:]) >= programs_the_benches_start()
    assert plan.index(installing) < plan.index("bench/run.py")
