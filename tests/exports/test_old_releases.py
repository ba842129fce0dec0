"""Releases stored before later additions to the snapshot still load, and every export builds from them."""

from datetime import timedelta
from types import SimpleNamespace

from workshop.exports.api import agenda_document
from workshop.exports.ical import calendar_bytes, whole_agenda
from workshop.forums.models import AgendaStatus
from workshop.publishing.changes import Change, ChangeKind, compare_snapshots
from workshop.publishing.release_view import Snapshot
from workshop.publishing.snapshot import stamp_revisions
from workshop.publishing.wording import describe_change

from .agenda_samples import PUBLISHED_AT, build_bogota_snapshot


def stored_before_registration_and_versions():
    """Return a release as the first Workshop stored it (publishing/snapshot.py at the foundation commit).

    The concept note's sample names no working languages, restrictions or interpretation; this drops
    the document versions and the rendered outputs too (the hardening migration adds those to stored
    releases; an unmigrated copy must load as well).
    """
    data = stamp_revisions(build_bogota_snapshot(), None, PUBLISHED_AT.isoformat())
    assert "working_languages" not in data["forum"]
    del data["document_versions"]
    for session in data["sessions"].values():
        assert "restricted_to" not in session and "interpretation" not in session
        del session["outputs_html"]
    return data


def test_a_release_of_the_first_shape_loads_and_its_exports_build(app, links):
    release = SimpleNamespace(number=1, status=AgendaStatus.PRELIMINARY, published_at=PUBLISHED_AT)
    old = Snapshot.from_json(stored_before_registration_and_versions(), release)

    assert old.document_versions == {} and old.forum.working_languages == ()
    assert all(session.restricted_to is None and session.interpretation == () for session in old.sessions.values())
    assert all(session.outputs_html == "" for session in old.sessions.values())
    with app.test_request_context("/"):
        document = agenda_document(old, links)
        feed = calendar_bytes("Agenda", [whole_agenda(old)], links)
    assert [session["id"] for session in document["sessions"]] == sorted(
        old.sessions, key=lambda key: (old.sessions[key].starts_at, old.sessions[key].number, key)
    )
    assert all(each["current_version"] is None for each in document["documents"])
    assert feed.count(b"BEGIN:VEVENT") == len(old.sessions) + len(old.loose_items())


def published_after_every_addition(old):
    """Return the next release in today's shape: languages, a restriction, interpretation, versions, and two real changes."""
    data = build_bogota_snapshot()
    data["forum"]["working_languages"] = ["en", "es"]
    data["sessions"]["13"]["restricted_to"] = {"id": 7, "stakeholder": "government", "name": None}
    data["sessions"]["13"]["interpretation"] = [["en", "es"]]
    data["sessions"]["12"]["room"] = "Sala Cartagena"
    data["sessions"]["15"]["title"] = "Knowledge sharing for development"
    return stamp_revisions(data, old, (PUBLISHED_AT + timedelta(days=3)).isoformat())


def test_what_changed_since_a_release_of_the_first_shape_is_only_what_the_secretariat_changed(app):
    stored_old = stored_before_registration_and_versions()
    old = Snapshot.from_json(stored_old)
    new = Snapshot.from_json(published_after_every_addition(stored_old))

    changes = compare_snapshots(old, new)
    with app.test_request_context("/?lang=en"):
        sentences = [describe_change(change, old.forum.timezone).replace("\u202f", " ") for change in changes]

    assert changes == [
        Change(ChangeKind.MOVED, new.sessions[12], before=old.sessions[12]),
        Change(ChangeKind.RENAMED, new.sessions[15], before=old.sessions[15]),
    ], "what the old shape lacked (languages, restriction, interpretation, versions, outputs) is no change"
    assert sentences == [
        "Moved: Session 2. Producing policy recommendations for Busan., from Monday 26 September 2011,"
        " 3:00 PM–6:00 PM, Salón Bogotá to Monday 26 September 2011, 3:00 PM–6:00 PM, Sala Cartagena.",
        "Renamed: Session 5. How to improve the impact of Knowledge Sharing? is now"
        " Session 5. Knowledge sharing for development.",
    ]
