"""Real concurrent clients: the app served on a loopback port over the test database, and HTTP clients in threads.

The server answers each request in a thread of its own with its own database connection, as
gunicorn's workers would, on SQLite or PostgreSQL (WORKSHOP_TEST_DATABASE_URL). A barrier lets the
clients send their requests at the same moment.
"""

import contextlib
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests
from werkzeug.serving import make_server

from tests.factories.accounts import DEFAULT_PASSWORD


@contextlib.contextmanager
def served(app):
    """Serve `app` on a free loopback port, a thread per request, while the block runs; give its base URL."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join()


@pytest.fixture
def live_url(app):
    """Serve the test app on a free loopback port; return its base URL."""
    with served(app) as url:
        yield url


def signed_in_at(base_url, user):
    """Return an HTTP client signed in as `user` through the login form of the site at `base_url`."""
    client = requests.Session()
    response = client.post(
        f"{base_url}/account/login",
        data={"email": user.email, "password": DEFAULT_PASSWORD},
        allow_redirects=False,
        timeout=60,
    )
    assert response.status_code == 302, f"{user.email} could not sign in"
    return client


@pytest.fixture
def signed_in(live_url):
    """Return a callable that gives an HTTP client signed in as `user` through the login form."""
    return lambda user: signed_in_at(live_url, user)


def all_at_once(requests_to_send):
    """Send every request (a callable) from its own thread, released together; return the responses in order."""
    barrier = threading.Barrier(len(requests_to_send))

    def send(request):
        barrier.wait(timeout=60)
        return request()

    with ThreadPoolExecutor(max_workers=len(requests_to_send)) as pool:
        return list(pool.map(send, requests_to_send))
