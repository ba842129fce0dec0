"""Imports run downward: a feature reads core, accounts and the features set up before it, never one above it.

FEATURES (workshop/__init__.py) is the order: accounts, forums, programme, documents, publishing,
reports, exports, programme_files, demo. Pure rules modules import no Flask, so that they are tested
without an app. Imports made for type annotations only (`if TYPE_CHECKING:`) do not count.
"""

import ast
from pathlib import Path

import pytest

from workshop import FEATURES

SOURCE = Path(__file__).resolve().parents[2] / "workshop"
ORDER = ("core", *FEATURES)
# The forum's screens show and change the programme it frames (its days, blocks, and the sessions
# that use a room): the one place a feature's HTTP layer calls the feature above it.
SCREENS_ABOVE = {("forums/views.py", "programme")}
PURE_MODULES = (
    "desk/rules.py",
    "desk/charts.py",
    "core/checklist.py",
    "core/reader_zone.py",
    "forums/colours.py",
    "forums/logo_files.py",
    "forums/listing.py",
    "forums/rules.py",
    "programme/rules.py",
    "programme/scheduling.py",
    "programme/board_layout.py",
    "reports/rules.py",
    "reports/workflow.py",
    "publishing/changes.py",
    "publishing/layout.py",
    "publishing/grid.py",
    "programme_files/problems.py",
    "programme_files/reader.py",
    "programme_files/specs.py",
    "programme_files/validation.py",
    "programme_files/positions.py",
)


def runtime_imports(path):
    """Return the modules a file imports when it runs (not those under `if TYPE_CHECKING:`)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for_typing = {
        id(inner)
        for node in ast.walk(tree)
        if isinstance(node, ast.If) and getattr(node.test, "id", "") == "TYPE_CHECKING"
        for inner in ast.walk(node)
    }
    for node in ast.walk(tree):
        if id(node) in for_typing:
            continue
        if isinstance(node, ast.ImportFrom) and node.module:
            yield node.module
        elif isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)


def feature_modules():
    return sorted(path for path in SOURCE.rglob("*.py") if path.relative_to(SOURCE).parts[0] in ORDER)


def test_the_scan_sees_the_features_and_their_imports():
    imported = {module for path in feature_modules() for module in runtime_imports(path)}
    assert {"workshop.core.refusals", "workshop.forums.models", "workshop.programme.models"} <= imported


@pytest.mark.parametrize("path", feature_modules(), ids=lambda path: str(path.relative_to(SOURCE)))
def test_a_module_imports_no_feature_above_its_own(path):
    relative = path.relative_to(SOURCE)
    rank = ORDER.index(relative.parts[0])
    above = {
        module.split(".")[1]
        for module in runtime_imports(path)
        if module.startswith("workshop.") and module.split(".")[1] in ORDER[rank + 1 :]
    }
    assert sorted(above - {feature for where, feature in SCREENS_ABOVE if where == str(relative)}) == []


@pytest.mark.parametrize("path", feature_modules(), ids=lambda path: str(path.relative_to(SOURCE)))
def test_no_feature_imports_exports(path):
    if path.relative_to(SOURCE).parts[0] in ("exports", "demo"):
        return
    assert [module for module in runtime_imports(path) if module.startswith("workshop.exports")] == []


@pytest.mark.parametrize("relative", PURE_MODULES)
def test_a_pure_rules_module_imports_neither_flask_nor_the_database(relative):
    modules = set(runtime_imports(SOURCE / relative))
    impure = {
        module
        for module in modules
        if module.split(".")[0] in ("flask", "flask_babel", "sqlalchemy", "flask_sqlalchemy")
    }
    impure |= {
        module
        for module in modules
        if module == "workshop.extensions" or module.endswith((".models", ".services", ".views"))
    }
    assert sorted(impure) == []
