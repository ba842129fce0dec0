"""A real queue for tests that need one: its storage (embedded SQLite or a throwaway Debian redis-server)
and `flask queue work` running as a process of its own, as `make run` and a multi-host site run it.

A test module takes the fixtures `queue_url` (once per storage) and `redis_url` by importing
`each_queue_storage` and `throwaway_redis`; bench/mail_drain.py starts `redis_server` itself.
"""

import os
import shutil
import signal
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@contextmanager
def redis_server(folder):
    """Run a throwaway Debian redis-server on a Unix socket in `folder`, keeping nothing on disk; yield its address."""
    socket_path = Path(folder) / "redis.sock"
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
        wait_for(socket_path.exists, "the redis server to start")
        yield f"unix://{socket_path}"
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.fixture(name="redis_url")
def throwaway_redis(tmp_path):
    """Return the address of a redis-server that lives as long as the test."""
    with redis_server(tmp_path) as url:
        yield url


@pytest.fixture(name="queue_url", params=["sqlite", "redis"])
def each_queue_storage(request, tmp_path):
    """Return the address of a queue on each storage a site may use."""
    if request.param == "redis":
        return request.getfixturevalue("redis_url")
    return f"sqlite:///{tmp_path / 'queue.sqlite'}"


def wait_for(condition, what, seconds=60):
    """Poll `condition` until it holds; fail naming `what` if it never does."""
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"waited {seconds} s for {what}")
        time.sleep(0.05)


@contextmanager
def running_worker(queue_url, database_url, workers=1, nice=0, **settings):
    """Run `flask queue work` on that queue and database, with extra WORKSHOP_* `settings`; yield its process.

    The worker runs at the tests' own priority (`nice=None`: the command's default, lower): niced, it
    would wait behind the other test stages that share CI's two cores. On leaving, the worker is
    stopped as an operator stops it (SIGINT): the jobs it is running finish first.
    """
    environment = {
        **os.environ,
        "WORKSHOP_QUEUE_URL": queue_url,
        "WORKSHOP_DATABASE_URL": database_url,
        "WORKSHOP_SECRET_KEY": "test-secret-key",
        **{f"WORKSHOP_{name}": str(value) for name, value in settings.items()},
    }
    worker = subprocess.Popen(
        [sys.executable, "-m", "flask", "--app", "wsgi", "queue", "work", "--workers", str(workers)]
        + ([] if nice is None else ["--nice", str(nice)]),
        cwd=ROOT,
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        yield worker
    finally:
        worker.send_signal(signal.SIGINT)
        try:
            worker.wait(timeout=30)
        except subprocess.TimeoutExpired:
            worker.kill()
            worker.wait()


def parent_of(pid):
    """Return the parent process of `pid`, as Linux's /proc tells it: a worker process's is the consumer."""
    status = Path(f"/proc/{pid}/status").read_text().splitlines()
    return int(next(line.split()[1] for line in status if line.startswith("PPid:")))
