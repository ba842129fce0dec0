"""Services keep every version, tie files to their transaction, and write the audit trail."""

import io

import pytest
from sqlalchemy import select

from workshop.core.archive import FileTooLarge
from workshop.core.audit import AuditEntry
from workshop.documents import services
from workshop.documents.models import ConclusionStatus, DocumentKind, VersionStatus
from workshop.extensions import db

from . import samples


def actions(forum):
    db.session.expire_all()
    return [
        entry.action
        for entry in db.session.scalars(
            select(AuditEntry).where(AuditEntry.forum_id == forum.id).order_by(AuditEntry.id)
        )
    ]


def table_pdf(world, actor=None, title="Good practices paper", text="Trust comes first."):
    version = services.table_new_document(
        actor or world.facilitator,
        world.session,
        title,
        "paper",
        "en",
        io.BytesIO(samples.pdf_bytes(title, [text])),
        "good-practices.pdf",
        "preliminary",
    )
    db.session.commit()
    return version


def test_versions_are_numbered_and_never_overwritten(world, archive_snapshot):
    first = table_pdf(world)
    second = services.upload_version(
        world.facilitator,
        first.document,
        io.BytesIO(samples.docx_bytes()),
        "Propuesta_Bogotá.docx",
        "revised",
        "After the debate",
    )
    db.session.commit()
    files, counts = archive_snapshot()
    assert [version.number for version in first.document.versions] == [1, 2]
    assert first.stored_name != second.stored_name
    assert len(files) == 2
    assert second.status == VersionStatus.REVISED and second.note == "After the debate"
    assert second.original_name == "Propuesta_Bogotá.docx"
    assert first.document.current_version == second
    assert "Trust comes first." in first.extracted_text


def test_a_rolled_back_upload_removes_its_file(world, archive_snapshot):
    document = table_pdf(world).document
    before = archive_snapshot()
    services.upload_version(world.facilitator, document, io.BytesIO(samples.pdf_bytes()), "x.pdf", "revised")
    assert len(archive_snapshot()[0]) == len(before[0]) + 1
    db.session.rollback()
    assert archive_snapshot() == before


def test_an_abandoned_upload_removes_its_file(world, archive_snapshot):
    document = table_pdf(world).document
    before = archive_snapshot()
    services.upload_version(world.facilitator, document, io.BytesIO(samples.pdf_bytes()), "x.pdf", "revised")
    # What the request teardown does after an unexpected error: close the session without committing.
    db.session.close()
    assert archive_snapshot() == before


def test_a_refused_file_writes_nothing(world, archive_snapshot, app):
    document = table_pdf(world).document
    before = archive_snapshot()
    app.config["MAX_UPLOAD_MB"] = 0
    with pytest.raises(services.DocumentRefused) as refused:
        services.upload_version(world.facilitator, document, io.BytesIO(samples.pdf_bytes()), "x.pdf", "revised")
    db.session.rollback()
    assert isinstance(refused.value.__cause__, FileTooLarge)
    assert refused.value.field == "file" and refused.value.status == 413
    assert archive_snapshot() == before


def test_tabling_in_two_sessions_and_taking_off(world):
    document = table_pdf(world).document
    services.link_document(world.secretariat, world.other_session, document)
    db.session.commit()
    assert {link.session_id for link in document.session_links} == {world.session.id, world.other_session.id}
    with pytest.raises(services.DocumentRefused):
        services.link_document(world.secretariat, world.other_session, document)
    services.unlink_document(world.secretariat, world.other_session, document)
    db.session.commit()
    assert [link.session_id for link in document.session_links] == [world.session.id]
    assert document.current_version is not None
    assert actions(world.forum) == [
        "document.created",
        "document.uploaded",
        "document.linked",
        "document.linked",
        "document.unlinked",
    ]


def test_a_document_of_another_forum_cannot_be_tabled(world, create_forum):
    elsewhere = services.create_document(world.secretariat, create_forum(), "Elsewhere", "paper", "en")
    with pytest.raises(services.DocumentRefused):
        services.link_document(world.secretariat, world.session, elsewhere)


def test_language_versions_are_linked_to_the_original(world):
    original = table_pdf(world).document
    spanish = services.create_document(
        world.facilitator, world.forum, "Documento de buenas prácticas", "paper", "es", translation_of=original
    )
    french = services.create_document(
        world.facilitator, world.forum, "Document de bonnes pratiques", "paper", "fr", translation_of=spanish
    )
    db.session.commit()
    assert french.translation_of == original
    assert {document.language for document in spanish.language_versions()} == {"en", "fr"}
    assert {document.language for document in original.language_versions()} == {"es", "fr"}


def test_conclusions_go_from_draft_to_submitted(world):
    with pytest.raises(services.DocumentRefused):
        services.submit_conclusions(world.facilitator, world.session)
    conclusions = services.save_conclusions(world.facilitator, world.session, "1. Trust first.")
    db.session.commit()
    assert conclusions.status == ConclusionStatus.DRAFT and conclusions.updated_by == world.facilitator
    services.submit_conclusions(world.facilitator, world.session)
    db.session.commit()
    assert conclusions.is_submitted and conclusions.submitted_by == world.facilitator
    with pytest.raises(services.DocumentRefused):
        services.submit_conclusions(world.facilitator, world.session)
    services.save_conclusions(world.secretariat, world.session, "1. Trust first.\n2. Equity.")
    db.session.commit()
    assert conclusions.status == ConclusionStatus.DRAFT and conclusions.submitted_at is None
    assert actions(world.forum) == [
        "conclusions.saved",
        "conclusions.submitted",
        "conclusions.saved",
    ]


def test_a_conclusions_document_is_enough_to_submit(world):
    version = services.attach_conclusions_file(
        world.facilitator, world.session, io.BytesIO(samples.odt_bytes()), "conclusiones.odt", "final", "es"
    )
    services.submit_conclusions(world.facilitator, world.session)
    db.session.commit()
    conclusions = services.conclusions_of(world.session)
    assert conclusions.document == version.document
    assert version.document.kind == DocumentKind.OUTCOME_DOCUMENT and version.document.language == "es"
    assert conclusions.is_submitted
    assert actions(world.forum) == [
        "document.created",
        "document.uploaded",
        "conclusions.file_attached",
        "conclusions.submitted",
    ]
