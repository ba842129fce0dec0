"""Mail is never lost to an SMTP server that is away for a while, and never sent twice for one retry.

The first test runs the queue for real: a `flask queue work` process, on the embedded SQLite storage
and on a throwaway redis-server, and an SMTP sink that is down while the messages are queued (each
delivery fails and waits for its retry), then comes back: every message must arrive, each once,
counted by its Message-ID.
"""

import pytest
from flask_babel import lazy_gettext as _l

from tests.conftest import build_test_config, free_loopback_port
from tests.queue_workers import each_queue_storage, running_worker, throwaway_redis, wait_for  # noqa: F401 (fixtures)
from tests.smtp_sinks import HeaderCollector, RestartableSink
from workshop import create_app
from workshop.accounts.mail import Address, deliver_mail, send_mail
from workshop.core.queue import EXTENSION_KEY, job_name, shared_storage
from workshop.extensions import db, mail

MESSAGES = 30


def queue_password_resets(addresses):
    """Queue one message to each address through the one mail entry point, and commit so that they leave."""
    for address in addresses:
        send_mail(
            Address(address, name="Reader"),
            _l("Reset your Workshop password"),
            "accounts/mail/password_reset.txt",
            link="http://localhost/account/password/set/token",
        )
    db.session.commit()


def is_drained(storage):
    return storage.pending_count() == 0 and storage.scheduled_count() == 0


def test_mail_queued_while_the_smtp_server_is_down_arrives_once_when_it_returns(queue_url, database_url, tmp_path):
    sink = RestartableSink(free_loopback_port())
    mail_settings = {"MAIL_SERVER": "127.0.0.1", "MAIL_PORT": sink.port, "MAIL_FIRST_RETRY_SECONDS": 1}
    web = create_app(
        build_test_config(database_url, tmp_path, QUEUE_IMMEDIATE=False, QUEUE_URL=queue_url, **mail_settings)
    )
    addresses = [f"reader{number}@example.org" for number in range(MESSAGES)]
    with web.app_context():
        storage = shared_storage()
        try:
            # Leaving the worker stops it once its deliveries in flight finish; the sink is still up to see a late copy.
            with running_worker(queue_url, database_url, **mail_settings):
                queue_password_resets(addresses)
                wait_for(lambda: storage.scheduled_count() == MESSAGES, "every delivery to fail and wait for its retry")
                sink.start()
                # Half the first retry of the default setting: a drain this fast comes from the test's setting.
                wait_for(lambda: len(sink.messages) >= MESSAGES and is_drained(storage), "the queue to drain", 30)
        finally:
            sink.stop()
    assert sorted(message["To"] for message in sink.messages) == sorted(addresses)
    copies = sink.copies_by_message_id()
    assert len(copies) == MESSAGES
    assert set(copies.values()) == {1}


class DropsTheConnectionOnQuit(HeaderCollector):
    """Accept every message, then cut the connection when the client says goodbye."""

    async def handle_QUIT(self, server, session, envelope):
        server.transport.abort()
        return "221 Bye"


@pytest.fixture
def forgetful_sink(app):
    sink = RestartableSink(free_loopback_port(), DropsTheConnectionOnQuit())
    sink.start()
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=sink.port, MAIL_SUPPRESS_SEND=False)
    # Flask-Mail copies its settings when it is initialised; initialise it again to pick these up.
    mail.init_app(app)
    yield sink
    sink.stop()


def test_a_message_the_server_accepted_is_not_retried_when_the_connection_then_fails(app, forgetful_sink):
    queue_password_resets(["reader@example.org"])

    assert len(forgetful_sink.messages) == 1
    assert shared_storage().scheduled_count() == 0


def test_every_delivery_carries_a_message_id_on_the_sites_domain(app, smtp_sink):
    app.config["SITE_URL"] = "https://forum.example.org/"

    queue_password_resets(["one@example.org", "two@example.org"])

    first, second = (message["Message-ID"] for message in smtp_sink.messages)
    assert first != second
    assert first.endswith("@forum.example.org>")


@pytest.mark.parametrize(
    ("setting", "first_retry"),
    [({}, 60), ({"MAIL_FIRST_RETRY_SECONDS": 2}, 2), ({"MAIL_FIRST_RETRY_SECONDS": "2.5"}, 2.5)],
)
def test_the_first_retry_of_a_delivery_waits_as_the_setting_says(make_app, setting, first_retry):
    app = make_app(**setting)

    assert app.extensions[EXTENSION_KEY].tasks[job_name(deliver_mail)].retry_delay == first_retry
