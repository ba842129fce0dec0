"""Tie a newly archived file to the database transaction that records it.

A file is written before its row is committed; if that transaction rolls back or is abandoned,
the file must go too, so that a failed upload leaves neither a row nor a file behind.
"""

from sqlalchemy import event
from sqlalchemy.orm import Session as DatabaseSession

PENDING_FILES_KEY = "workshop.core.files_awaiting_commit"


def discard_unless_committed(database_session, archive, stored_name):
    """Remove `stored_name` from `archive` when the current transaction ends without a commit."""
    if not database_session.in_transaction():
        database_session.begin()
    database_session.info.setdefault(PENDING_FILES_KEY, []).append((archive, stored_name))


@event.listens_for(DatabaseSession, "after_commit")
def _keep_committed_files(database_session):
    database_session.info.pop(PENDING_FILES_KEY, None)


@event.listens_for(DatabaseSession, "after_transaction_end")
def _discard_uncommitted_files(database_session, transaction):
    # Only the outermost transaction decides; a commit has already emptied the list.
    if transaction.parent is not None:
        return
    for archive, stored_name in database_session.info.pop(PENDING_FILES_KEY, []):
        archive.discard(stored_name)
