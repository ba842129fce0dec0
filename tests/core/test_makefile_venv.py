"""The virtual environment is made from the interpreter asked for, and made again when that interpreter changes.

The Makefile picks Debian's optimised CPython where it can make virtual environments (docs/deploy.md,
"The interpreter"); a venv made by another interpreter would otherwise be kept, and every figure of
the benchmarks with it. `make -n` says what it would run without running it.
"""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[2]
DEBIAN_PYTHON = Path("/usr/bin/python3.11")


def planned(venv, *settings):
    """Return the commands `make lint` would run for a virtual environment at `venv`."""
    command = ["make", "--no-print-directory", "-n", "lint", f"VENV={venv}", *settings]
    return subprocess.run(command, cwd=PROJECT, capture_output=True, text=True, check=True).stdout


def make_as_planned(plan):
    """Leave the stamps a plan would touch, as if its venv had been made and everything installed."""
    for stamp in re.findall(r"^touch (\S+)$", plan, re.M):
        Path(stamp).parent.mkdir(parents=True, exist_ok=True)
        Path(stamp).touch()


def test_a_venv_is_made_from_the_interpreter_asked_for(tmp_path):
    plan = planned(tmp_path / "venv", f"BASE_PYTHON={sys.executable}")

    assert f"{sys.executable} -m venv {tmp_path / 'venv'}" in plan


def test_a_made_venv_is_kept_for_the_same_interpreter(tmp_path):
    venv = tmp_path / "venv"
    make_as_planned(planned(venv, f"BASE_PYTHON={sys.executable}"))

    plan = planned(venv, f"BASE_PYTHON={sys.executable}")

    assert "-m venv" not in plan
    assert "pip install" not in plan


def test_a_venv_made_by_another_interpreter_is_made_again_with_everything_installed(tmp_path):
    venv = tmp_path / "venv"
    make_as_planned(planned(venv, f"BASE_PYTHON={sys.executable}"))
    other = shutil.which("python3")
    assert other and other != sys.executable

    plan = planned(venv, f"BASE_PYTHON={other}")

    assert f"rm -rf {venv}" in plan
    assert f"{other} -m venv {venv}" in plan
    assert "pip install --quiet -r requirements-dev.lock" in plan


@pytest.mark.skipif(not DEBIAN_PYTHON.exists(), reason="Debian's Python 3.11 is not installed here")
def test_debians_optimised_python_is_the_default_where_it_can_make_venvs(tmp_path):
    can_make_venvs = (
        subprocess.run([DEBIAN_PYTHON, "-c", "import ensurepip, venv"], capture_output=True).returncode == 0
    )
    expected = DEBIAN_PYTHON if can_make_venvs else "python3"

    plan = planned(tmp_path / "venv")

    assert f"{expected} -m venv {tmp_path / 'venv'}" in plan


def test_the_default_interpreter_is_chosen_once_per_make():
    # A recursively expanded variable would start /usr/bin/python3.11 again at every reference to it.
    show_flavour = "print-flavour: ; @echo $(flavor BASE_PYTHON)"
    command = ["make", "--no-print-directory", "--eval", show_flavour, "print-flavour"]
    unset = {name: value for name, value in os.environ.items() if name != "BASE_PYTHON"}

    flavour = subprocess.run(command, cwd=PROJECT, env=unset, capture_output=True, text=True, check=True).stdout

    assert flavour.strip() == "simple"
