"""A web worker starts without the libraries that only build files: they are loaded where files are built.

Every web worker holds what the application imports at start. WeasyPrint, the spreadsheet and word
processor writers and the document readers add tens of megabytes each, and web workers only send files
that a queue worker built (docs/benchmarks.md, worker memory). Each is imported inside the function
that needs it; this test fails when a module-level import brings one back to every web worker.
"""

import json
import subprocess
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[2]
# The top-level packages that build or read files, each tens of megabytes once imported.
FILE_BUILDERS = {"weasyprint", "pydyf", "fontTools", "openpyxl", "docx", "lxml", "odf", "pypdf"}
STARTUP = """
import json, sys
from workshop import create_app
create_app({"SECRET_KEY": "startup-imports", "DATABASE_URL": "sqlite://"})
print(json.dumps(sorted({name.split(".")[0] for name in sys.modules})))
"""


def test_a_web_worker_starts_without_the_libraries_that_build_or_read_files():
    started = subprocess.run(
        [sys.executable, "-c", STARTUP], cwd=PROJECT, capture_output=True, text=True, timeout=120, check=True
    )

    imported = set(json.loads(started.stdout.splitlines()[-1]))
    assert "flask" in imported
    assert imported & FILE_BUILDERS == set()
