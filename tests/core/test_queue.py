"""The background queue: jobs leave at commit and never on rollback, and a real worker runs them.

The worker tests start `flask queue work` as a process of its own, on the embedded SQLite storage
and on a throwaway Debian `redis-server`, exactly as `make run` and a multi-host site do.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import build_test_config
from tests.queue_workers import (  # noqa: F401 (fixtures)
    each_queue_storage,
    parent_of,
    running_worker,
    throwaway_redis,
)
from workshop import create_app
from workshop.core import queue
from workshop.core.queue import enqueue_after_commit, enqueue_now, job, ping, shared_storage
from workshop.extensions import db

runs = []


@job()
def remember_run(value):
    """Record that the job ran, with the value it was given."""
    runs.append(value)


@job()
def ordinary_errand():
    """Wait in the queue at the default priority."""


@job(priority=5)
def urgent_errand():
    """Wait in the queue ahead of ordinary jobs."""


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


def test_a_worker_process_answers_through_the_shared_queue(queue_url, database_url, tmp_path):
    with running_worker(queue_url, database_url) as worker:
        web = create_app(build_test_config(database_url, tmp_path, QUEUE_IMMEDIATE=False, QUEUE_URL=queue_url))
        with web.app_context():
            answer = enqueue_now(ping).get(blocking=True, timeout=60)
        assert parent_of(answer["pid"]) == worker.pid, "one of the worker's processes answered"


def test_a_workers_jobs_run_at_a_lower_priority_than_the_web_requests_beside_it(queue_url, database_url, tmp_path):
    """A PDF laid out on the queue must not make the readers on the same host wait for the processor."""
    with running_worker(queue_url, database_url, nice=None) as worker:
        web = create_app(build_test_config(database_url, tmp_path, QUEUE_IMMEDIATE=False, QUEUE_URL=queue_url))
        with web.app_context():
            answer = enqueue_now(ping).get(blocking=True, timeout=60)
        ours = os.getpriority(os.PRIO_PROCESS, 0)
        assert os.getpriority(os.PRIO_PROCESS, worker.pid) == min(ours + queue.DEFAULT_NICENESS, 19)
        assert os.getpriority(os.PRIO_PROCESS, answer["pid"]) == min(ours + queue.DEFAULT_NICENESS, 19)


def test_a_forked_worker_process_opens_database_connections_of_its_own(app):
    inherited = db.engine.pool
    queue._forget_inherited_connections(app, os.getpid())
    assert db.engine.pool is inherited, "a worker thread of the same process keeps the pool"

    queue._forget_inherited_connections(app, os.getpid() + 1)
    assert db.engine.pool is not inherited, "a forked worker drops the pool it was born with"


def queued_app(database_url, tmp_path, queue_url):
    return create_app(build_test_config(database_url, tmp_path, QUEUE_IMMEDIATE=False, QUEUE_URL=queue_url))


def test_every_declared_job_can_wait_on_every_storage(queue_url, database_url, tmp_path):
    """An option a storage lacks fails here rather than in a request (Redis without priorities refused export builds)."""
    web = queued_app(database_url, tmp_path, queue_url)
    on_demand = [name for name, spec in queue._declared_jobs.items() if spec.schedule is None]
    with web.app_context():
        for name in on_demand:
            web.extensions[queue.EXTENSION_KEY].tasks[name]()
        assert shared_storage().pending_count() == len(on_demand)


def test_a_waiting_job_of_a_higher_priority_leaves_first_on_every_storage(queue_url, database_url, tmp_path):
    web = queued_app(database_url, tmp_path, queue_url)
    with web.app_context():
        enqueue_now(ordinary_errand)
        enqueue_now(urgent_errand)
        huey = shared_storage()
        assert [huey.dequeue().name, huey.dequeue().name] == ["urgent_errand", "ordinary_errand"]


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


PRELOAD_CHECK = """
import json, sys
from workshop import create_app
from workshop.core.queue import preload_job_modules
create_app({"SECRET_KEY": "preload", "DATABASE_URL": "sqlite://"})
before = {name.split(".")[0] for name in sys.modules}
named = preload_job_modules()
after = {name.split(".")[0] for name in sys.modules}
print(json.dumps({"named": named, "loaded": sorted(after - before)}))
"""


def test_the_consumer_preloads_the_renderers_and_readers_that_jobs_import_where_they_run():
    """In a fresh interpreter, as `flask queue work` starts: web workers never load these, worker processes share them."""
    checked = subprocess.run(
        [sys.executable, "-c", PRELOAD_CHECK],
        cwd=Path(__file__).resolve().parents[2],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )

    preloaded = json.loads(checked.stdout.splitlines()[-1])
    assert {"workshop.exports.pdf", "workshop.documents.textextract"} <= set(preloaded["named"])
    assert {"weasyprint", "pydyf", "docx", "pypdf"} <= set(preloaded["loaded"])


def run_work_command(app, monkeypatch, *arguments):
    """Run `flask queue work` with its consumer, its preloading and its niceness recorded instead of done."""
    happened, asked = [], {}

    class RecordingConsumer:
        def __init__(self, huey, **options):
            asked.update(options)
            happened.append(("consumer", options["worker_type"]))

        def run(self):
            happened.append("ran")

    monkeypatch.setattr(queue, "preload_job_modules", lambda: happened.append("preloaded"))
    monkeypatch.setattr(queue, "Consumer", RecordingConsumer)
    # Lowering this process's priority would slow every test after this one.
    monkeypatch.setattr(queue.os, "nice", lambda increment: happened.append(("nice", increment)))
    result = app.test_cli_runner().invoke(args=["queue", "work", *arguments])
    assert result.exit_code == 0, result.output
    return happened, asked


def test_the_work_command_preloads_before_the_consumer_forks_its_workers(app, monkeypatch):
    happened, _asked = run_work_command(app, monkeypatch)

    assert happened == [("nice", queue.DEFAULT_NICENESS), "preloaded", ("consumer", "process"), "ran"]


def test_an_idle_worker_looks_again_soon_after_a_job_then_backs_off(app, monkeypatch):
    _happened, asked = run_work_command(app, monkeypatch, "--max-delay", "0.5")

    # Huey's own first pause is a tenth of a second: a reader's build queued meanwhile would wait for it.
    assert asked["initial_delay"] <= 0.01
    assert asked["max_delay"] == 0.5
