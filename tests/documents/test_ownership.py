"""Who may add a version to a document is decided by the document's own record, not by where it is tabled."""

import io

import pytest
from sqlalchemy import select

from workshop.documents import services
from workshop.documents.models import DocumentVersion
from workshop.extensions import db

from . import samples


def workspace_url(world, session):
    return f"/f/{world.forum.slug}/sessions/{session.id}/documents"


def version_form(document):
    prefix = f"version-{document.id}"
    return {
        f"{prefix}-status": "revised",
        f"{prefix}-note": "",
        f"{prefix}-file": (io.BytesIO(samples.pdf_bytes()), "v2.pdf"),
    }


def add_version(client, world, session, document):
    return client.post(
        f"{workspace_url(world, session)}/{document.id}/versions",
        data=version_form(document),
        content_type="multipart/form-data",
    )


def version_count(document):
    db.session.expire_all()
    return len(db.session.scalars(select(DocumentVersion).where(DocumentVersion.document_id == document.id)).all())


def draft_of_the_first_session(world):
    version = services.table_new_document(
        world.facilitator,
        world.session,
        "Good practices paper",
        "paper",
        "en",
        io.BytesIO(samples.pdf_bytes()),
        "paper.pdf",
        "preliminary",
    )
    db.session.commit()
    return version.document


def test_a_draft_taken_off_its_session_does_not_become_another_facilitator_s(client, login, world):
    document = draft_of_the_first_session(world)
    services.unlink_document(world.secretariat, world.session, document)
    db.session.commit()
    login(client, world.other_facilitator)

    linked = client.post(f"{workspace_url(world, world.other_session)}/link", data={"link-document_id": document.id})
    response = add_version(client, world, world.other_session, document)

    assert linked.status_code == 302
    assert response.status_code == 403
    assert version_count(document) == 1


def test_another_session_s_conclusions_document_is_neither_offered_nor_taken(client, login, world):
    version = services.attach_conclusions_file(
        world.facilitator,
        world.session,
        io.BytesIO(samples.pdf_bytes("Conclusions", ["Trust first."])),
        "conclusions.pdf",
        "preliminary",
        "en",
    )
    db.session.commit()
    document = version.document
    login(client, world.other_facilitator)

    page = client.get(workspace_url(world, world.other_session)).get_data(as_text=True)
    linked = client.post(f"{workspace_url(world, world.other_session)}/link", data={"link-document_id": document.id})
    response = add_version(client, world, world.other_session, document)

    assert document.title not in page
    assert linked.status_code == 400
    assert response.status_code == 404
    assert version_count(document) == 1
    assert world.other_session.document_links == []


@pytest.mark.parametrize(
    "who, where",
    [("facilitator", "session"), ("secretariat", "other_session")],
    ids=["the owner, from its own session", "the secretariat, from anywhere"],
)
def test_versions_are_added_by_the_owner_and_the_secretariat_wherever_the_draft_is_tabled(
    client, login, world, who, where
):
    document = draft_of_the_first_session(world)
    services.link_document(world.secretariat, world.other_session, document)
    db.session.commit()
    login(client, getattr(world, who))

    assert add_version(client, world, getattr(world, where), document).status_code == 302
    assert version_count(document) == 2


def test_submitted_conclusions_may_be_tabled_for_discussion_elsewhere(client, login, world):
    version = services.attach_conclusions_file(
        world.facilitator,
        world.session,
        io.BytesIO(samples.pdf_bytes("Conclusions", ["Trust first."])),
        "conclusions.pdf",
        "preliminary",
        "en",
    )
    services.submit_conclusions(world.facilitator, world.session)
    db.session.commit()
    login(client, world.other_facilitator)

    linked = client.post(
        f"{workspace_url(world, world.other_session)}/link", data={"link-document_id": version.document_id}
    )
    response = add_version(client, world, world.other_session, version.document)

    assert linked.status_code == 302
    assert response.status_code == 403
