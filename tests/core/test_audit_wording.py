"""The audit trail reads as sentences in the reader's language: no raw keys, hashes or `reopened False`."""

import io
import re
from pathlib import Path
from types import SimpleNamespace

from workshop.accounts.models import ForumRoleName
from workshop.core.audit_wording import DETAIL_WORDING, UNSHOWN_DETAILS, word_entry
from workshop.demo.sample_files import make_docx
from workshop.documents import services as document_services
from workshop.extensions import db

SOURCE = Path(__file__).resolve().parents[2] / "workshop"
RECORD_CALL = re.compile(r"audit\.record\((.*?)\)\n", re.S)
KEYWORD = re.compile(r"\b([a-z_]+)=")


def recorded_detail_keys():
    keys = set()
    for path in SOURCE.rglob("*.py"):
        for call in RECORD_CALL.findall(path.read_text(encoding="utf-8")):
            keys |= set(KEYWORD.findall(call))
    return keys


def test_the_scan_finds_the_details():
    assert {"person", "role", "version"} <= recorded_detail_keys()


def test_every_recorded_detail_is_worded_or_deliberately_unshown(app):
    assert sorted(recorded_detail_keys() - set(DETAIL_WORDING) - UNSHOWN_DETAILS) == []


def test_the_trail_names_sessions_and_details_in_the_readers_language(
    client,
    login,
    create_user,
    create_forum,
    create_day,
    create_block,
    create_session,
):
    forum = create_forum()
    secretariat = create_user(roles={forum: [ForumRoleName.SECRETARIAT]})
    session = create_session(forum, create_block(create_day(forum)), title="Horizontal partnerships", number="3")
    document_services.table_new_document(
        secretariat,
        session,
        "Draft",
        "paper",
        "en",
        io.BytesIO(make_docx("Draft", ["Text."])),
        "draft.docx",
        "preliminary",
    )
    document_services.save_conclusions(secretariat, session, "We agree.")
    document_services.submit_conclusions(secretariat, session)
    document_services.save_conclusions(secretariat, session, "We agree, mostly.")
    db.session.commit()
    login(client, secretariat)

    page = client.get(f"/manage/{forum.slug}/audit?lang=es").get_data(as_text=True)

    for raw in ("session_id", "sha256", "reopened", "False", "characters", "document_id", "preliminary"):
        assert raw not in page, f"the trail shows {raw!r}"
    assert 'Sesión 3. <span lang="en">Horizontal partnerships</span>' in page, "the title is the forum's English"
    assert "Las conclusiones enviadas volvieron a ser un borrador." in page
    assert "Estado: Preliminar" in page


def test_a_typed_subject_is_marked_and_a_person_or_a_day_is_not(app):
    entries = {
        "room.saved": "Sala Cartagena",
        "forum.changed": "Learning <together>",
        "account.invited": "ana@example.test",
        "registration.approved": "Ana Muñoz",
        "day.saved": "2011-09-26",
    }
    with app.test_request_context("/?lang=fr"):
        worded = {
            action: str(word_entry(SimpleNamespace(action=action, subject=subject, details={}), "en").subject)
            for action, subject in entries.items()
        }
        plain = word_entry(SimpleNamespace(action="room.saved", subject="Sala Cartagena", details={})).subject

    assert worded == {
        "room.saved": '<span lang="en">Sala Cartagena</span>',
        "forum.changed": '<span lang="en">Learning &lt;together&gt;</span>',
        "account.invited": "ana@example.test",
        "registration.approved": "Ana Muñoz",
        "day.saved": "2011-09-26",
    }
    assert plain == "Sala Cartagena"
