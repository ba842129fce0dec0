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
"""

from sqlalchemy import select

from workshop.extensions import db


def hold_write_lock(model, row_id):
    """Hold the lock on one row of `model` (on SQLite, the database's write lock) until the transaction ends.

    No autoflush: changes made before the lock are written after it, in the same order everywhere,
    so two writers never hold each other's rows.
    """
    with db.session.no_autoflush:
        connection = db.session.connection()
        if connection.dialect.name == "sqlite":
            if not connection.connection.dbapi_connection.in_transaction:
                connection.exec_driver_sql("BEGIN IMMEDIATE")
            return
        primary_key = model.__table__.c.id
        db.session.execute(select(primary_key).where(primary_key == row_id).with_for_update())
