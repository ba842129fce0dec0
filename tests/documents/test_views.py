"""Facilitators and the secretariat work on drafts in the browser; bad input is refused and changes nothing."""

import io
from urllib.parse import quote

import pytest
from sqlalchemy import select

from workshop.core.audit import AuditEntry
from workshop.documents import services
from workshop.documents.models import ConclusionStatus, Document
from workshop.extensions import db

from . import samples


def workspace_url(world, session=None):
    return f"/f/{world.forum.slug}/sessions/{(session or world.session).id}/documents"


def new_document_form(data, filename="good-practices.pdf", title="Good practices paper"):
    return {
        "new-title": title,
        "new-kind": "paper",
        "new-language": "en",
        "new-organisation_id": "0",
        "new-translation_of_id": "0",
        "new-status": "preliminary",
        "new-note": "",
        "new-file": (io.BytesIO(data), filename),
    }


def version_form(document, data, filename="good-practices-v2.pdf", status="revised", note=""):
    prefix = f"version-{document.id}"
    return {f"{prefix}-status": status, f"{prefix}-note": note, f"{prefix}-file": (io.BytesIO(data), filename)}


def tabled_document(world, title="Good practices paper", text="Trust comes first.", filename="good-practices.pdf"):
    version = services.table_new_document(
        world.facilitator,
        world.session,
        title,
        "paper",
        "en",
        io.BytesIO(samples.pdf_bytes(title, [text])),
        filename,
        "preliminary",
    )
    db.session.commit()
    return version.document


def audit_actions(world):
    db.session.expire_all()
    return [
        entry.action
        for entry in db.session.scalars(
            select(AuditEntry).where(AuditEntry.forum_id == world.forum.id).order_by(AuditEntry.id)
        )
    ]


def test_facilitator_uploads_a_draft_then_a_new_version(client, login, world, archive_snapshot):
    login(client, world.facilitator)
    response = client.post(
        f"{workspace_url(world)}/new", data=new_document_form(samples.pdf_bytes()), content_type="multipart/form-data"
    )
    assert response.status_code == 302
    document = db.session.scalar(select(Document).where(Document.title == "Good practices paper"))
    response = client.post(
        f"{workspace_url(world)}/{document.id}/versions",
        data=version_form(
            document, samples.docx_bytes(paragraphs=["Trust and equity come first."]), note="After Busan"
        ),
        content_type="multipart/form-data",
    )
    assert response.status_code == 302
    db.session.expire_all()
    assert [(v.number, v.status.value, v.media_type.split(".")[-1]) for v in document.versions] == [
        (1, "preliminary", "application/pdf"),
        (2, "revised", "document"),
    ]
    assert len(archive_snapshot()[0]) == 2
    page = client.get(workspace_url(world)).get_data(as_text=True)
    assert "Good practices paper" in page and "After Busan" in page


REFUSED_UPLOADS = [
    pytest.param(samples.ELF_BYTES, "x.pdf", 415, "ELF executable", id="renamed-elf"),
    pytest.param(samples.WINDOWS_EXECUTABLE_BYTES, "x.pdf", 415, "Windows executable", id="renamed-exe"),
    pytest.param(b"", "x.pdf", 400, "The file is empty", id="empty"),
    pytest.param(
        b"%PDF-1.7\n" + b"0" * (1024 * 1024 + 10), "big.pdf", 413, "larger than the limit of 1.0 MB", id="oversized"
    ),
]


@pytest.mark.parametrize("data, filename, status, message", REFUSED_UPLOADS)
def test_bad_new_draft_is_refused_and_changes_nothing(
    make_app, world, login, archive_snapshot, data, filename, status, message
):
    # A generous request limit so that the archive's own check answers, not Flask's.
    client = make_app(MAX_UPLOAD_MB=1, MAX_CONTENT_LENGTH=10 * 1024 * 1024).test_client()
    login(client, world.facilitator)
    before = archive_snapshot()
    response = client.post(
        f"{workspace_url(world)}/new", data=new_document_form(data, filename), content_type="multipart/form-data"
    )
    assert response.status_code == status
    assert message in response.get_data(as_text=True)
    assert archive_snapshot() == before


@pytest.mark.parametrize("data, filename, status, message", REFUSED_UPLOADS)
def test_bad_new_version_is_refused_and_changes_nothing(
    make_app, world, login, archive_snapshot, data, filename, status, message
):
    document = tabled_document(world)
    client = make_app(MAX_UPLOAD_MB=1, MAX_CONTENT_LENGTH=10 * 1024 * 1024).test_client()
    login(client, world.facilitator)
    before = archive_snapshot()
    response = client.post(
        f"{workspace_url(world)}/{document.id}/versions",
        data=version_form(document, data, filename),
        content_type="multipart/form-data",
    )
    assert response.status_code == status
    assert message in response.get_data(as_text=True)
    assert archive_snapshot() == before


def test_a_request_over_flasks_limit_gets_a_clear_413(make_app, world, login, archive_snapshot):
    client = make_app(MAX_UPLOAD_MB=1).test_client()
    login(client, world.facilitator)
    before = archive_snapshot()
    oversized = b"%PDF-1.7\n" + b"0" * (2 * 1024 * 1024)
    response = client.post(
        f"{workspace_url(world)}/new", data=new_document_form(oversized), content_type="multipart/form-data"
    )
    assert response.status_code == 413
    assert "larger than the limit of 1 MB" in response.get_data(as_text=True)
    assert archive_snapshot() == before


def test_a_path_like_name_keeps_only_the_file_name(client, login, world, archive_snapshot):
    login(client, world.facilitator)
    response = client.post(
        f"{workspace_url(world)}/new",
        data=new_document_form(samples.pdf_bytes(), "../../x.pdf"),
        content_type="multipart/form-data",
    )
    assert response.status_code == 302
    version = db.session.scalar(select(Document)).current_version
    assert version.original_name == "x.pdf"
    files, _counts = archive_snapshot()
    assert files == [f"documents/{version.stored_name}"]


def test_another_facilitator_cannot_touch_a_session_not_theirs(client, login, world, archive_snapshot):
    document = tabled_document(world)
    login(client, world.other_facilitator)
    before = archive_snapshot()
    attempts = [
        client.get(workspace_url(world)),
        client.post(
            f"{workspace_url(world)}/new",
            data=new_document_form(samples.pdf_bytes()),
            content_type="multipart/form-data",
        ),
        client.post(
            f"{workspace_url(world)}/{document.id}/versions",
            data=version_form(document, samples.pdf_bytes()),
            content_type="multipart/form-data",
        ),
        client.post(f"{workspace_url(world)}/{document.id}/unlink"),
        client.post(
            f"/f/{world.forum.slug}/sessions/{world.session.id}/conclusions", data={"conclusions-body": "Mine now"}
        ),
        client.post(f"/f/{world.forum.slug}/sessions/{world.session.id}/conclusions/submit"),
    ]
    assert [response.status_code for response in attempts] == [403] * len(attempts)
    assert archive_snapshot() == before


def test_linking_another_session_s_paper_does_not_make_it_one_s_own_to_replace(client, login, world, archive_snapshot):
    document = tabled_document(world)
    other_workspace = f"/f/{world.forum.slug}/sessions/{world.other_session.id}/documents"
    login(client, world.other_facilitator)
    assert client.post(f"{other_workspace}/link", data={"link-document_id": document.id}).status_code == 302
    before = archive_snapshot()

    response = client.post(
        f"{other_workspace}/{document.id}/versions",
        data=version_form(document, samples.pdf_bytes()),
        content_type="multipart/form-data",
    )

    assert response.status_code == 403
    assert "ask the secretariat" in response.get_data(as_text=True)
    assert archive_snapshot() == before


def test_a_forged_form_without_csrf_token_is_refused(csrf_client, login, world, archive_snapshot):
    document = tabled_document(world)
    login(csrf_client, world.facilitator)
    before = archive_snapshot()
    upload = csrf_client.post(
        f"{workspace_url(world)}/{document.id}/versions",
        data=version_form(document, samples.pdf_bytes()),
        content_type="multipart/form-data",
    )
    unlink = csrf_client.post(f"{workspace_url(world)}/{document.id}/unlink")
    assert (upload.status_code, unlink.status_code) == (400, 400)
    assert "security token" in upload.get_data(as_text=True)
    assert archive_snapshot() == before


def test_the_real_form_with_its_token_goes_through(csrf_client, login, csrf_token, world):
    document = tabled_document(world)
    login(csrf_client, world.facilitator)
    data = {
        **version_form(document, samples.pdf_bytes()),
        f"version-{document.id}-csrf_token": csrf_token(csrf_client, workspace_url(world)),
    }
    response = csrf_client.post(
        f"{workspace_url(world)}/{document.id}/versions", data=data, content_type="multipart/form-data"
    )
    assert response.status_code == 302
    db.session.expire_all()
    assert [(version.number, version.status.value) for version in document.versions] == [
        (1, "preliminary"),
        (2, "revised"),
    ]


def test_download_sends_the_original_utf8_name(client, world):
    document = tabled_document(world, filename="Propuesta_Bogotá.pdf")
    response = client.get(f"/f/{world.forum.slug}/documents/{document.id}/versions/1/download")
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    assert response.data.startswith(b"%PDF-")
    disposition = response.headers["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert f"filename*=UTF-8''{quote('Propuesta_Bogotá.pdf')}" in disposition


def test_a_download_through_another_forum_is_not_found(client, world, create_forum):
    document = tabled_document(world)
    other = create_forum(slug="busan")
    assert client.get(f"/f/{other.slug}/documents/{document.id}/versions/1/download").status_code == 404
    assert client.get(f"/f/{other.slug}/documents/{document.id}").status_code == 404
    assert client.get(f"/f/{world.forum.slug}/documents/{document.id}/versions/9/download").status_code == 404


def test_a_tampered_file_is_not_served(client, world, app, caplog):
    document = tabled_document(world)
    path = services.archive_from_config().path_of(document.current_version.stored_name)
    tampered = bytearray(path.read_bytes())
    tampered[200] ^= 0x01
    path.write_bytes(bytes(tampered))
    response = client.get(f"/f/{world.forum.slug}/documents/{document.id}/versions/1/download")
    assert response.status_code == 500
    assert not response.data.startswith(b"%PDF-")
    assert "integrity check" in response.get_data(as_text=True)
    assert "fails its checksum" in caplog.text


def test_drafts_of_a_non_public_forum_are_for_its_people(client, login, world, create_user):
    world.forum.is_public = False
    db.session.commit()
    document = tabled_document(world)
    page = f"/f/{world.forum.slug}/documents/{document.id}"
    download = f"{page}/versions/1/download"
    assert client.get(page).status_code == 404
    assert client.get(download).status_code == 404
    login(client, create_user(name="Stranger"))
    assert client.get(download).status_code == 404
    login(client, world.participant)
    assert client.get(page).status_code == 200
    assert client.get(download).status_code == 200


def test_document_page_shows_what_changed_between_two_pdf_versions(client, world):
    document = tabled_document(world, text="Horizontal partnerships rest on trust. Equity matters. Mutual benefit.")
    services.upload_version(
        world.facilitator,
        document,
        io.BytesIO(
            samples.pdf_bytes(
                "Good practices paper",
                ["Horizontal partnerships rest on trust. Equity <b>and</b> fairness matter. Mutual benefit."],
            )
        ),
        "good-practices-v2.pdf",
        "revised",
    )
    db.session.commit()
    page = client.get(f"/f/{world.forum.slug}/documents/{document.id}").get_data(as_text=True)
    assert "Version 1 → version 2: 1 sentences added, 1 removed." in page
    assert "<del>Equity matters.</del>" in page
    assert "<ins>Equity &lt;b&gt;and&lt;/b&gt; fairness matter.</ins>" in page
    # The signs are for the eye; a screen reader reads the word, which aria-label on a <span> would not give it.
    assert '<span class="diff-sign" aria-hidden="true">+</span><span class="visually-hidden">added:</span>' in page
    assert '<span class="diff-sign" aria-hidden="true">−</span><span class="visually-hidden">removed:</span>' in page
    same = client.get(f"/f/{world.forum.slug}/documents/{document.id}?old=2&new=2").get_data(as_text=True)
    assert "is the same" in same


def test_conclusions_from_draft_to_submitted_in_the_browser(client, login, world):
    login(client, world.facilitator)
    base = f"/f/{world.forum.slug}/sessions/{world.session.id}/conclusions"
    assert client.post(f"{base}/submit").status_code == 302
    assert services.conclusions_of(world.session) is None
    response = client.post(base, data={"conclusions-body": "**Trust** first.<script>alert(1)</script>"})
    assert response.status_code == 302
    assert services.conclusions_of(world.session).status == ConclusionStatus.DRAFT
    page = client.get(workspace_url(world)).get_data(as_text=True)
    assert "<strong>Trust</strong> first." in page and "<script>alert(1)" not in page
    client.post(f"{base}/submit")
    db.session.expire_all()
    assert services.conclusions_of(world.session).submitted_by == world.facilitator


def test_a_conclusions_document_is_private_until_the_conclusions_are_submitted(client, login, world):
    version = services.attach_conclusions_file(
        world.facilitator,
        world.session,
        io.BytesIO(samples.pdf_bytes("Conclusions", ["Trust first."])),
        "conclusions.pdf",
        "preliminary",
        "en",
    )
    db.session.commit()
    document_url = f"/f/{world.forum.slug}/documents/{version.document_id}"
    download_url = f"{document_url}/versions/1/download"

    assert [client.get(url).status_code for url in (document_url, download_url)] == [404, 404]
    login(client, world.facilitator)
    assert client.get(document_url).status_code == 200

    services.submit_conclusions(world.facilitator, world.session)
    db.session.commit()
    client.post("/account/logout")
    assert [client.get(url).status_code for url in (document_url, download_url)] == [200, 200]


def test_board_shows_only_the_facilitators_sessions_and_what_is_missing(client, login, world):
    tabled_document(world)
    services.create_document(world.secretariat, world.forum, "Busan Outcome Document", "outcome_document", "en")
    db.session.commit()
    login(client, world.facilitator)
    page = client.get(f"/f/{world.forum.slug}/my-sessions").get_data(as_text=True)
    assert "Building good practices" in page and "Policy recommendations" not in page
    assert "1 session without submitted conclusions" in page
    login(client, world.participant)
    assert client.get(f"/f/{world.forum.slug}/my-sessions").status_code == 403


def test_secretariat_board_covers_every_session_and_can_act(client, login, world):
    login(client, world.secretariat)
    page = client.get(f"/manage/{world.forum.slug}/documents").get_data(as_text=True)
    assert "Building good practices" in page and "Policy recommendations" in page
    assert "2 sessions without any draft" in page
    response = client.post(
        f"{workspace_url(world, world.other_session)}/new",
        data=new_document_form(samples.odt_bytes(), "informe.odt"),
        content_type="multipart/form-data",
    )
    assert response.status_code == 302
    login(client, world.facilitator)
    assert client.get(f"/manage/{world.forum.slug}/documents").status_code == 403


def test_audit_trail_shows_every_step_to_the_secretariat_only(client, login, world):
    login(client, world.facilitator)
    client.post(
        f"{workspace_url(world)}/new", data=new_document_form(samples.pdf_bytes()), content_type="multipart/form-data"
    )
    document = db.session.scalar(select(Document))
    client.post(
        f"{workspace_url(world)}/{document.id}/versions",
        data=version_form(document, samples.pdf_bytes()),
        content_type="multipart/form-data",
    )
    client.post(f"{workspace_url(world)}/{document.id}/unlink")
    client.post(f"{workspace_url(world)}/link", data={"link-document_id": str(document.id)})
    client.post(
        f"/f/{world.forum.slug}/sessions/{world.session.id}/conclusions", data={"conclusions-body": "Trust first."}
    )
    client.post(f"/f/{world.forum.slug}/sessions/{world.session.id}/conclusions/submit")
    assert audit_actions(world) == [
        "document.created",
        "document.uploaded",
        "document.linked",
        "document.replaced",
        "document.unlinked",
        "document.linked",
        "conclusions.saved",
        "conclusions.submitted",
    ]
    assert client.get(f"/manage/{world.forum.slug}/audit").status_code == 403
    login(client, world.secretariat)
    page = client.get(f"/manage/{world.forum.slug}/audit").get_data(as_text=True)
    for label in ("New version uploaded", "Document taken off a session", "Conclusions submitted", "Ana Facilitator"):
        assert label in page


def conclusions_file_form(data, filename="conclusions.pdf", status="preliminary", note=""):
    return {
        "conclusions-file-file": (io.BytesIO(data), filename),
        "conclusions-file-status": status,
        "conclusions-file-note": note,
        "conclusions-file-language": "es",
    }


def test_a_facilitator_attaches_a_conclusions_file_then_a_new_version_of_it(client, login, world, archive_snapshot):
    login(client, world.facilitator)
    url = f"/f/{world.forum.slug}/sessions/{world.session.id}/conclusions/file"

    first = client.post(
        url,
        data=conclusions_file_form(samples.pdf_bytes("Conclusions", ["Trust first."])),
        content_type="multipart/form-data",
    )
    client.post(
        url,
        data=conclusions_file_form(
            samples.docx_bytes(paragraphs=["Trust and equity first."]), "conclusions.docx", "final", "Agreed in plenary"
        ),
        content_type="multipart/form-data",
    )

    assert first.status_code == 302
    document = services.conclusions_of(world.session).document
    assert (document.title, document.kind.value, document.language) == (
        "Conclusions and recommendations: Session 1. Building good practices",
        "outcome_document",
        "es",
    )
    assert [(version.number, version.status.value, version.note) for version in document.versions] == [
        (1, "preliminary", ""),
        (2, "final", "Agreed in plenary"),
    ]
    assert len(archive_snapshot()[0]) == 2
    assert "The conclusions document is attached." in client.get(first.headers["Location"]).get_data(as_text=True)


def test_a_conclusions_file_of_the_wrong_kind_is_refused_and_changes_nothing(client, login, world, archive_snapshot):
    login(client, world.facilitator)
    before = archive_snapshot()

    response = client.post(
        f"/f/{world.forum.slug}/sessions/{world.session.id}/conclusions/file",
        data=conclusions_file_form(samples.ELF_BYTES, "conclusions.pdf"),
        content_type="multipart/form-data",
    )

    assert response.status_code == 415
    assert "ELF executable" in response.get_data(as_text=True)
    assert archive_snapshot() == before
