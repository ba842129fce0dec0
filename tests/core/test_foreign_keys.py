"""Deleting a parent row does to its children what the schema says, on SQLite as on PostgreSQL."""

from sqlalchemy import select

from workshop.documents.models import SessionConclusion
from workshop.extensions import db
from workshop.programme.models import ForumSession


def test_a_deleted_session_takes_its_conclusions_along(create_forum, create_day, create_block, create_session):
    forum = create_forum()
    session = create_session(forum, create_block(create_day(forum)), "Session with conclusions")
    db.session.add(SessionConclusion(session_id=session.id, body="Agreed recommendations"))
    db.session.commit()

    db.session.delete(session)
    db.session.commit()

    assert db.session.scalars(select(SessionConclusion)).all() == []


def test_a_deleted_track_leaves_its_sessions_without_a_track(
    create_forum, create_day, create_block, create_session, create_track
):
    forum = create_forum()
    track = create_track(forum)
    session = create_session(forum, create_block(create_day(forum)), "Tracked session", track=track)

    db.session.delete(track)
    db.session.commit()

    assert db.session.get(ForumSession, session.id).track_id is None
