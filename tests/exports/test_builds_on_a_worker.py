"""Secretariat members publish at the same moment, a real queue worker builds the exports, and web workers only send them.

The web app is served on a loopback port with a queue that is not immediate (SQLite storage in the
test's folder); `flask queue work` runs as a process of its own on the same database, as `make run`
and a production site run it.
"""

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests

from tests.concurrency.conftest import all_at_once, served, signed_in_at
from workshop.accounts.models import ForumRoleName
from workshop.exports import builds
from workshop.extensions import db

ROOT = Path(__file__).resolve().parents[2]
TIMEOUT = 120
PUBLISHERS = 3


@pytest.fixture
def queued_app(make_app, tmp_path):
    """Return a web app whose jobs wait in a shared SQLite queue for a worker, and that queues builds at publishing."""
    return make_app(
        QUEUE_IMMEDIATE=False,
        QUEUE_URL=f"sqlite:///{tmp_path / 'queue.sqlite'}",
        WARM_EXPORTS_AFTER_PUBLISHING=True,
    )


@pytest.fixture
def queued_live_url(queued_app):
    with served(queued_app) as url:
        yield url


@pytest.fixture
def queue_worker(queued_app, database_url):
    """Run `flask queue work` on the web app's database, queue, site address and upload volume."""
    config = queued_app.config
    environment = {
        **os.environ,
        "WORKSHOP_DATABASE_URL": database_url,
        "WORKSHOP_SECRET_KEY": config["SECRET_KEY"],
        "WORKSHOP_QUEUE_URL": config["QUEUE_URL"],
        "WORKSHOP_SITE_URL": config["SITE_URL"],
        "WORKSHOP_UPLOAD_DIR": config["UPLOAD_DIR"],
        "WORKSHOP_CACHE_DIR": config["CACHE_DIR"] + "-worker",
    }
    worker = subprocess.Popen(
        # At the tests' own priority, as in tests/queue_workers.py.
        [sys.executable, "-m", "flask", "--app", "wsgi", "queue", "work", "--workers", "2", "--nice", "0"],
        cwd=ROOT,
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    yield worker
    worker.terminate()
    worker.wait(timeout=30)


def stored_exports(app, release):
    """Return the (kind, language) of every export of `release` that a build has stored."""
    with app.test_request_context("/"):
        return {
            (kind, language)
            for kind, export in builds.PREBUILT.items()
            for language in app.config["LANGUAGES"]
            if builds.stored_export(release, export, language) is not None
        }


def test_concurrent_publications_are_built_by_the_worker_and_sent_by_the_web_without_rendering(
    app, queued_app, queued_live_url, queue_worker, bogota_forum, create_user, count_renders
):
    publishers = [
        signed_in_at(queued_live_url, create_user(roles={bogota_forum.forum: [ForumRoleName.SECRETARIAT]}))
        for _ in range(PUBLISHERS)
    ]
    url = f"{queued_live_url}/manage/bogota-2011/releases"

    answers = all_at_once(
        [
            lambda client=client: client.post(url, data={"status": "final"}, allow_redirects=False, timeout=TIMEOUT)
            for client in publishers
        ]
    )

    assert [answer.status_code for answer in answers] == [302] * PUBLISHERS
    db.session.expire_all()
    latest = builds.latest_release(bogota_forum.forum)
    assert latest.number == 1 + PUBLISHERS
    every_export = {(kind, language) for kind in builds.PREBUILT for language in app.config["LANGUAGES"]}
    deadline = time.monotonic() + TIMEOUT
    while stored_exports(queued_app, latest) != every_export and time.monotonic() < deadline:
        assert queue_worker.poll() is None, "the queue worker stopped"
        time.sleep(0.2)
    assert stored_exports(queued_app, latest) == every_export

    reader = requests.Session()
    for path in ("/f/bogota-2011/agenda.pdf", "/f/bogota-2011/agenda.ics", "/api/v1/forums/bogota-2011/agenda"):
        for language in app.config["LANGUAGES"]:
            response = reader.get(queued_live_url + path, headers={"Accept-Language": language}, timeout=TIMEOUT)
            assert response.status_code == 200, (path, language)
    assert count_renders == [], "a web worker laid out the agenda PDF"
