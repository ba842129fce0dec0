"""A live Workshop server with the demo forum, and Debian's Chromium driven by Playwright.

The server runs in a thread of the test process on a free loopback port, over a temporary SQLite
database built by `flask db upgrade` and filled by `flask demo`, exactly as `make run` does
(validate/site.py, which `make validate` serves too).
A failed test leaves a screenshot in tests/e2e/artifacts/.
"""

from pathlib import Path

import pytest
from aiosmtpd.controller import Controller

from tests.conftest import MailCollector, free_loopback_port

# The security tests' world of two forums and one person per kind of actor, for the accessibility crawl.
from tests.security.conftest import build_world, world  # noqa: F401
from validate.site import demo_site

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).parent / "artifacts"
DEMO_PASSWORD = "workshop-demo"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

if not CHROMIUM.exists():
    pytest.skip("browser journeys need Debian's Chromium: apt-get install chromium", allow_module_level=True)

sync_api = pytest.importorskip("playwright.sync_api", reason="browser journeys need playwright: pip install playwright")


@pytest.fixture(scope="session")
def mail_sink():
    """Run an SMTP server on loopback for the live server's mail; read `.messages`."""
    collector = MailCollector()
    controller = Controller(collector, hostname="127.0.0.1", port=free_loopback_port())
    controller.start()
    collector.port = controller.port
    yield collector
    controller.stop()


@pytest.fixture(scope="session")
def live_server(tmp_path_factory, mail_sink):
    """Serve the demo installation that `make validate` crawls, its mail going to the sink; yield the base URL.

    Jobs (mail, preparing uploaded versions) run at once in the server's own process.
    """
    with demo_site(tmp_path_factory.mktemp("live"), MAIL_SERVER="127.0.0.1", MAIL_PORT=mail_sink.port) as (_app, site):
        yield site


@pytest.fixture(scope="session")
def browser():
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.hookimpl(tryfirst=True, hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """Keep the outcome on the test item, so that the page fixture knows whether to take a screenshot."""
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"report_{report.when}", report)


@pytest.fixture
def new_page(browser, live_server, request):
    """Return a callable that opens a page in a fresh browser context (viewport and downloads set per call)."""
    contexts = []

    def _new_page(**options):
        context = browser.new_context(base_url=live_server, accept_downloads=True, **options)
        context.set_default_timeout(15000)
        contexts.append(context)
        return context.new_page()

    yield _new_page
    report = getattr(request.node, "report_call", None)
    if report is not None and report.failed:
        ARTIFACTS.mkdir(exist_ok=True)
        for number, context in enumerate(contexts):
            for page_number, page in enumerate(context.pages):
                page.screenshot(path=str(ARTIFACTS / f"{request.node.name}-{number}-{page_number}.png"), full_page=True)
    for context in contexts:
        context.close()


@pytest.fixture
def sign_in_as():
    """Return a callable that signs a demo account in through the login form."""

    def _sign_in_as(page, email, password=DEMO_PASSWORD):
        page.goto("/account/login")
        page.fill("#email", email)
        page.fill("#password", password)
        page.click("#submit")
        page.wait_for_load_state()
        assert "/account/login" not in page.url, f"{email} could not sign in"

    return _sign_in_as
