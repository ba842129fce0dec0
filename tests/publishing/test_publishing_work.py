"""What publishing reads: the programme once, and no release's frozen programme it does not need.

At 400 sessions the secretariat's publish request is part of every "ready after publishing" figure
(docs/benchmarks.md): loading the sessions twice, or parsing a release's snapshot that nobody reads,
shows there. The public changelog compares each pair of releases once per language, not on every view.
"""

import re
from datetime import timedelta

import pytest
from sqlalchemy import event, inspect, select

from workshop.extensions import db
from workshop.forums.models import Forum
from workshop.programme.models import ForumSession
from workshop.programme.services import block_window, programme_conflicts
from workshop.publishing import views as publishing_views
from workshop.publishing.changes import compare_snapshots
from workshop.publishing.models import AgendaRelease
from workshop.publishing.services import latest_release, list_releases, publish_release
from workshop.publishing.snapshot import load_sessions


@pytest.fixture
def two_blocks_forum(create_forum, create_day, create_block, create_room, create_session):
    forum = create_forum()
    day = create_day(forum)
    room = create_room(forum, "Salón Bolívar")
    for start, end in (("09:00", "10:30"), ("11:00", "12:30")):
        block = create_block(day, start, end)
        create_session(forum, block, f"Session at {start}", start, end, room=room)
    db.session.commit()
    return forum


def test_the_conflicts_of_loaded_sessions_name_each_session_s_own_block(two_blocks_forum):
    late = db.session.scalar(select(ForumSession).where(ForumSession.title == "Session at 11:00"))
    late.ends_at += timedelta(hours=1)
    db.session.commit()

    given = programme_conflicts(two_blocks_forum, load_sessions(two_blocks_forum))

    assert [(conflict.subject, conflict.other) for conflict in given] == [
        (str(late), block_window(late.block, two_blocks_forum.timezone).label)
    ]
    assert given == programme_conflicts(two_blocks_forum), "the same as when it loads them itself"


class Statements:
    """Record the SQL statements the engine runs inside the `with` block."""

    def __enter__(self):
        self.seen = []
        event.listen(db.engine, "before_cursor_execute", self._record)
        return self

    def __exit__(self, *exception):
        event.remove(db.engine, "before_cursor_execute", self._record)

    def _record(self, connection, cursor, statement, *rest):
        self.seen.append(" ".join(statement.split()))

    def selecting_from(self, table):
        return [statement for statement in self.seen if re.search(rf"\bFROM {table}\b", statement)]

    def reading_column(self, table, column):
        return [statement for statement in self.seen if f"{table}.{column}" in statement.split(" FROM ")[0]]


def test_publishing_loads_the_sessions_once_for_the_conflicts_and_the_snapshot(two_blocks_forum):
    with Statements() as statements:
        release = publish_release(None, two_blocks_forum, "preliminary")
        db.session.commit()

    assert len(statements.selecting_from("forum_sessions")) == 1, statements.selecting_from("forum_sessions")
    assert len(release.snapshot["sessions"]) == 2


def test_publishing_reads_only_the_previous_snapshot(two_blocks_forum):
    publish_release(None, two_blocks_forum, "preliminary")
    db.session.commit()

    with Statements() as statements:
        release = publish_release(None, two_blocks_forum, "final")
        db.session.commit()
        assert release.number == 2, "the release is reloaded after its commit"

    read = statements.reading_column("agenda_releases", "snapshot")
    assert len(read) == 1, f"the previous release's snapshot only (for its revision stamps): {read}"


def test_listing_releases_leaves_their_snapshots_unread(two_blocks_forum):
    for status in ("preliminary", "final"):
        publish_release(None, two_blocks_forum, status)
        db.session.commit()
    forum_id = two_blocks_forum.id
    db.session.expunge_all()
    forum = db.session.get(Forum, forum_id)

    listed = list_releases(forum)
    newest = latest_release(forum)

    assert [release.number for release in listed] == [2, 1]
    assert all("snapshot" in inspect(release).unloaded for release in [*listed, newest])
    assert newest.snapshot["sessions"], "read when asked for"


def test_a_release_reloaded_by_its_key_leaves_its_snapshot_unread(two_blocks_forum):
    release = publish_release(None, two_blocks_forum, "preliminary")
    db.session.commit()
    release_id = release.id
    db.session.expunge_all()

    assert "snapshot" in inspect(db.session.get(AgendaRelease, release_id)).unloaded


def test_the_changelog_says_what_each_release_changed_once_in_each_language(client, two_blocks_forum, monkeypatch):
    publish_release(None, two_blocks_forum, "preliminary")
    early = db.session.scalar(select(ForumSession).where(ForumSession.title == "Session at 09:00"))
    early.title = "Opening plenary"
    publish_release(None, two_blocks_forum, "final")
    db.session.commit()
    compared = []
    monkeypatch.setattr(
        publishing_views, "compare_snapshots", lambda *pair: compared.append(pair) or compare_snapshots(*pair)
    )
    url = f"/f/{two_blocks_forum.slug}/agenda/changes"

    first = client.get(url, headers={"Accept-Language": "en"}).get_data(as_text=True)
    again = client.get(url, headers={"Accept-Language": "en"}).get_data(as_text=True)
    spanish = client.get(url, headers={"Accept-Language": "es"}).get_data(as_text=True)

    assert "Renamed: Session at 09:00 is now Opening plenary." in first
    assert again == first
    assert "Cambio de nombre: Session at 09:00 pasa a ser Opening plenary." in re.sub("<[^>]+>", "", spanish)
    assert len(compared) == 2, "compared once for English, once for Spanish"


def test_the_changelog_shows_a_new_release_beside_those_it_said_before(client, two_blocks_forum):
    url = f"/f/{two_blocks_forum.slug}/agenda/changes"
    publish_release(None, two_blocks_forum, "preliminary")
    early = db.session.scalar(select(ForumSession).where(ForumSession.title == "Session at 09:00"))
    early.title = "Opening plenary"
    publish_release(None, two_blocks_forum, "preliminary")
    db.session.commit()
    client.get(url)
    early.title = "Welcome"
    publish_release(None, two_blocks_forum, "final")
    db.session.commit()

    page = client.get(url).get_data(as_text=True)

    assert "Renamed: Opening plenary is now Welcome." in page
    assert "Renamed: Session at 09:00 is now Opening plenary." in page
