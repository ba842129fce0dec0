"""`make run` speaks in a few lines: its commands say what they do, libraries keep their detail to themselves."""

import logging
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from workshop.core.logs import configure_logging
from workshop.demo.cli import wait_for_server

PROJECT = Path(__file__).resolve().parents[2]
DEMO_LOGINS = ("admin@", "secretariat@", "facilitator@", "rapporteur@", "participant@")


@pytest.fixture
def restored_logging():
    """Put back the levels and handlers a test's logging configuration changes."""
    names = ("", "workshop", "fontTools.subset", "huey", "weasyprint.progress")
    levels = {name: logging.getLogger(name).level for name in names}
    handlers = list(logging.getLogger().handlers)
    yield
    for name, level in levels.items():
        logging.getLogger(name).setLevel(level)
    logging.getLogger().handlers[:] = handlers


def test_libraries_keep_their_detail_unless_asked_while_workshop_speaks(restored_logging):
    configure_logging({"LOG_LEVEL": "INFO", "LIBRARY_LOG_LEVEL": "WARNING"}, send_to_stderr=False)

    assert not logging.getLogger("fontTools.subset").isEnabledFor(logging.INFO)
    assert not logging.getLogger("huey.consumer").isEnabledFor(logging.INFO)
    assert logging.getLogger("fontTools.subset").isEnabledFor(logging.WARNING)
    assert logging.getLogger("workshop.core.queue").isEnabledFor(logging.INFO)
    assert not logging.getLogger("workshop.core.queue").isEnabledFor(logging.DEBUG)


def test_asking_for_library_detail_shows_it_but_never_weasyprints_narration(restored_logging):
    configure_logging({"LOG_LEVEL": "WARNING", "LIBRARY_LOG_LEVEL": "DEBUG"}, send_to_stderr=False)

    assert logging.getLogger("fontTools.subset").isEnabledFor(logging.DEBUG)
    assert not logging.getLogger("weasyprint.progress").isEnabledFor(logging.INFO)
    assert not logging.getLogger("workshop.exports").isEnabledFor(logging.INFO)


def test_the_welcome_names_the_address_the_demo_agenda_and_every_sign_in(app, runner):
    result = runner.invoke(args=["welcome"])

    assert result.exit_code == 0, result.output
    assert f"Workshop is ready at {app.config['SITE_URL']}" in result.output
    assert f"{app.config['SITE_URL']}f/bogota-2011/agenda" in result.output
    assert all(login in result.output for login in DEMO_LOGINS)
    assert "workshop-demo" in result.output


def test_the_welcome_waits_for_a_server_that_answers(app):
    server = make_server("127.0.0.1", 0, app)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        assert wait_for_server(f"http://127.0.0.1:{server.port}/", seconds=30)
    finally:
        server.shutdown()


def test_the_welcome_gives_up_on_an_address_nobody_answers(unused_loopback_address):
    assert not wait_for_server(unused_loopback_address, seconds=0.5)


@pytest.fixture
def unused_loopback_address():
    """Return an address on this machine where nothing listens."""
    server = make_server("127.0.0.1", 0, lambda environ, start_response: [])
    port = server.port
    server.server_close()
    return f"http://127.0.0.1:{port}/"


def test_migrating_and_loading_the_demo_print_one_line_each_step(tmp_path):
    """Run the commands `make run` runs, as an operator would, and read everything they print."""
    environment = {
        **os.environ,
        "WORKSHOP_DATABASE_URL": f"sqlite:///{tmp_path / 'workshop.sqlite'}",
        "WORKSHOP_SECRET_KEY": "quiet-start",
        "WORKSHOP_UPLOAD_DIR": str(tmp_path / "uploads"),
        "WORKSHOP_CACHE_DIR": str(tmp_path / "cache"),
        "WORKSHOP_QUEUE_URL": f"sqlite:///{tmp_path / 'queue.sqlite'}",
    }
    flask = [sys.executable, "-m", "flask", "--app", "wsgi"]
    printed = []
    for command in (["db", "upgrade"], ["organisations", "seed"], ["demo", "--no-sign-ins"]):
        result = subprocess.run(
            flask + command, cwd=PROJECT, env=environment, capture_output=True, text=True, timeout=300, check=True
        )
        printed.append((result.stdout + result.stderr).splitlines())

    migrate, seed, demo = printed
    assert migrate == []
    assert seed == ["20 organisations added to the shared directory."]
    assert demo == ["Loaded the demo forum Learning from South-South and Triangular Cooperation at /f/bogota-2011/."]
