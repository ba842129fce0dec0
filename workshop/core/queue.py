"""Background work on a Huey queue: SQLite storage on one machine, Redis when several hosts share it.

A feature declares a job with `@job(...)` (or `@periodic_job(schedule)`) next to the code it runs, and
hands one to the queue with `enqueue_after_commit(job_function, *arguments)`: the job reads what the
request wrote, so it leaves only once that transaction commits, and never if it rolls back.
`flask queue work` runs the consumer, which runs jobs on worker processes it forks: a job shares no
memory with another, so whatever jobs share lives in the database, on the upload volume or in
`shared_storage()`. With QUEUE_IMMEDIATE (the tests), jobs run in-process at commit, on Huey's
immediate mode, so a test sees their effect without a consumer.

Arguments must be plain data (ids, strings, numbers): a job runs later, maybe on another host, and
loads what it needs itself.
"""

import functools
import importlib
import logging
import os
import socket
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup
from huey import MemoryHuey, PriorityRedisHuey, SqliteHuey, crontab
from huey.consumer import Consumer
from huey.exceptions import ResultTimeout
from sqlalchemy import event

from workshop.extensions import db

log = logging.getLogger(__name__)
EXTENSION_KEY = "workshop.queue"
PENDING_JOBS_KEY = "workshop.queue.awaiting_commit"
queue_cli = AppGroup("queue", help="Run and inspect background work.")
# What `flask queue work` runs jobs on unless told otherwise; bench/run.py starts the same.
DEFAULT_WORKER_TYPE = "process"
# One worker per language of the site: publishing queues a PDF per language, and on two cores three PDFs
# laid out at once are all ready sooner than two and then the third (docs/benchmarks.md).
DEFAULT_WORKERS = 3
# A PDF laid out on the queue takes whole cores for seconds: the web workers beside it, at the shell's
# priority, answer readers first (the agenda page while three PDFs are laid out: docs/benchmarks.md).
DEFAULT_NICENESS = 10
# An idle worker looks again this soon after its last job, then backs off to --max-delay: a job queued
# just after another (a reader asking for the feed once the JSON is ready) waited 41 ms for a worker
# at Huey's 0.1 s, 11 ms at this (medians of 40 pings 30 ms apart, docs/benchmarks.md).
FIRST_LOOK_AFTER_A_JOB = 0.01

__all__ = ["crontab", "enqueue_after_commit", "enqueue_now", "job", "periodic_job", "shared_storage"]


@dataclass(frozen=True)
class JobSpec:
    """A job as declared by its feature, before any queue exists."""

    function: Callable
    retries: int = 0
    retry_delay: int = 0
    retry_delay_setting: str | None = None
    retry_backoff: float = 0
    timeout: int | None = None
    priority: int | None = None
    schedule: Callable | None = None
    preload: tuple[str, ...] = ()


@dataclass
class Queue:
    """The Huey instance of one application and its jobs, each bound to that application."""

    huey: object
    tasks: dict = field(default_factory=dict)


_declared_jobs: dict[str, JobSpec] = {}


def job_name(function):
    """Name a job after its function, the same in every process that imports it."""
    return f"{function.__module__}.{function.__qualname__}"


def job(
    *, retries=0, retry_delay=0, retry_delay_setting=None, retry_backoff=0, timeout=None, priority=None, preload=()
):
    """Declare a function as a job; retries wait `retry_delay` seconds, multiplied by `retry_backoff` each time.

    `retry_delay_setting` names the setting that gives the first pause instead, so that a site (or a
    test) can shorten it. Waiting jobs of a higher `priority` run first. `preload` names the modules the
    job imports where it runs (WeasyPrint's renderers, web workers never load them): the consumer
    imports them before it forks its workers, which then share them and start their first job at once.
    """

    def declare(function):
        _declared_jobs[job_name(function)] = JobSpec(
            function, retries, retry_delay, retry_delay_setting, retry_backoff, timeout, priority, preload=preload
        )
        return function

    return declare


def periodic_job(schedule, **options):
    """Declare a job the consumer runs on `schedule` (a `crontab(...)`), with no arguments."""

    def declare(function):
        _declared_jobs[job_name(function)] = JobSpec(function, schedule=schedule, **options)
        return function

    return declare


def enqueue_after_commit(function, *arguments):
    """Hand a job to the queue once the current transaction commits; drop it if the transaction rolls back."""
    session = db.session()
    if not session.in_transaction():
        session.begin()
    session.info.setdefault(PENDING_JOBS_KEY, []).append((job_name(function), arguments))


def enqueue_now(function, *arguments):
    """Hand a job to the queue at once, for callers that have nothing to commit first."""
    return _queue().tasks[job_name(function)](*arguments)


def shared_storage():
    """Return the queue's key-value storage, which every host and worker sees: `put_if_empty`, `get`, `delete`."""
    return _queue().huey


def _queue():
    return current_app.extensions[EXTENSION_KEY]


@event.listens_for(db.session, "after_commit")
def _send_pending_jobs(session):
    for name, arguments in session.info.pop(PENDING_JOBS_KEY, []):
        _queue().tasks[name](*arguments)


@event.listens_for(db.session, "after_transaction_end")
def _drop_pending_jobs(session, transaction):
    # Only the outermost transaction decides; a commit has already sent and emptied the list.
    if transaction.parent is None:
        session.info.pop(PENDING_JOBS_KEY, None)


def build_huey(config, instance_path):
    """Return the Huey instance the configuration asks for."""
    if config["QUEUE_IMMEDIATE"]:
        return MemoryHuey("workshop", immediate=True)
    url = config["QUEUE_URL"]
    if url and url.startswith(("redis://", "rediss://", "unix://")):
        # Jobs have priorities (export builds: feeds and JSON before PDFs); Huey's plain RedisHuey refuses them.
        return PriorityRedisHuey("workshop", url=url)
    path = url.removeprefix("sqlite:///") if url else str(Path(instance_path) / "queue.sqlite")
    return SqliteHuey("workshop", filename=path)


def _in_app_context(app, function):
    """Run a job inside an application context of its own, with its own database session."""

    @functools.wraps(function)
    def run(*arguments, **keywords):
        with app.app_context():
            return function(*arguments, **keywords)

    return run


def _retry_delay(config, spec):
    """Return a job's first retry pause in seconds; a setting from the environment may be a string ("0.5")."""
    return float(config[spec.retry_delay_setting]) if spec.retry_delay_setting else spec.retry_delay


def init_app(app):
    """Build this application's queue and bind every declared job to it.

    Called once the blueprints are registered: by then every feature module, and with it every
    job declaration, has been imported.
    """
    queue = Queue(build_huey(app.config, app.instance_path))
    for name, spec in _declared_jobs.items():
        bound = _in_app_context(app, spec.function)
        if spec.schedule is not None:
            queue.tasks[name] = queue.huey.periodic_task(spec.schedule)(bound)
        else:
            queue.tasks[name] = queue.huey.task(
                retries=spec.retries,
                retry_delay=_retry_delay(app.config, spec),
                retry_backoff=spec.retry_backoff,
                timeout=spec.timeout,
                priority=spec.priority,
            )(bound)
    queue.huey.on_startup("fresh database connections")(
        functools.partial(_forget_inherited_connections, app, os.getpid())
    )
    app.extensions[EXTENSION_KEY] = queue
    app.cli.add_command(queue_cli)


def _forget_inherited_connections(app, parent_pid):
    """In a worker process forked from the consumer, drop the parent's pooled database connections unclosed.

    A connection is a socket (or a SQLite handle) that two processes must never share; closing it here
    would close the parent's too, so the child forgets it and opens its own. Worker threads keep the pool.
    """
    if os.getpid() == parent_pid:
        return
    with app.app_context():
        for engine in db.engines.values():
            engine.dispose(close=False)


@queue_cli.command("work")
@click.option("--workers", default=DEFAULT_WORKERS, show_default=True, help="Jobs run side by side.")
# Processes: an export build is mostly WeasyPrint's layout, which holds the GIL, so two threads lay out two
# PDFs no faster than one (docs/benchmarks.md: at 400 sessions every language's PDF was ready 28 s after
# publishing on threads, 9–13 s on processes).
@click.option("--worker-type", type=click.Choice(["thread", "process"]), default=DEFAULT_WORKER_TYPE, show_default=True)
@click.option(
    "--max-delay",
    default=0.5,
    show_default=True,
    help="Longest pause, in seconds, between two looks at an empty queue (SQLite storage; Redis blocks instead).",
)
@click.option(
    "--nice",
    default=DEFAULT_NICENESS,
    show_default=True,
    type=click.IntRange(0, 19),
    help="How much lower than the shell's the jobs' priority is: readers on the same host are served first.",
)
def work_command(workers, worker_type, max_delay, nice):
    """Run the queue's consumer until interrupted: jobs as they come, periodic jobs on schedule."""
    os.nice(nice)
    huey = _queue().huey
    preload_job_modules()
    log.info("Queue worker started: %d %s worker(s) on %s", workers, worker_type, type(huey.storage).__name__)
    # Huey's default lets an idle worker wait up to 10 s before looking again: exports built after
    # publishing would start that late. Half a second of SQLite polling costs nothing.
    consumer = Consumer(
        huey, workers=workers, worker_type=worker_type, initial_delay=FIRST_LOOK_AFTER_A_JOB, max_delay=max_delay
    )
    consumer.run()


def preload_job_modules():
    """Import every module a declared job asks to be preloaded; return their names."""
    names = sorted({name for spec in _declared_jobs.values() for name in spec.preload})
    for name in names:
        importlib.import_module(name)
    return names


@job()
def ping():
    """Answer with the worker's host and process, so that a caller can tell a worker is reachable."""
    return {"host": socket.gethostname(), "pid": os.getpid()}


@queue_cli.command("check")
@click.option("--timeout", default=10, show_default=True, help="Seconds to wait for a worker.")
def check_command(timeout):
    """Send a ping through the queue and wait for a worker to answer; exit 1 if none does."""
    try:
        answer = enqueue_now(ping).get(blocking=True, timeout=timeout)
    except ResultTimeout as error:
        raise click.ClickException(f"No worker answered within {timeout} s: is `flask queue work` running?") from error
    click.echo(f"A worker answered from {answer['host']} (process {answer['pid']}).")


@queue_cli.command("pending")
def pending_command():
    """Print how many jobs wait in the queue."""
    click.echo(_queue().huey.pending_count())
