"""The agenda PDF, feed and JSON of a release are built on the queue, once each, and web workers only send them.

The suite's queue runs jobs at once, in the process that queues them (QUEUE_IMMEDIATE);
tests/exports/test_builds_on_a_worker.py runs a real worker beside a live server.
"""

import gc
import time
from datetime import datetime

import pytest

from workshop.core.queue import _declared_jobs, job_name, shared_storage
from workshop.exports import builds, pdf

LANGUAGES = ("en", "es", "fr")
AGENDA_URLS = {
    "agenda.ics": "/f/bogota-2011/agenda.ics",
    "agenda.json": "/api/v1/forums/bogota-2011/agenda",
    "agenda.pdf": "/f/bogota-2011/agenda.pdf",
}


@pytest.fixture
def built(monkeypatch):
    """Record every build that runs, as (release id, kind, language), in the order they run."""
    runs = []
    real = builds.build_export

    def recording(release_id, kind, language):
        runs.append((release_id, kind, language))
        return real(release_id, kind, language)

    monkeypatch.setattr(builds, "build_export", recording)
    return runs


def test_publishing_builds_each_export_once_per_language_feeds_and_json_before_pdfs(
    app, client, login, bogota_forum, built, count_renders
):
    app.config["WARM_EXPORTS_AFTER_PUBLISHING"] = True
    login(client, bogota_forum.secretary)

    assert client.post("/manage/bogota-2011/releases", data={"status": "final"}).status_code == 302

    release = builds.latest_release(bogota_forum.forum)
    assert [(kind, language) for _, kind, language in built] == [
        (kind, language) for kind in ("agenda.ics", "agenda.json", "agenda.pdf") for language in LANGUAGES
    ]
    assert {release_id for release_id, _, _ in built} == {release.id}
    assert len(count_renders) == len(LANGUAGES)
    for kind, url in AGENDA_URLS.items():
        for language in LANGUAGES:
            response = client.get(url, headers={"Accept-Language": language})
            assert response.status_code == 200, (kind, language)
            assert response.data == builds.stored_export(release, builds.PREBUILT[kind], language)
    assert len(built) == len(AGENDA_URLS) * len(LANGUAGES), "a reader's request built an export again"
    assert len(count_renders) == len(LANGUAGES)


def test_nothing_is_built_at_publishing_when_switched_off(app, client, login, bogota_forum, built):
    login(client, bogota_forum.secretary)
    assert client.post("/manage/bogota-2011/releases", data={"status": "final"}).status_code == 302
    assert built == []


def test_a_build_already_claimed_is_not_queued_again_and_the_reader_is_asked_to_come_back(
    client, bogota_forum, built, count_renders
):
    release = bogota_forum.release
    assert builds.request_build(release, builds.PDF, "en") is True
    assert builds.request_build(release, builds.PDF, "en") is False
    assert len(built) == 1

    # A worker elsewhere has taken the Spanish PDF and is laying it out.
    shared_storage().put_if_empty(builds.claim_key(release, builds.PDF, "es"), time.time())
    response = client.get("/f/bogota-2011/agenda.pdf", headers={"Accept-Language": "es"})

    assert response.status_code == 503
    assert response.headers["Retry-After"] == str(builds.PDF.retry_after_seconds)
    assert response.headers["Cache-Control"] == "no-store"
    assert "se está preparando" in response.get_data(as_text=True)
    assert len(built) == 1 and len(count_renders) == 1


def test_a_claim_older_than_any_build_is_taken_again(app, client, bogota_forum, built):
    release = bogota_forum.release
    too_old = time.time() - app.config["EXPORT_BUILD_TIMEOUT"] - 1
    shared_storage().put_if_empty(builds.claim_key(release, builds.FEED, "en"), too_old)

    assert client.get("/f/bogota-2011/agenda.ics").status_code == 200
    assert built == [(release.id, "agenda.ics", "en")]


def test_a_claim_just_younger_than_the_timeout_is_left_alone(app, bogota_forum, built):
    release = bogota_forum.release
    recent = time.time() - app.config["EXPORT_BUILD_TIMEOUT"] + 60
    shared_storage().put_if_empty(builds.claim_key(release, builds.FEED, "en"), recent)

    assert builds.request_build(release, builds.FEED, "en") is False
    assert built == []


def test_the_build_of_a_superseded_release_does_nothing(app, bogota_forum, publish):
    older = bogota_forum.release
    publish(bogota_forum.forum, bogota_forum.secretary, status="final")

    assert builds.build_export(older.id, "agenda.pdf", "en") == "superseded"
    assert builds.stored_export(older, builds.PDF, "en") is None


def test_a_failed_build_leaves_no_claim_so_that_the_next_reader_queues_it_again(
    client, bogota_forum, built, monkeypatch
):
    def broken(*arguments, **keywords):
        raise RuntimeError("the renderer crashed")

    working = pdf.render_pdf
    monkeypatch.setattr(pdf, "render_pdf", broken)
    assert client.get("/f/bogota-2011/agenda.pdf").status_code == 503
    assert shared_storage().get(builds.claim_key(bogota_forum.release, builds.PDF, "en"), peek=True) is None

    monkeypatch.setattr(pdf, "render_pdf", working)
    assert client.get("/f/bogota-2011/agenda.pdf").status_code == 200
    assert len(built) == 2


def test_a_second_web_host_sends_what_the_first_one_s_worker_built(
    app, make_app, bogota_forum, count_renders, tmp_path
):
    """Two hosts share the database and the upload volume, nothing else: no cache folder, no queue storage."""
    first = app.test_client()
    assert first.get("/f/bogota-2011/agenda.pdf").status_code == 200
    other = make_app(CACHE_DIR=str(tmp_path / "other-host-cache"))
    assert other.config["EXPORT_DIR"] == app.config["EXPORT_DIR"]

    second = other.test_client().get("/f/bogota-2011/agenda.pdf")

    assert second.status_code == 200
    assert second.data == first.get("/f/bogota-2011/agenda.pdf").data
    assert len(count_renders) == 1


def test_the_publish_page_shows_each_build_until_every_export_is_ready(app, client, login, bogota_forum):
    login(client, bogota_forum.secretary)
    release = bogota_forum.release
    shared_storage().put_if_empty(builds.claim_key(release, builds.PDF, "fr"), time.time())
    assert client.get("/f/bogota-2011/agenda.ics").status_code == 200

    page = client.get("/manage/bogota-2011/releases").get_data(as_text=True)
    assert "Exports of release 1" in page
    assert "Calendar feed (EN): ready" in page
    assert "PDF agenda (FR): being prepared" in page
    assert "JSON agenda (ES): built when first asked for" in page
    assert "Every export is ready." not in page

    app.config["WARM_EXPORTS_AFTER_PUBLISHING"] = True
    assert client.post("/manage/bogota-2011/releases", data={"status": "final"}).status_code == 302
    page = client.get("/manage/bogota-2011/releases").get_data(as_text=True)
    assert "Exports of release 2" in page and "Every export is ready." in page
    assert page.count(": ready</li>") == len(AGENDA_URLS) * len(LANGUAGES)


@pytest.mark.parametrize("kind", ["agenda.ics", "agenda.pdf"])
def test_a_finished_build_leaves_no_claim_behind(client, bogota_forum, kind):
    assert client.get(AGENDA_URLS[kind]).status_code == 200

    assert shared_storage().get(builds.claim_key(bogota_forum.release, builds.PREBUILT[kind], "en"), peek=True) is None


@pytest.mark.parametrize("kind", ["agenda.ics", "agenda.pdf"])
def test_the_cycle_collector_frees_a_build_s_garbage_only_once_its_export_is_stored(bogota_forum, monkeypatch, kind):
    collector_on_when_stored = []
    store = builds.cached_bytes

    def watched_store(*arguments, **keywords):
        body = store(*arguments, **keywords)
        collector_on_when_stored.append(gc.isenabled())
        return body

    monkeypatch.setattr(builds, "cached_bytes", watched_store)

    assert builds.build_export(bogota_forum.release.id, kind, "en") == "built"

    assert collector_on_when_stored == [False]
    assert gc.isenabled()
    assert builds.stored_export(bogota_forum.release, builds.PREBUILT[kind], "en") is not None


def test_a_superseded_build_leaves_no_claim_behind(bogota_forum, publish):
    older = bogota_forum.release
    shared_storage().put_if_empty(builds.claim_key(older, builds.PDF, "en"), time.time())
    publish(bogota_forum.forum, bogota_forum.secretary, status="final")

    assert builds.build_export(older.id, "agenda.pdf", "en") == "superseded"
    assert shared_storage().get(builds.claim_key(older, builds.PDF, "en"), peek=True) is None


def test_the_sweep_drops_only_build_claims_older_than_any_build(app, bogota_forum):
    release = bogota_forum.release
    storage = shared_storage()
    timeout = app.config["EXPORT_BUILD_TIMEOUT"]
    storage.put_if_empty(builds.claim_key(release, builds.PDF, "en"), time.time() - timeout - 1)
    storage.put_if_empty(builds.claim_key(release, builds.PDF, "es"), time.time() - timeout + 60)
    storage.put_if_empty("something-else|1", time.time() - timeout - 1)

    assert builds.sweep_stale_claims() == 1

    assert storage.get(builds.claim_key(release, builds.PDF, "en"), peek=True) is None
    assert storage.get(builds.claim_key(release, builds.PDF, "es"), peek=True) is not None
    assert storage.get("something-else|1", peek=True) is not None


def test_the_sweep_runs_on_the_queue_every_quarter_hour(app):
    schedule = _declared_jobs[job_name(builds.sweep_stale_claims)].schedule

    assert [minute for minute in range(60) if schedule(datetime(2026, 11, 30, 10, minute))] == [0, 15, 30, 45]


# The JSON says its release in its body, and is read by pages, not saved as a file.
MARKED_DISPOSITIONS = {
    "agenda.ics": 'attachment; filename="bogota-2011-release-1.ics"',
    "agenda.pdf": 'attachment; filename="bogota-2011-agenda-release-1.pdf"',
    "agenda.json": None,
}


@pytest.mark.parametrize("kind", list(AGENDA_URLS))
def test_a_reader_arriving_during_a_build_gets_the_previous_release_marked_as_such(
    client, bogota_forum, publish, built, kind
):
    export = builds.PREBUILT[kind]
    first = bogota_forum.release
    assert client.get(AGENDA_URLS[kind]).status_code == 200
    second = publish(bogota_forum.forum, bogota_forum.secretary, status="final")
    # A worker elsewhere is building the new release's export.
    shared_storage().put_if_empty(builds.claim_key(second, export, "en"), time.time())

    response = client.get(AGENDA_URLS[kind])

    assert response.status_code == 200
    assert response.data == builds.stored_export(first, export, "en")
    assert response.headers["Workshop-Release"] == "1"
    assert response.headers["Workshop-Latest-Release"] == "2"
    assert response.headers.get("Content-Disposition") == MARKED_DISPOSITIONS[kind]
    assert response.headers["Cache-Control"] == "no-store"
    assert "ETag" not in response.headers
    assert built == [(first.id, kind, "en")], "the web request built nothing"

    shared_storage().delete(builds.claim_key(second, export, "en"))
    latest = client.get(AGENDA_URLS[kind])
    assert latest.status_code == 200
    assert "Workshop-Release" not in latest.headers
    assert latest.data == builds.stored_export(second, export, "en")
