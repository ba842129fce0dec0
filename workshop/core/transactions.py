"""One writer at a time per forum's programme, so that the rules checked are the rules that hold.

PostgreSQL: a programme write locks the forum's row (`SELECT ... FOR UPDATE`) before it reads what
it checks, so two requests that book the same room, publish, or number a version take turns.
SQLite has one writer per database: a POST request's transaction begins IMMEDIATE, taking the
write lock before its first read, so its checks run inside the transaction that writes.
"""
from flask import has_request_context, request
from sqlalchemy import event, select
from sqlalchemy.engine import Engine

from workshop.extensions import db

WRITING_METHODS = {"POST", "PUT", "PATCH", "DELETE"}


@event.listens_for(Engine, "begin")
def _begin_sqlite_writes_immediately(connection):
    if connection.dialect.name == "sqlite" and has_request_context() and request.method in WRITING_METHODS:
        connection.exec_driver_sql("BEGIN IMMEDIATE")


def lock_row(model, row_id):
    """Hold the row's lock until the transaction ends (a no-op statement on SQLite, which locks the database).

    No autoflush: changes made before the lock are written after it, in the same order everywhere,
    so two writers never hold each other's rows.
    """
    with db.session.no_autoflush:
        db.session.execute(select(model.id).where(model.id == row_id).with_for_update())
