"""Every page, as each kind of actor who may see it, passes axe: built from the URL map.

The pages come from the authorization matrix (tests/security/test_authorization_matrix.py): each
GET route, with its URL parameters filled from the security world, as every actor the matrix lets
through. A route the matrix does not know fails here too. Chromium asks for the pages, and Playwright
hands each request to the Flask test client of the test's app, signed in as the actor: one browser
and one page for the whole crawl, no server, the world written by the security tests' own factories.

A route that answers something other than a page (a file, a feed, a redirect) is named in NOT_PAGES;
every other route must answer each actor it lets through with a page, which axe then reads. A page
that is the same for two actors but for the reader's name and the form tokens is read once.
"""

import hashlib
import re
from urllib.parse import urlsplit

import pytest

from tests.browser_forms import read_form
from tests.e2e.accessibility import serious_violations
from tests.security.conftest import ACTORS
from tests.security.routes import list_rules, parameter_values, rule_id
from tests.security.test_authorization_matrix import EXPECTED, OK, PUBLIC_EXPORTS

# Routes that answer files, feeds or redirects rather than pages.
NOT_PAGES = {
    *PUBLIC_EXPORTS,
    "desk.export_participants",
    "documents.download_version",
    "exports.badges_pdf",
    "exports.list_of_participants_pdf",
    "exports.outcome_docx",
    "exports.outcome_pdf",
    "exports.outcome_recommendations",
    "exports.personal_agenda_pdf",
    "exports.session_brief_pdf",
    "exports.session_report_pdf",
    "forums.forum_stylesheet",
    "forums.show_logo",
    "registration.download_my_data",
}

PAGE_RULES = [rule for rule in list_rules() if "GET" in rule.methods and rule.endpoint not in NOT_PAGES]
ORIGIN = "http://localhost"


class ClientRoute:
    """Answer the browser's requests with the Flask test client currently in use.

    A page the crawl already asked the client for (`prepared`) is handed to the browser as it was
    answered, so that each page is rendered once.
    """

    def __init__(self):
        self.client = None
        self.prepared = None

    def __call__(self, route):
        request = route.request
        if self.prepared is not None and request.is_navigation_request():
            response, self.prepared = self.prepared, None
            route.fulfill(status=response.status_code, headers=dict(response.headers), body=response.get_data())
            return
        address = urlsplit(request.url)
        response = self.client.open(
            address.path,
            query_string=address.query,
            method=request.method,
            headers={"Accept-Language": "en"},
            data=request.post_data_buffer,
            content_type=request.headers.get("content-type"),
        )
        route.fulfill(status=response.status_code, headers=dict(response.headers), body=response.get_data())


@pytest.fixture(scope="module")
def crawler(browser):
    """Return one page whose requests are answered by `crawler.route.client`, for the whole crawl."""
    context = browser.new_context(base_url=ORIGIN, bypass_csp=True)
    route = ClientRoute()
    context.route(f"{ORIGIN}/**", route)
    page = context.new_page()
    page.route_handler = route
    yield page
    context.close()


def actors_let_through(endpoint):
    return [actor for actor in ACTORS if EXPECTED[endpoint][actor] == OK]


CSRF_TOKEN = re.compile(rb'name="csrf_token"[^>]*value="[^"]*"')


def page_fingerprint(body, user):
    """Hash a page without what differs between readers of the same page: their name and the form tokens."""
    body = CSRF_TOKEN.sub(b"", body)
    if user is not None:
        body = body.replace(user.name.encode(), b"")
    return hashlib.sha256(body).hexdigest()


def test_the_crawler_finds_what_axe_forbids(crawler):
    crawler.set_content('<html><body><img src="/static/favicon.svg"><input type="text"></body></html>')
    rules = {finding.split(" ", 1)[0] for finding in serious_violations(crawler)}
    assert {"html-has-lang", "image-alt", "label"} <= rules


def test_every_route_that_is_not_a_page_still_exists():
    assert NOT_PAGES <= {rule.endpoint for rule in list_rules()}


REDIRECTS = (301, 302, 303, 307, 308)


def answer_as(client, sign_in, user, path):
    """Return the answer to `user` (None: nobody signed in) asking for `path`."""
    sign_in(client, user)
    return client.get(path, headers={"Accept-Language": "en"})


def page_findings(app, client, world, sign_in, crawler, rule):
    """Read the page of `rule` as each actor the matrix lets through; return what is wrong, one line each."""
    if rule.endpoint not in EXPECTED:
        return [f"{rule_id(rule)}: decide in the authorization matrix who may see it"]
    path = app.url_for(rule.endpoint, **parameter_values(rule, world, world.forum_a), _external=False)
    findings, read, answered_a_page = [], set(), False
    for actor in actors_let_through(rule.endpoint):
        answer = answer_as(client, sign_in, world.user(actor), path)
        if answer.status_code in REDIRECTS:
            continue  # sent on to another page (the registration form, the sign-in), read under its own route
        answered_a_page = True
        crawler.route_handler.prepared = answer
        response = crawler.goto(path)
        if response.status != 200 or not response.headers["content-type"].startswith("text/html"):
            findings.append(f"{actor}: {path} answered {response.status} {response.headers['content-type']}")
            continue
        fingerprint = page_fingerprint(response.body(), world.user(actor))
        if fingerprint not in read:
            read.add(fingerprint)
            findings += [f"{actor}: {path}: {finding}" for finding in serious_violations(crawler)]
    if not answered_a_page:
        findings.append(f"{path}: every actor let through is sent elsewhere; name it in NOT_PAGES if it is no page")
    return findings


def test_every_page_passes_axe_for_everyone_who_may_see_it(app, client, world, sign_in, crawler):
    crawler.route_handler.client = client
    findings = [line for rule in PAGE_RULES for line in page_findings(app, client, world, sign_in, crawler, rule)]
    assert not findings, "\n".join(findings)


# Forms whose every field may be left empty: the appearance's colour left empty is the site's own.
EMPTY_IS_AN_ANSWER = {"forums.edit_appearance"}
FORM_RULES = [rule for rule in PAGE_RULES if "POST" in rule.methods and rule.endpoint not in EMPTY_IS_AN_ANSWER]

# Every field error of the page sits in an element that an invalid field names in its aria-describedby.
UNTIED_ERRORS = """() => [...document.querySelectorAll('.error')]
    .filter(error => !error.closest('.choose-again, .flash'))
    .filter(error => {
        const holder = error.closest('[id]');
        return !holder || !document.querySelector(
            `[aria-invalid="true"][aria-describedby~="${CSS.escape(holder.id)}"]`);
    })
    .map(error => error.textContent.trim())"""


def refused_form_findings(app, client, world, sign_in, crawler, rule):
    """Post the form of `rule` with every field left empty; return what is wrong with the page that refuses it."""
    path = app.url_for(rule.endpoint, **parameter_values(rule, world, world.forum_a), _external=False)
    # The secretariat first where it may; else the first actor let through who is given the form, not sent on.
    actors = sorted(actors_let_through(rule.endpoint), key=lambda actor: actor != "secretariat")
    answers = (answer_as(client, sign_in, world.user(actor), path) for actor in actors)
    answer = next((answer for answer in answers if answer.status_code not in REDIRECTS), None)
    if answer is None:
        return []  # nobody is given this form here: page_findings says so
    # A fresh document for each form: Chromium moves the focus to an autofocus field once per document.
    crawler.route_handler.prepared = answer
    form = read_form(crawler.goto(path).text(), page_path=path)
    # Every field the person fills in is left empty; the form's token and the version it was opened at stay.
    blanks = {name: "" for name, _ in form.fields if not name.endswith(("csrf_token", "version"))}
    if not blanks:
        return []  # a button (unlock, confirm) has no field to tie an error to
    refused = client.post(path, data=form.data(**blanks), headers={"Accept-Language": "en"})
    if refused.status_code not in (200, 400, 422):
        return [f"{path}: an empty form answered {refused.status_code}"]
    # Shown as a page of its own: a document focuses an autofocus field once, and the form's page may have used it.
    crawler.route_handler.prepared = refused
    crawler.goto(path)
    if crawler.locator("[aria-invalid=true]").count() == 0:
        return [f"{path}: no field is marked invalid"]
    findings = [f"{path}: no field names the error {error!r}" for error in crawler.evaluate(UNTIED_ERRORS)]
    if crawler.evaluate("document.activeElement.getAttribute('aria-invalid')") != "true":
        findings.append(f"{path}: the focus is not on the first invalid field")
    return findings + [f"{path} (refused): {finding}" for finding in serious_violations(crawler)]


def test_every_refused_form_ties_each_error_to_its_field_and_passes_axe(app, client, world, sign_in, crawler):
    crawler.route_handler.client = client
    findings = [
        line for rule in FORM_RULES for line in refused_form_findings(app, client, world, sign_in, crawler, rule)
    ]
    assert not findings, "\n".join(findings)
