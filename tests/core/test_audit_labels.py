"""Every action the audit trail records has a name in words, so the secretariat never reads a code."""

import re
from pathlib import Path

from workshop.accounts.models import ForumRoleName
from workshop.core.labels import LABELS
from workshop.documents.models import DocumentKind, VersionStatus
from workshop.forums.models import AgendaStatus, OrganisationType
from workshop.programme.models import AppointmentRole, ItemKind, SessionFormat

SOURCE = Path(__file__).resolve().parents[2] / "workshop"
# audit.record(actor, "session.deleted", ...) and the actions handed to it through a variable.
RECORDED = re.compile(r'audit\.record\(\s*[\w.]+,\s*"([a-z_]+\.[a-z_]+)"')
ENUMERATION_LABELS = {
    ForumRoleName: "forum_role",
    AgendaStatus: "agenda_status",
    OrganisationType: "organisation_type",
    ItemKind: "item_kind",
    SessionFormat: "session_format",
    AppointmentRole: "appointment_role",
    DocumentKind: "document_kind",
    VersionStatus: "version_status",
}
PASSED_ON = re.compile(r'"((?:session|forum)\.(?:created|changed|imported|replaced))"')


def recorded_actions():
    actions = set()
    for path in SOURCE.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        actions |= set(RECORDED.findall(text)) | set(PASSED_ON.findall(text))
    return actions


def test_the_scan_finds_the_actions():
    assert {"agenda.published", "session.created", "document.uploaded"} <= recorded_actions()


def test_every_recorded_action_has_a_label(app):
    assert sorted(recorded_actions() - set(LABELS["audit_action"])) == []


def test_every_value_of_every_enumeration_has_a_label(app):
    """A value added to an enumeration is named in the feature's labels, or the forms and outputs show its code."""
    for enumeration, group in ENUMERATION_LABELS.items():
        assert sorted(member.value for member in enumeration if member.value not in LABELS[group]) == [], group
