"""The background queue: jobs leave at commit and never on rollback, and a real worker runs them.

The worker tests start `flask queue work` as a process of its own, on the embedded SQLite storage
and on a throwaway Debian `redis-server`, exactly as `make run` and a multi-host site do.
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import build_test_config
from workshop import create_app
from workshop.core import queue
from workshop.core.queue import enqueue_after_commit, enqueue_now, job, ping
from workshop.extensions import db

ROOT = Path(__file__).resolve().parents[2]
runs = []


@job()
def remember_run(value):
    """Record that the job ran, with the value it was given."""
    runs.append(value)


@pytest.fixture(autouse=True)
def forget_runs():
    runs.clear()


def test_a_job_leaves_when_its_transaction_commits(app):
    enqueue_after_commit(remember_run, "committed")
    assert runs == []
    db.session.commit()
    assert runs == ["committed"]


def test_a_job_of_a_rolled_back_transaction_never_runs(app):
    enqueue_after_commit(remember_run, "rolled back")
    db.session.rollback()
    db.session.commit()
    assert runs == []


def test_jobs_run_inside_the_application(app):
    assert enqueue_now(ping).get()["pid"] == os.getpid()


@pytest.fixture
def redis_url(tmp_path):
    """Start a throwaway redis-server on a Unix socket and return its address."""
    socket_path = tmp_path / "redis.sock"
    server = subprocess.Popen(
        [
            shutil.which("redis-server"),
            "--port",
            "0",
            "--unixsocket",
            str(socket_path),
            "--save",
            "",
            "--appendonly",
            "no",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        _wait_for(socket_path.exists)
        yield f"unix://{socket_path}"
    finally:
        server.terminate()
        server.wait(timeout=10)


def _wait_for(condition, attempts=200):
    import time

    for _ in range(attempts):
        if condition():
            return
        time.sleep(0.05)
    raise AssertionError("the server did not start")


@pytest.fixture(params=["sqlite", "redis"])
def queue_url(request, tmp_path):
    if request.param == "redis":
        return request.getfixturevalue("redis_url")
    return f"sqlite:///{tmp_path / 'queue.sqlite'}"


def test_a_worker_process_answers_through_the_shared_queue(queue_url, database_url, tmp_path):
    environment = {
        **os.environ,
        "WORKSHOP_QUEUE_URL": queue_url,
        "WORKSHOP_DATABASE_URL": database_url,
        "WORKSHOP_SECRET_KEY": "test-secret-key",
    }
    worker = subprocess.Popen(
        [sys.executable, "-m", "flask", "--app", "wsgi", "queue", "work", "--workers", "1"],
        cwd=ROOT,
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        web = create_app(build_test_config(database_url, tmp_path, QUEUE_IMMEDIATE=False, QUEUE_URL=queue_url))
        with web.app_context():
            answer = enqueue_now(ping).get(blocking=True, timeout=60)
        assert answer["pid"] == worker.pid
    finally:
        worker.terminate()
        worker.wait(timeout=30)


def test_the_check_command_fails_loudly_without_a_worker(database_url, tmp_path):
    web = create_app(
        build_test_config(
            database_url, tmp_path, QUEUE_IMMEDIATE=False, QUEUE_URL=f"sqlite:///{tmp_path / 'lonely.sqlite'}"
        )
    )
    result = web.test_cli_runner().invoke(args=["queue", "check", "--timeout", "1"])
    assert result.exit_code == 1
    assert "No worker answered" in result.output


def test_the_embedded_default_keeps_the_queue_in_the_instance_folder(tmp_path):
    huey = queue.build_huey({"QUEUE_IMMEDIATE": False, "QUEUE_URL": None}, tmp_path)
    assert Path(huey.storage.filename) == tmp_path / "queue.sqlite"
