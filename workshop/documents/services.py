"""Write use-cases for drafts, their versions, their place in sessions, and session conclusions.

Each takes the acting user, records an audit entry, and leaves the commit to the caller.
"""

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import func, select

from workshop.core import audit
from workshop.core.archive import ArchiveError, EmptyFile, FileTooLarge
from workshop.core.audit_wording import session_facts
from workshop.core.files_in_transaction import discard_unless_committed
from workshop.core.queue import enqueue_after_commit, job
from workshop.core.refusals import Refused
from workshop.core.timezones import utcnow
from workshop.documents.archive import Archive, safe_original_name
from workshop.documents.filetypes import TYPES_BY_MEDIA_TYPE, UnsupportedFileType
from workshop.documents.models import (
    ConclusionStatus,
    Document,
    DocumentKind,
    DocumentVersion,
    SessionConclusion,
    SessionDocument,
    VersionStatus,
)
from workshop.documents.preparation import record_preparation
from workshop.documents.wording import describe_refusal
from workshop.extensions import db
from workshop.forums.services import lock_programme
from workshop.programme.models import ForumSession


class DocumentRefused(Refused):
    """A change to drafts or conclusions that the rules do not allow; its message says why."""

    status = 400


# What a refused upload answers with: the file's fault (empty, too large, not a document) has its own status.
UPLOAD_REFUSAL_STATUS = {EmptyFile: 400, FileTooLarge: 413, UnsupportedFileType: 415}


def archive_from_config():
    """Return the archive configured for this application."""
    config = current_app.config
    return Archive(config["UPLOAD_DIR"], int(config["MAX_UPLOAD_MB"]) * 1024 * 1024)


def create_document(actor, forum, title, kind, language, organisation=None, translation_of=None, session=None):
    """Create a document of the forum, without a file yet; `session` is the one it is drafted for, its owner."""
    if translation_of is not None and translation_of.forum_id != forum.id:
        raise DocumentRefused(_("A language version must belong to the same forum."))
    document = Document(
        forum=forum,
        title=title.strip(),
        kind=DocumentKind(kind),
        language=language,
        organisation=organisation,
        translation_of=_original_of(translation_of),
        session=session,
    )
    db.session.add(document)
    db.session.flush()
    audit.record(actor, "document.created", document.title, forum, document_id=document.id, language=language)
    return document


def _original_of(document):
    """Link translations to the original, never to another translation, so that a family stays one level deep."""
    if document is None:
        return None
    return document.translation_of or document


def upload_version(actor, document, stream, filename, status, note=""):
    """Archive a file as the document's next version; earlier versions stay as they were.

    The archive refuses empty, oversized and unaccepted files before any row is written; the file
    is removed again if the transaction that records it does not commit. Its text is read and
    compared with earlier versions afterwards, by a background job.
    """
    status = VersionStatus(status)
    archive = archive_from_config()
    try:
        stored = archive.store(stream)
    except (ArchiveError, UnsupportedFileType) as error:
        raise DocumentRefused(
            describe_refusal(error), field="file", status=UPLOAD_REFUSAL_STATUS.get(type(error), 400)
        ) from error
    discard_unless_committed(db.session(), archive, stored.stored_name)
    original_name = safe_original_name(filename, stored.file_type)
    # Uploaders of one forum take turns for the number, so versions follow each other without a clash.
    lock_programme(document.forum)
    number = _next_version_number(document)
    version = DocumentVersion(
        number=number,
        status=status,
        note=note.strip(),
        original_name=original_name,
        stored_name=stored.stored_name,
        size=stored.size,
        sha256=stored.sha256,
        media_type=stored.file_type.media_type,
        uploaded_by=actor,
        uploaded_at=utcnow(),
    )
    document.versions.append(version)
    db.session.add(version)
    db.session.flush()
    enqueue_after_commit(prepare_version, version.id)
    audit.record(
        actor,
        "document.uploaded" if number == 1 else "document.replaced",
        document.title,
        document.forum,
        document_id=document.id,
        version=number,
        status=version.status.value,
        file=version.original_name,
        sha256=version.sha256,
    )
    return version


def _next_version_number(document):
    """Return the number after the highest ever used; numbers are never reused or overwritten."""
    highest = (
        db.session.scalar(select(func.max(DocumentVersion.number)).where(DocumentVersion.document_id == document.id))
        if document.id
        else None
    )
    return (highest or 0) + 1


def link_document(actor, session, document):
    """Table an existing document of the forum for discussion in a session."""
    if document.forum_id != session.forum_id:
        raise DocumentRefused(_("Only documents of this forum can be tabled in its sessions."))
    if any(link.document_id == document.id for link in session.document_links):
        raise DocumentRefused(_("%(document)s is already tabled in this session.", document=document.title))
    if document.id in draft_conclusions_document_ids(session.forum):
        raise DocumentRefused(_("Conclusions can be tabled once they are submitted."))
    position = max((link.position for link in session.document_links), default=-1) + 1
    link = SessionDocument(document=document, position=position)
    session.document_links.append(link)
    db.session.flush()
    audit.record(
        actor, "document.linked", document.title, session.forum, document_id=document.id, **session_facts(session)
    )
    return link


def unlink_document(actor, session, document):
    """Take a document off a session's table; the document and its versions stay in the archive."""
    link = next((link for link in session.document_links if link.document_id == document.id), None)
    if link is None:
        raise DocumentRefused(_("%(document)s is not tabled in this session.", document=document.title))
    session.document_links.remove(link)
    db.session.flush()
    audit.record(
        actor, "document.unlinked", document.title, session.forum, document_id=document.id, **session_facts(session)
    )


def table_new_document(
    actor, session, title, kind, language, stream, filename, status, note="", organisation=None, translation_of=None
):
    """Create a document, archive its first version and table it in the session, in one go."""
    document = create_document(actor, session.forum, title, kind, language, organisation, translation_of, session)
    version = upload_version(actor, document, stream, filename, status, note)
    link_document(actor, session, document)
    return version


def draft_conclusions_document_ids(forum):
    """Return the ids of the forum's conclusions documents not submitted yet: their facilitators' work in progress."""
    return set(
        db.session.scalars(
            select(SessionConclusion.document_id)
            .join(SessionConclusion.session)
            .where(
                SessionConclusion.document_id.is_not(None),
                SessionConclusion.status == ConclusionStatus.DRAFT,
                ForumSession.forum_id == forum.id,
            )
        )
    )


def conclusions_of(session):
    """Return the session's conclusions, or None if nobody has started them."""
    return db.session.scalar(select(SessionConclusion).where(SessionConclusion.session_id == session.id))


def _conclusions_for_writing(session, actor):
    lock_programme(session.forum)
    conclusions = conclusions_of(session)
    if conclusions is None:
        conclusions = SessionConclusion(session=session, body="", status=ConclusionStatus.DRAFT)
        db.session.add(conclusions)
    conclusions.updated_by = actor
    conclusions.updated_at = utcnow()
    return conclusions


def save_conclusions(actor, session, body):
    """Save the conclusions text as a draft; changing submitted conclusions makes them a draft again.

    Saving the text as it stands changes nothing, not even who saved it last.
    """
    saved = conclusions_of(session)
    if (saved.body if saved else "") == body:
        return saved
    conclusions = _conclusions_for_writing(session, actor)
    changed = conclusions.body != body
    was_submitted = conclusions.is_submitted
    conclusions.body = body
    if changed and was_submitted:
        conclusions.status = ConclusionStatus.DRAFT
        conclusions.submitted_by = None
        conclusions.submitted_at = None
    db.session.flush()
    audit.record(
        actor,
        "conclusions.saved",
        session.title,
        session.forum,
        **session_facts(session),
        reopened=changed and was_submitted,
        characters=len(body),
    )
    return conclusions


def attach_conclusions_file(actor, session, stream, filename, status, language, note=""):
    """Archive a conclusions document for the session, as a new version if one is attached already."""
    conclusions = _conclusions_for_writing(session, actor)
    if conclusions.document is None:
        title = _("Conclusions and recommendations: %(session)s", session=str(session))
        conclusions.document = create_document(
            actor, session.forum, title[:500], DocumentKind.OUTCOME_DOCUMENT.value, language, session=session
        )
    version = upload_version(actor, conclusions.document, stream, filename, status, note)
    audit.record(
        actor,
        "conclusions.file_attached",
        session.title,
        session.forum,
        **session_facts(session),
        version=version.number,
    )
    return version


def submit_conclusions(actor, session):
    """Hand the conclusions to the secretariat; there must be a text or a document to hand over."""
    conclusions = conclusions_of(session)
    if conclusions is None or not (conclusions.body.strip() or conclusions.document_id):
        raise DocumentRefused(_("Write the conclusions or attach a document before submitting them."))
    if conclusions.is_submitted:
        raise DocumentRefused(_("These conclusions are already submitted."))
    conclusions.status = ConclusionStatus.SUBMITTED
    conclusions.submitted_by = actor
    conclusions.submitted_at = utcnow()
    db.session.flush()
    audit.record(actor, "conclusions.submitted", session.title, session.forum, **session_facts(session))
    return conclusions


def sweep_orphan_files(grace, now=None):
    """Quarantine the archive's files that no version records and that are older than `grace`; return their names.

    A worker killed between writing a file and committing its row leaves such a file behind. Meant
    to run on a schedule (and as `flask documents sweep-orphans`); files are moved, not deleted, so
    that an operator can look at them.
    """
    known = set(db.session.scalars(select(DocumentVersion.stored_name)))
    return archive_from_config().quarantine_unknown(known, (now or utcnow()) - grace)


@job(retries=3, retry_delay=60, preload=("workshop.documents.textextract",))
def prepare_version(version_id):
    """Read an uploaded version's text and compare it with its neighbours, once, after its upload commits."""
    version = db.session.get(DocumentVersion, version_id)
    if version is None or version.prepared_at is not None:
        return
    text = _extract_text(archive_from_config().path_of(version.stored_name), version) if version.has_text else ""
    record_preparation(version.id, version.document_id, text)
    db.session.commit()


def _extract_text(path, version):
    """Extract a version's text, loading the PDF, DOCX and ODT readers (about 60 MB) only where jobs run."""
    from workshop.documents.textextract import extract_text_within_limits

    return extract_text_within_limits(path, TYPES_BY_MEDIA_TYPE[version.media_type])
