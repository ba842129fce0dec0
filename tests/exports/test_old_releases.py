"""Releases stored before later additions to the snapshot still load, and every export builds from them."""

from types import SimpleNamespace

from workshop.exports.api import agenda_document
from workshop.exports.ical import calendar_bytes, whole_agenda
from workshop.forums.models import AgendaStatus
from workshop.publishing.release_view import Snapshot
from workshop.publishing.snapshot import stamp_revisions

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
