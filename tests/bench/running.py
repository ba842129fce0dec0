"""Run a bench script small, as `make bench` runs it in full, and read the table it prints.

The benches post the app's own forms and ask for its own URLs; a change of the app that leaves a
bench behind (the cancel button now asks first) would otherwise show only as a row of refusals or
"n/a" the next time someone measures.
"""

import subprocess
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[2]


def run_bench(script, *arguments):
    """Run bench/`script` with `arguments` in a process of its own; return what it printed."""
    finished = subprocess.run(
        [sys.executable, f"bench/{script}", *arguments],
        cwd=PROJECT,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert finished.returncode == 0, finished.stderr[-4000:]
    return finished.stdout


def table_rows(printed):
    """Return {measure: [its other cells]} of the Markdown table rows in `printed`, header and rule left out."""
    rows = {}
    for line in printed.splitlines():
        if line.startswith("| ") and not line.startswith("| measure |"):
            cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
            rows[cells[0]] = cells[1:]
    return rows
