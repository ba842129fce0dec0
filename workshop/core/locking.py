"""Serialise writers that compete for the same thing (a forum's programme, a session's last places).

A rule checked against the database (no room double-booked, no more confirmed people than places)
holds under concurrent requests only if the writers that could break it run one after another.
`hold_write_lock(row)` makes the rest of the transaction wait for, and then exclude, every other
transaction that asks for the same row's lock, until it commits or rolls back:

- PostgreSQL: `SELECT … FOR UPDATE` on the row; in READ COMMITTED every later statement sees what
  the previous holder committed.
- SQLite: one writer at a time is the database's own rule, so the lock is the database's write lock,
  taken there and then with `BEGIN IMMEDIATE` (pysqlite would begin lazily, at the first write). A
  transaction that has written already holds it.

Take the lock before reading the state the rule is checked against, never after; and late, just
before the checks, so that slow work before it (storing an upload) holds nobody up.

`hold_named_lock(name)` does the same for something that has no row of its own (the failed
sign-ins of an e-mail address that may belong to no account): a transaction-scoped advisory lock
on PostgreSQL, the write lock on SQLite.
"""

import hashlib

from sqlalchemy import select, text

from workshop.extensions import db


def hold_write_lock(model, row_id):
    """Hold the lock on one row of `model` (on SQLite, the database's write lock) until the transaction ends.

    No autoflush: changes made before the lock are written after it, in the same order everywhere,
    so two writers never hold each other's rows.
    """
    with db.session.no_autoflush:
        if _hold_sqlite_write_lock():
            return
        primary_key = model.__table__.c.id
        db.session.execute(select(primary_key).where(primary_key == row_id).with_for_update())


def hold_named_lock(name):
    """Hold a lock on `name` until the transaction ends; others asking for the same name wait."""
    if _hold_sqlite_write_lock():
        return
    db.session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _advisory_key(name)})


def _hold_sqlite_write_lock():
    """On SQLite, take the database's write lock (if not held already) and say so; elsewhere do nothing."""
    connection = db.session.connection()
    if connection.dialect.name != "sqlite":
        return False
    if not connection.connection.dbapi_connection.in_transaction:
        connection.exec_driver_sql("BEGIN IMMEDIATE")
    return True


def _advisory_key(name):
    """Turn a name into the signed 64-bit number PostgreSQL's advisory locks take."""
    return int.from_bytes(hashlib.sha256(name.encode()).digest()[:8], "big", signed=True)
