"""Visit every page of the demo forum as each role that sees it, following links from each role's home.

The crawl is bounded per endpoint (a few URLs each, every language for the first page or PDF), and checked
against the URL map: an endpoint answering GET that no role reached must be named in NOT_CRAWLED
with the reason, so a new page is validated from the day it is routed.
"""

from collections import deque
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urlencode, urlsplit

from werkzeug.exceptions import HTTPException
from werkzeug.routing import RequestRedirect

from workshop.demo.services import DEMO_PASSWORD, DEMO_SLUG, demo_logins

ANONYMOUS = "anonymous"
LANGUAGES = ("en", "es", "fr")
URLS_PER_ENDPOINT = 2
# What speaks the reader's language, and so is fetched in each: pages, and PDFs (whose parts in the forum's
# content language are checked only in a PDF written in another).
IN_EVERY_LANGUAGE = ("text/html", "application/pdf")
START_PATHS = (
    "/",
    "/manage/",
    "/account/",
    "/favicon.ico",
    "/api/v1/openapi.json",
    "/no-such-page",
    # The participants page asks for badges through a form (layout, filters) that the crawl does not fill.
    f"/manage/{DEMO_SLUG}/desk/badges.pdf",
)
# Endpoints no link leads to, and why each is validated elsewhere or not at all.
NOT_CRAWLED = {
    "accounts.set_password": "reached only from a mailed link with a one-time token",
    "accounts.unlock_sign_in": "reached only from a mailed link with a one-time token",
    "static": "our own files, not pages",
    "registration.check_email": "reached only from a mailed link with a one-time token",
    "forums.forum_stylesheet": "a stylesheet, linked only by forums that chose a colour (the demo keeps the default)",
    "forums.show_logo": "an image, linked only by forums with a logo (the demo has none); tests/forums/test_logos.py",
}
# Links that would end the role's visit or change the language the rest of the crawl is in.
NOT_FOLLOWED_PATHS = ("/account/logout", "/static/")


@dataclass
class Page:
    """One response the crawl received: who asked, in which language, and what came back."""

    path: str
    role: str
    language: str
    endpoint: str
    status: int
    content_type: str
    headers: dict
    body: bytes

    @property
    def where(self):
        return f"{self.path} (as {self.role}, {self.language})"


@dataclass
class Crawl:
    pages: list = field(default_factory=list)
    cookies: dict = field(default_factory=dict)
    sign_out: object = None


class LinkParser(HTMLParser):
    """Collect the href of every link and the value of the CSRF token field."""

    def __init__(self):
        super().__init__()
        self.links = []
        self.csrf_token = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag in ("a", "link") and attributes.get("href"):
            self.links.append(attributes["href"])
        if tag == "input" and attributes.get("name") == "csrf_token":
            self.csrf_token = attributes.get("value")


def parse(body):
    parser = LinkParser()
    parser.feed(body.decode("utf-8", "replace"))
    return parser


def roles():
    """Return (role, e-mail) for the visitor and every demo login."""
    return [(ANONYMOUS, None)] + [(login.email.split("@")[0], login.email) for login in demo_logins()]


def crawl_site(app, base_url):
    """Visit the site as every role; return the pages, the session cookies and one sign-out response."""
    result = Crawl()
    host = urlsplit(base_url).netloc
    adapter = app.url_map.bind(host)
    for role, email in roles():
        client = app.test_client()
        client.environ_base["HTTP_HOST"] = host
        if email is not None:
            sign_in(client, email)
            result.cookies[role] = client.get_cookie("session").value
        result.pages.extend(crawl_as(client, adapter, role))
    result.sign_out = sign_out_response(app, host, roles()[-1][1])
    return result


def sign_in(client, email):
    token = parse(client.get("/account/login").data).csrf_token
    response = client.post("/account/login", data={"email": email, "password": DEMO_PASSWORD, "csrf_token": token})
    if response.status_code != 302:
        raise RuntimeError(f"the demo login {email} could not sign in ({response.status_code})")


def sign_out_response(app, host, email):
    """Return the answer to signing out, whose headers must tell the browser to forget the site."""
    client = app.test_client()
    client.environ_base["HTTP_HOST"] = host
    sign_in(client, email)
    token = parse(client.get("/account/").data).csrf_token
    return client.post("/account/logout", data={"csrf_token": token})


def crawl_as(client, adapter, role):
    """Follow the links from the role's start pages, a few URLs per endpoint, the first in every language."""
    pages = []
    seen_paths = set()
    per_endpoint = {}
    queue = deque(START_PATHS)
    while queue:
        path = queue.popleft()
        endpoint = endpoint_of(adapter, path)
        if path in seen_paths or endpoint is None or per_endpoint.get(endpoint, 0) >= URLS_PER_ENDPOINT:
            continue
        seen_paths.add(path)
        first_of_endpoint = endpoint not in per_endpoint
        per_endpoint[endpoint] = per_endpoint.get(endpoint, 0) + 1
        page = fetch(client, path, role, "en", endpoint)
        pages.append(page)
        if page.content_type in IN_EVERY_LANGUAGE and first_of_endpoint:
            pages.extend(fetch(client, path, role, language, endpoint) for language in LANGUAGES[1:])
        if page.content_type == "text/html":
            queue.extend(link for link in map(local_path, parse(page.body).links) if link)
    return pages


def fetch(client, path, role, language, endpoint):
    """GET `path` in `language`, without letting the choice of language stick to the session."""
    response = client.get(with_language(path, language), headers={"Accept-Language": language})
    client.get(with_language("/favicon.ico", "en"))
    return Page(
        path=path,
        role=role,
        language=language,
        endpoint=endpoint,
        status=response.status_code,
        content_type=response.mimetype,
        headers=dict(response.headers),
        body=response.get_data(),
    )


def with_language(path, language):
    parts = urlsplit(path)
    query = [(name, value) for name, value in parse_qsl(parts.query) if name != "lang"] + [("lang", language)]
    return parts._replace(query=urlencode(query)).geturl()


def local_path(href):
    """Return the path and query of a link on this site worth following, else None."""
    if href.startswith("webcal://"):
        href = "http://" + href.removeprefix("webcal://")
    parts = urlsplit(href)
    if parts.scheme not in ("", "http", "https") or href.startswith("#"):
        return None
    if parts.netloc and not parts.netloc.startswith("127.0.0.1"):
        return None
    query = [(name, value) for name, value in parse_qsl(parts.query) if name != "lang"]
    if any(parts.path.startswith(prefix) for prefix in NOT_FOLLOWED_PATHS) or not parts.path.startswith("/"):
        return None
    return parts._replace(scheme="", netloc="", query=urlencode(query), fragment="").geturl()


def endpoint_of(adapter, path):
    try:
        endpoint, _arguments = adapter.match(urlsplit(path).path, method="GET")
    except RequestRedirect as redirect:
        return endpoint_of(adapter, urlsplit(redirect.new_url).path)
    except HTTPException:
        return "not_found"
    return endpoint


def uncrawled_endpoints(app, pages):
    """Return the endpoints answering GET that no role reached and NOT_CRAWLED does not explain."""
    reached = {page.endpoint for page in pages}
    routed = {rule.endpoint for rule in app.url_map.iter_rules() if "GET" in rule.methods}
    return sorted(routed - reached - set(NOT_CRAWLED))
