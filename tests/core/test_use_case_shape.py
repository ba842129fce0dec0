"""Every use case starts and ends one way: services refuse with `Refused`, views commit through `commit_or_refuse`."""

import ast
import importlib
import inspect
import re
from pathlib import Path

import pytest

from workshop import FEATURES
from workshop.core.refusals import Refused

SOURCE = Path(__file__).resolve().parents[2] / "workshop"
# The one place that commits for a view; command-line entry points and queued jobs commit for themselves.
COMMITTERS = {SOURCE / "core" / "refusals.py"}
# Functions that must commit in the middle of a use case, and why.
DELIBERATE_COMMITS = {
    # A sign-in takes its place among the failures allowed under a lock, and commits it before the slow
    # hash, so that simultaneous attempts cannot all find room and do not wait on each other's hashing.
    ("accounts/services.py", "_take_a_place_among_failures"),
}


def transaction_ends(path):
    """Return the functions of a module that call db.session.commit() or rollback(), unless they are jobs (periodic or not)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for function in ast.walk(tree):
        if not isinstance(function, ast.FunctionDef):
            continue
        if any(
            getattr(getattr(decorator, "func", decorator), "id", "") in ("job", "periodic_job")
            for decorator in function.decorator_list
        ):
            continue
        for node in ast.walk(function):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr in ("commit", "rollback")
                and ast.unparse(node.func.value) == "db.session"
            ):
                found.append(function.name)
    return found


def python_files():
    return sorted(path for path in SOURCE.rglob("*.py"))


def module_name(path):
    return ".".join(path.relative_to(SOURCE.parent).with_suffix("").parts)


def test_the_scan_finds_the_features():
    names = {path.parent.name for path in python_files() if path.name == "services.py"}
    assert {"accounts", "forums", "programme", "documents", "publishing"} <= names


@pytest.mark.parametrize(
    "path",
    [path for path in python_files() if path.name != "cli.py" and path not in COMMITTERS],
    ids=lambda path: str(path.relative_to(SOURCE)),
)
def test_only_commit_or_refuse_ends_a_transaction(path):
    relative = str(path.relative_to(SOURCE))
    assert [name for name in transaction_ends(path) if (relative, name) not in DELIBERATE_COMMITS] == []


@pytest.mark.parametrize(
    "path", [path for path in python_files() if path.name == "views.py"], ids=lambda path: str(path.relative_to(SOURCE))
)
def test_no_view_catches_a_bare_value_error_or_wraps_a_service_in_a_lambda(path):
    text = path.read_text(encoding="utf-8")
    assert "except ValueError" not in text
    assert not re.search(r"lambda[^:]*:\s*services\.", text)


@pytest.mark.parametrize(
    "path",
    [path for path in python_files() if path.name == "services.py"],
    ids=lambda path: str(path.relative_to(SOURCE)),
)
def test_every_exception_a_service_raises_is_a_refusal(path):
    module = importlib.import_module(module_name(path))
    exceptions = [
        cls
        for _name, cls in inspect.getmembers(module, inspect.isclass)
        if issubclass(cls, Exception) and cls.__module__ == module.__name__
    ]
    assert [cls.__name__ for cls in exceptions if not issubclass(cls, Refused)] == []


def test_every_feature_package_is_set_up_from_the_one_list():
    """A feature folder that FEATURES does not name would have its blueprint, commands and names left out."""
    packages = {path.parent.name for path in SOURCE.glob("*/__init__.py")} - {"core", "translations"}
    assert sorted(packages - set(FEATURES)) == []
    assert all(callable(getattr(importlib.import_module(f"workshop.{name}"), "init_app", None)) for name in FEATURES)


def test_accounts_are_created_by_the_accounts_service_alone():
    """An account built beside `find_or_create_account` would skip its normalising (and, invited, its audit entry)."""
    builders = [
        str(path.relative_to(SOURCE))
        for path in python_files()
        if path.parent.name != "accounts" and re.search(r"\bUser\(", path.read_text(encoding="utf-8"))
    ]
    assert builders == []
