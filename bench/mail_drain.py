"""The mail drain: 1,000 messages queued through send_mail while the SMTP server is down, delivered once it returns.

    .venv/bin/python bench/mail_drain.py [--messages 1000] [--outage 5] [--first-retry 1] [--queues sqlite redis]

For each queue storage (the embedded SQLite, and a throwaway Debian redis-server): a queue worker
(`flask queue work` on its default worker processes, as `make run` starts it) and a local aiosmtpd sink (tests/smtp_sinks.py)
that is down while the messages are queued and until `outage` seconds after the first; it then comes
back on the same port and the clock runs until the queue is empty. The sink counts messages by
Message-ID: delivered (distinct), duplicates (extra copies), lost (queued, never delivered).

Each failed delivery waits MAIL_FIRST_RETRY_SECONDS (`--first-retry`; a site's default is 60), then
twice as long each time: the drain after the sink returns is mostly the wait of the retry each message
is on (Huey's scheduler also looks once a second), not the speed of sending.
"""

import argparse
import signal
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT))

from bench.run import free_port, settings_for, start_queue_worker  # noqa: E402
from tests.queue_workers import redis_server  # noqa: E402
from tests.smtp_sinks import RestartableSink  # noqa: E402
from workshop.core.queue import DEFAULT_WORKER_TYPE, DEFAULT_WORKERS  # noqa: E402

DRAIN_TIMEOUT_SECONDS = 600


@dataclass
class Drain:
    """What one run measured."""

    queued: int
    waiting_at_return: int
    delivered: int
    duplicates: int
    queueing_seconds: float
    first_delivery_seconds: float
    drain_seconds: float
    sending_seconds: float

    @property
    def lost(self):
        return self.queued - self.delivered


def queue_messages(count):
    """Queue `count` messages through the one mail entry point, as a service does, and commit them."""
    from flask_babel import lazy_gettext as _l

    from workshop.accounts.mail import Address, send_mail
    from workshop.extensions import db

    for number in range(count):
        send_mail(
            Address(f"reader{number}@example.org", name=f"Reader {number}"),
            _l("Reset your Workshop password"),
            "accounts/mail/password_reset.txt",
            link=f"http://127.0.0.1/account/password/set/token-{number}",
        )
    db.session.commit()


def is_drained(storage, sink, count):
    return len(sink.copies_by_message_id()) >= count and storage.pending_count() == 0 and storage.scheduled_count() == 0


def drain(queue_url, folder, messages, outage, first_retry):
    """Queue `messages` with the sink down for `outage` seconds, bring it back, and wait for the queue to empty."""
    from workshop import create_app
    from workshop.core.queue import shared_storage

    sink = RestartableSink(free_port())
    mail_settings = {"MAIL_SERVER": "127.0.0.1", "MAIL_PORT": sink.port, "MAIL_FIRST_RETRY_SECONDS": first_retry}
    settings = {
        **settings_for(folder, None),
        "WORKSHOP_QUEUE_URL": queue_url,
        **{f"WORKSHOP_{name}": str(value) for name, value in mail_settings.items()},
    }
    app = create_app({**{name.removeprefix("WORKSHOP_"): value for name, value in settings.items()}, **mail_settings})
    worker = start_queue_worker(settings)
    try:
        with app.app_context():
            storage = shared_storage()
            started = time.monotonic()
            queue_messages(messages)
            queueing_seconds = time.monotonic() - started
            time.sleep(max(0.0, started + outage - time.monotonic()))
            waiting_at_return = storage.scheduled_count()
            sink.start()
            returned = time.monotonic()
            while not is_drained(storage, sink, messages) and time.monotonic() < returned + DRAIN_TIMEOUT_SECONDS:
                time.sleep(0.05)
            drain_seconds = time.monotonic() - returned
    finally:
        # SIGINT: the worker finishes the deliveries it is running, so that a late duplicate is still seen.
        worker.send_signal(signal.SIGINT)
        worker.wait(timeout=60)
        sink.stop()
    copies = sink.copies_by_message_id()
    arrivals = sink.handler.arrival_times
    return Drain(
        queued=messages,
        waiting_at_return=waiting_at_return,
        delivered=len(copies),
        duplicates=sum(copies.values()) - len(copies),
        queueing_seconds=queueing_seconds,
        first_delivery_seconds=min(arrivals) - returned,
        drain_seconds=drain_seconds,
        sending_seconds=max(arrivals) - min(arrivals),
    )


def drain_on(storage, messages, outage, first_retry):
    with tempfile.TemporaryDirectory(prefix="workshop-mail-drain-") as name:
        folder = Path(name)
        if storage == "redis":
            with redis_server(folder) as url:
                return drain(url, folder, messages, outage, first_retry)
        return drain(f"sqlite:///{folder / 'queue.sqlite'}", folder, messages, outage, first_retry)


def print_table(results, outage, first_retry):
    rows = [
        ("messages queued (send_mail, one commit)", lambda r: f"{r.queued}", ""),
        (f"waiting for a retry when the sink returned ({outage:g} s down)", lambda r: f"{r.waiting_at_return}", ""),
        ("delivered (distinct Message-IDs)", lambda r: f"{r.delivered}", ""),
        ("duplicates", lambda r: f"{r.duplicates}", "0"),
        ("lost", lambda r: f"{r.lost}", "0"),
        ("queueing time", lambda r: f"{r.queueing_seconds:.2f} s", ""),
        ("first delivery after the sink returned", lambda r: f"{r.first_delivery_seconds:.2f} s", ""),
        ("time to drain after the sink returned", lambda r: f"{r.drain_seconds:.2f} s", ""),
        ("messages per second, sink's return to drained", lambda r: f"{r.delivered / r.drain_seconds:.0f}", ""),
        ("messages per second, first to last arrival", lambda r: f"{r.delivered / r.sending_seconds:.0f}", ""),
    ]
    width = max(len(label) for label, _, _ in rows)
    print(
        f"\nMail drain (first retry after {first_retry:g} s, doubling; {DEFAULT_WORKERS} {DEFAULT_WORKER_TYPE} workers)"
    )
    print(f"{'':{width}}  " + "  ".join(f"{storage:>10}" for storage in results) + "  target")
    for label, cell, target in rows:
        print(f"{label:{width}}  " + "  ".join(f"{cell(result):>10}" for result in results.values()) + f"  {target}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=1000)
    parser.add_argument("--outage", type=float, default=5, help="Seconds the sink stays down from the first message.")
    parser.add_argument("--first-retry", type=int, default=1, help="MAIL_FIRST_RETRY_SECONDS for the run.")
    parser.add_argument("--queues", nargs="+", choices=["sqlite", "redis"], default=["sqlite", "redis"])
    arguments = parser.parse_args()
    results = {
        storage: drain_on(storage, arguments.messages, arguments.outage, arguments.first_retry)
        for storage in arguments.queues
    }
    print_table(results, arguments.outage, arguments.first_retry)
    if any(result.lost or result.duplicates for result in results.values()):
        sys.exit(1)


if __name__ == "__main__":
    main()
