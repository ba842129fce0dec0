"""A Workshop installation with the demo forum, built by the commands an operator runs, served on loopback.

`make validate` crawls it; the browser journeys (tests/e2e) walk through it.
"""

import logging
import os
import socket
import subprocess
import sys
import threading
from contextlib import contextmanager
from pathlib import Path

from werkzeug.serving import make_server

from workshop import create_app

PROJECT = Path(__file__).resolve().parents[1]


def demo_settings(folder):
    """Return the WORKSHOP_* settings of a fresh installation in `folder`."""
    return {
        "WORKSHOP_DATABASE_URL": f"sqlite:///{folder / 'workshop.sqlite'}",
        "WORKSHOP_SECRET_KEY": "validate-secret-key",
        "WORKSHOP_UPLOAD_DIR": str(folder / "uploads"),
        "WORKSHOP_CACHE_DIR": str(folder / "cache"),
        "WORKSHOP_QUEUE_URL": f"sqlite:///{folder / 'queue.sqlite'}",
        "WORKSHOP_WARM_EXPORTS_AFTER_PUBLISHING": "false",
    }


def free_loopback_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def demo_site(folder, **config):
    """Migrate and fill a database as `make run` does, then serve it; yield the app and its base URL.

    `config` adds to the installation's settings (a mail server, for instance).
    """
    settings = demo_settings(folder)
    environment = {**os.environ, **settings}
    flask = [sys.executable, "-m", "flask", "--app", "wsgi"]
    for command in (["db", "upgrade", "heads"], ["demo"]):
        subprocess.run(flask + command, cwd=PROJECT, env=environment, check=True, capture_output=True, timeout=300)
    port = free_loopback_port()
    base_url = f"http://127.0.0.1:{port}"
    # Exports are built by the queue; here the reader's own request builds them, so that the crawl gets them.
    settings = {name.removeprefix("WORKSHOP_"): value for name, value in settings.items()}
    app = create_app({**settings, **config, "SITE_URL": base_url, "QUEUE_IMMEDIATE": True})
    # A line for every request of the crawl would bury the problems it finds.
    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    server = make_server("127.0.0.1", port, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield app, base_url
    finally:
        server.shutdown()
