"""Record an uploaded version's text and what changed since its neighbours, once, for every reader.

Reading a file's text means parsing it (in a limited child process), and comparing it with earlier
versions takes time that grows with their length; the job `services.prepare_version` does both
after the upload's transaction commits, and this module stores the results. The document page only
reads them, and says "being prepared" until they are there.
"""

from dataclasses import dataclass

from sqlalchemy import select

from workshop.core.locking import hold_write_lock
from workshop.core.timezones import utcnow
from workshop.documents.models import Document, DocumentVersion, VersionComparison
from workshop.documents.textdiff import DiffLine, TooLongToCompare, compare_texts
from workshop.extensions import db

# Each version is compared with this many versions before and after it that have text.
COMPARED_NEIGHBOURS = 5


def record_preparation(version_id, document_id, text):
    """Store a version's text and its comparisons with the prepared neighbours; the caller commits.

    One document's versions are recorded one after another (under the document's write lock), so
    that of two versions prepared at once, the second always finds the first and compares with it.
    """
    hold_write_lock(Document, document_id)
    db.session.expire_all()
    version = db.session.get(DocumentVersion, version_id)
    version.extracted_text, version.prepared_at = text, utcnow()
    db.session.flush()
    store_comparisons(version.document)


def store_comparisons(document):
    """Store every missing comparison between prepared versions with text that are near neighbours."""
    textual = [version for version in document.versions if version.prepared_at and version.extracted_text]
    stored = set(
        db.session.execute(
            select(VersionComparison.older_version_id, VersionComparison.newer_version_id).where(
                VersionComparison.newer_version_id.in_([version.id for version in textual])
            )
        ).all()
    )
    for position, newer in enumerate(textual):
        for older in textual[max(0, position - COMPARED_NEIGHBOURS) : position]:
            if (older.id, newer.id) not in stored:
                db.session.add(compare_versions(older, newer))


def compare_versions(older, newer):
    """Return the comparison of two versions' texts, marked too long when it would be refused."""
    try:
        lines = compare_texts(older.extracted_text, newer.extracted_text)
    except TooLongToCompare:
        return VersionComparison(older_version_id=older.id, newer_version_id=newer.id, lines=[], too_long=True)
    return VersionComparison(
        older_version_id=older.id, newer_version_id=newer.id, lines=[[line.kind, line.text] for line in lines]
    )


@dataclass(frozen=True)
class StoredComparison:
    """What the document page can say of two versions: their changes, or why it cannot show them (`state`)."""

    old: DocumentVersion
    new: DocumentVersion
    state: str
    lines: tuple = ()


def read_comparison(old, new):
    """Return the stored comparison of two versions (either order), without computing anything."""
    if old.prepared_at is None or new.prepared_at is None:
        return StoredComparison(old, new, "preparing")
    if not (old.extracted_text and new.extracted_text):
        return StoredComparison(old, new, "unreadable")
    if old.id == new.id:
        return StoredComparison(old, new, "ready")
    older, newer = sorted((old, new), key=lambda version: version.number)
    stored = db.session.scalar(
        select(VersionComparison).where(
            VersionComparison.older_version_id == older.id, VersionComparison.newer_version_id == newer.id
        )
    )
    if stored is None:
        return StoredComparison(old, new, "too_far")
    if stored.too_long:
        return StoredComparison(old, new, "too_long")
    lines = tuple(DiffLine(kind, text) for kind, text in stored.lines)
    return StoredComparison(old, new, "ready", lines if older is old else tuple(map(_reversed, lines)))


def _reversed(line):
    """Read a change backwards: what a later version added, an earlier one lacks."""
    return DiffLine({"added": "removed", "removed": "added"}.get(line.kind, line.kind), line.text)
