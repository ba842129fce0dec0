"""Two web hosts that share only the database, the queue (Redis) and the upload volume both send the exports
a queue worker built, and neither builds one itself.

Each host is a process of its own (tests/exports/web_host_that_cannot_build.py: its builders raise) with
a cache folder of its own; `flask queue work` runs as a third process, as docs/deploy.md lays a site out.
The first host's readers ask first (their requests queue the builds); the second host has never been
asked, and must send the same bytes at its first request.
"""

import os
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path

import requests

from tests.conftest import free_loopback_port
from tests.queue_workers import running_worker, throwaway_redis, wait_for  # noqa: F401 (fixtures)

HOST_SCRIPT = Path(__file__).with_name("web_host_that_cannot_build.py")
EXPORTS = ("/f/bogota-2011/agenda.ics", "/api/v1/forums/bogota-2011/agenda", "/f/bogota-2011/agenda.pdf")
TIMEOUT = 120


@contextmanager
def web_host(settings):
    """Run one web host on a free loopback port with these WORKSHOP_* `settings`; yield its base URL."""
    port = free_loopback_port()
    environment = {**os.environ, **{f"WORKSHOP_{name}": str(value) for name, value in settings.items()}}
    host = subprocess.Popen(
        [sys.executable, str(HOST_SCRIPT), str(port)],
        env=environment,
        stdout=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(lambda: answers(base), "a web host to start", TIMEOUT)
        yield base
    finally:
        host.terminate()
        host.wait(timeout=30)


def answers(base):
    try:
        return requests.get(base + "/", timeout=5).ok
    except requests.ConnectionError:
        return False


def latest_release_answer(base, path, language):
    """Return the host's answer if it is the latest release's export, else None (being built, or the previous one)."""
    response = requests.get(base + path, headers={"Accept-Language": language}, timeout=TIMEOUT)
    if response.status_code == 200 and "Workshop-Latest-Release" not in response.headers:
        return response
    assert response.status_code in (200, 503), (path, language, response.status_code)
    return None


def once_built(base, path, language):
    """Ask the host until it sends the latest release's export (its first request queues the build); return that answer."""
    answer = None

    def ready():
        nonlocal answer
        answer = latest_release_answer(base, path, language)
        return answer is not None

    wait_for(ready, f"{base} to send {path} in {language}", TIMEOUT)
    return answer


def test_two_web_hosts_send_the_exports_a_worker_built_without_building_them(
    app, bogota_forum, database_url, redis_url, tmp_path
):
    shared = {
        "DATABASE_URL": database_url,
        "QUEUE_URL": redis_url,
        "UPLOAD_DIR": app.config["UPLOAD_DIR"],
        "SITE_URL": app.config["SITE_URL"],
        "SECRET_KEY": app.config["SECRET_KEY"],
    }
    with (
        running_worker(redis_url, database_url, workers=2, CACHE_DIR=tmp_path / "worker-cache", **shared),
        web_host({**shared, "CACHE_DIR": tmp_path / "first-host-cache"}) as first,
        web_host({**shared, "CACHE_DIR": tmp_path / "second-host-cache"}) as second,
    ):
        for path in EXPORTS:
            for language in app.config["LANGUAGES"]:
                from_first = once_built(first, path, language)
                from_second = latest_release_answer(second, path, language)
                assert from_second is not None, (path, language)
                assert from_second.content == from_first.content
