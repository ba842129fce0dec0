"""bandit finds nothing in the application code; each exception is a justified `# nosec` on its line."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[2]
BANDIT = shutil.which("bandit", path=str(Path(sys.executable).parent)) or shutil.which("bandit")


@pytest.mark.skipif(BANDIT is None, reason="bandit is not installed: pip install bandit")
def test_bandit_finds_no_issue_in_the_application():
    result = subprocess.run(
        [BANDIT, "-r", "workshop", "-q", "-f", "custom", "--msg-template", "{relpath}:{line} {test_id} {msg}"],
        cwd=PROJECT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
