"""One writer at a time per forum's programme, so that the rules checked are the rules that hold.

PostgreSQL: a programme write locks the forum's row (`SELECT ... FOR UPDATE`) before it reads what
it checks, so two requests that book the same room, publish, or number a version take turns.
SQLite has one writer per database: the same call begins the transaction IMMEDIATE, taking the
write lock before the checks read, so they run inside the transaction that writes. Either way
the lock is taken late, just before the checks: a slow upload holds nobody up while it is stored.
"""
from sqlalchemy import select

from workshop.extensions import db


def lock_row(model, row_id):
    """Hold the row's lock (on SQLite, the database's write lock) until the transaction ends.

    No autoflush: changes made before the lock are written after it, in the same order everywhere,
    so two writers never hold each other's rows.
    """
    with db.session.no_autoflush:
        connection = db.session.connection()
        if connection.dialect.name == "sqlite":
            _take_sqlite_write_lock(connection)
        else:
            db.session.execute(select(model.id).where(model.id == row_id).with_for_update())


def _take_sqlite_write_lock(connection):
    # The driver opens a transaction only at the first write, and a write holds the lock already;
    # before it, reads ran on their own, so beginning IMMEDIATE here makes the rest one write.
    if not connection.connection.dbapi_connection.in_transaction:
        connection.exec_driver_sql("BEGIN IMMEDIATE")
