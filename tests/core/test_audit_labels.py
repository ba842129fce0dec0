"""Every action the audit trail records has a name in words, so the secretariat never reads a code."""

import re
from pathlib import Path

from workshop.core.labels import LABELS

SOURCE = Path(__file__).resolve().parents[2] / "workshop"
# audit.record(actor, "session.deleted", ...) and the actions handed to it through a variable.
RECORDED = re.compile(r'audit\.record\(\s*[\w.]+,\s*"([a-z_]+\.[a-z_]+)"')
PASSED_ON = re.compile(r'"((?:session|forum)\.(?:created|changed|imported|replaced))"')


def recorded_actions():
    actions = set()
    for path in SOURCE.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        actions |= set(RECORDED.findall(text)) | set(PASSED_ON.findall(text))
    return actions


def test_the_scan_finds_the_actions():
    assert {"agenda.published", "session.created", "document.uploaded"} <= recorded_actions()


def test_every_recorded_action_has_a_label():
    assert sorted(recorded_actions() - set(LABELS["audit_action"])) == []
