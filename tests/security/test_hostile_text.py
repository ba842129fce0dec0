"""Hostile text in every user-written field comes out inert in every output: HTML, iCal, JSON and PDF.

The corpus: script tags, attribute injection, iCal line injection, and images pointing at local
files and at a loopback server that records whether anything was fetched.
"""

import base64
import http.server
import io
import json
import threading
from datetime import timedelta
from html.parser import HTMLParser

import pytest
from markupsafe import escape
from pypdf import PdfReader

from workshop.accounts.models import User
from workshop.documents import services as document_services
from workshop.extensions import db
from workshop.forums.models import Forum, Organisation, Room, Track
from workshop.programme.models import ForumSession, SessionItem, TimeBlock
from workshop.publishing.services import publish_release

SCRIPT = "<script>alert(1)</script>"
ATTRIBUTE = '"><img src=x onerror=alert(1)>'
ICAL_INJECTION = "Evil\r\nBEGIN:VEVENT\r\nSUMMARY:injected"
LOCAL_FILE = '<img src="file:///etc/passwd">'
CORPUS = f"{SCRIPT} {ATTRIBUTE} {ICAL_INJECTION} {LOCAL_FILE}"

# A 1×1 PNG served by the canary server and kept as a local file: if either ends up in a PDF, it was fetched.
CANARY_PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
)


class CanaryHandler(http.server.BaseHTTPRequestHandler):
    requests = []

    def do_GET(self):
        CanaryHandler.requests.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "image/png")
        self.end_headers()
        self.wfile.write(CANARY_PNG)

    def log_message(self, *args):
        pass


@pytest.fixture
def canary_server():
    """Run a loopback HTTP server that records every request made to it."""
    CanaryHandler.requests = []
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), CanaryHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture
def hostile_world(world, tmp_path, canary_server):
    """Write the corpus into every text field of forum A, publish, change S1 and publish again."""
    canary_file = tmp_path / "canary.png"
    canary_file.write_bytes(CANARY_PNG)
    fetchers = (
        f'<img src="{canary_server}/raw.png"> ![md]({canary_server}/markdown.png) '
        f'<img src="file://{canary_file}"> ![md](file://{canary_file})'
    )
    forum = db.session.get(Forum, world.forum_a.forum_id)
    forum.title = f"Forum {SCRIPT} {ICAL_INJECTION}"
    forum.objective = f"{CORPUS}\n\n{fetchers}"
    forum.background = CORPUS
    forum.venue = ATTRIBUTE
    first = db.session.get(ForumSession, world.forum_a.ids["session_id"])
    second = db.session.get(ForumSession, world.forum_a.ids["other_session_id"])
    first.title = f"S1 {CORPUS}"
    first.outputs = f"{CORPUS}\n\n{fetchers}"
    second.title = f"S2 {ATTRIBUTE}"
    db.session.get(SessionItem, world.forum_a.ids["item_id"]).title = CORPUS
    db.session.get(Room, world.forum_a.ids["room_id"]).name = f"Room {SCRIPT}"
    db.session.get(Track, world.forum_a.ids["track_id"]).name = f"Track {ATTRIBUTE}"
    db.session.get(TimeBlock, world.forum_a.ids["block_id"]).label = LOCAL_FILE
    db.session.get(Organisation, world.forum_a.ids["organisation_id"]).name = f"Org {SCRIPT}"
    facilitator = world.user("facilitator")
    facilitator.name = f"Dr {ATTRIBUTE} {ICAL_INJECTION}"
    facilitator.job_title = SCRIPT
    first.document_links[0].document.title = f"Paper {CORPUS}"
    document_services.save_conclusions(facilitator, first, f"{CORPUS}\n\n{fetchers}")
    publish_release(world.user("secretariat"), forum, "preliminary")
    db.session.commit()
    first.title = f"S1 moved {SCRIPT} {ICAL_INJECTION}"
    first.starts_at += timedelta(hours=1)
    first.ends_at += timedelta(hours=1)
    second.starts_at -= timedelta(hours=1)
    second.ends_at -= timedelta(hours=1)
    publish_release(world.user("secretariat"), forum, "final")
    db.session.commit()
    return world


class ActiveContentFinder(HTMLParser):
    """Collect what in a page could run or fetch: scripts with a body, on* attributes, images' sources."""

    def __init__(self):
        super().__init__()
        self.problems = []
        self.in_script = False

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}={value!r}>")
            if name in ("src", "href") and value and (value.startswith(("file:", "javascript:")) or value == "x"):
                self.problems.append(f"<{tag} {name}={value!r}>")
        self.in_script = tag == "script"

    def handle_endtag(self, tag):
        self.in_script = False

    def handle_data(self, data):
        if self.in_script and data.strip():
            self.problems.append(f"<script>{data.strip()[:60]}")


def active_content(html):
    finder = ActiveContentFinder()
    finder.feed(html)
    return finder.problems


# Each page, and a piece of the corpus it must show, escaped: dropping the text is no way to make it safe.
PUBLIC_PAGES = [
    ("forums.index", {}, f"Forum {SCRIPT}"),
    ("forums.show_forum", {}, f"Forum {SCRIPT}"),
    ("publishing.show_agenda", {}, f"S1 moved {SCRIPT}"),
    ("publishing.show_session", {"session_id": "session_id"}, f"S1 moved {SCRIPT}"),
    ("publishing.list_changes", {}, f"S1 moved {SCRIPT}"),
    ("documents.show_document", {"document_id": "document_id"}, f"Paper {SCRIPT} {ATTRIBUTE}"),
]

SECRETARIAT_PAGES = [
    ("programme.overview", {}, f"S1 moved {SCRIPT}"),
    ("programme.show_session", {"session_id": "session_id"}, f"{SCRIPT} {ATTRIBUTE}"),
    ("programme.edit_session", {"session_id": "session_id"}, f"S1 moved {SCRIPT}"),
    ("forums.manage_frame", {}, f"Room {SCRIPT}"),
    ("forums.manage_people", {}, f"Dr {ATTRIBUTE}"),
    ("forums.list_organisations", {}, f"Org {SCRIPT}"),
    ("publishing.manage_releases", {}, f"Forum {SCRIPT}"),
    ("documents.forum_board", {}, f"Paper {SCRIPT} {ATTRIBUTE}"),
    ("documents.session_workspace", {"session_id": "session_id"}, f"Paper {SCRIPT} {ATTRIBUTE}"),
    ("forums.audit_trail", {}, f"S1 {SCRIPT}"),
]


def page_url(app, world, endpoint, arguments):
    ids = world.forum_a.ids
    slug = {"slug": ids["slug"]} if endpoint != "forums.index" else {}
    return app.url_for(endpoint, **slug, **{name: ids[key] for name, key in arguments.items()})


@pytest.mark.parametrize(
    ("endpoint", "arguments", "shown"),
    PUBLIC_PAGES + SECRETARIAT_PAGES,
    ids=[endpoint for endpoint, *_ in PUBLIC_PAGES + SECRETARIAT_PAGES],
)
def test_html_pages_show_the_corpus_as_text(app, client, hostile_world, sign_in, endpoint, arguments, shown):
    sign_in(client, hostile_world.user("secretariat"))
    response = client.get(page_url(app, hostile_world, endpoint, arguments))
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert active_content(html) == []
    assert SCRIPT not in html
    assert str(escape(shown)) in html, "the hostile text is shown, as text"


def test_the_changelog_names_the_move_with_the_title_escaped(app, client, hostile_world):
    html = client.get(page_url(app, hostile_world, "publishing.list_changes", {})).get_data(as_text=True)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert active_content(html) == []


def test_the_facilitators_board_shows_the_corpus_as_text(app, client, hostile_world, sign_in):
    sign_in(client, hostile_world.user("facilitator"))
    html = client.get(page_url(app, hostile_world, "documents.my_sessions", {})).get_data(as_text=True)
    assert active_content(html) == []


def unfolded_lines(calendar_text):
    """Return the content lines of an iCalendar text, with folded continuation lines joined back."""
    return calendar_text.replace("\r\n ", "").replace("\r\n\t", "").split("\r\n")


def assert_no_injected_event(calendar_text):
    lines = unfolded_lines(calendar_text)
    assert not [line for line in lines if line.startswith("SUMMARY:injected")]
    events = [index for index, line in enumerate(lines) if line == "BEGIN:VEVENT"]
    # Every event starts right after the calendar's own header or after the previous event ended.
    assert all(
        lines[index - 1] == "END:VEVENT" or not lines[index - 1].startswith(("SUMMARY", "DESCRIPTION", "Evil"))
        for index in events
    )
    assert all(":" in line or ";" in line for line in lines if line), "a line that is not a property"
    assert lines.count("BEGIN:VEVENT") == lines.count("END:VEVENT")


@pytest.mark.parametrize(
    "endpoint",
    ["exports.agenda_calendar", "exports.session_calendar", "exports.room_calendar", "exports.track_calendar"],
)
def test_calendars_carry_no_injected_event(app, client, hostile_world, endpoint):
    ids = hostile_world.forum_a.ids
    arguments = {"session_id": ids["session_id"], "room_id": ids["room_id"], "track_id": ids["track_id"]}
    rule = next(rule for rule in app.url_map.iter_rules() if rule.endpoint == endpoint)
    url = app.url_for(
        endpoint, slug=ids["slug"], **{name: arguments[name] for name in rule.arguments if name != "slug"}
    )
    response = client.get(url)
    assert response.status_code == 200
    text = response.get_data(as_text=True)
    assert "injected" in text, "the payload should be there, escaped"
    assert_no_injected_event(text)


def test_the_personal_feed_of_a_hostile_name_carries_no_injected_event(app, client, hostile_world):
    facilitator = db.session.get(User, hostile_world.user("facilitator").id)
    response = client.get(app.url_for("exports.personal_calendar", token=facilitator.feed_token))
    assert response.status_code == 200
    assert_no_injected_event(response.get_data(as_text=True))


def test_the_json_agenda_keeps_the_text_as_data(app, client, hostile_world):
    response = client.get(app.url_for("exports.agenda_json", slug=hostile_world.forum_a.ids["slug"]))
    assert response.status_code == 200
    assert response.mimetype == "application/json"
    assert SCRIPT in json.dumps(response.get_json())


def pdf_images_and_text(data):
    reader = PdfReader(io.BytesIO(data))
    images = [image for page in reader.pages for image in page.images]
    return images, "\n".join(page.extract_text() for page in reader.pages)


@pytest.mark.parametrize("endpoint", ["exports.agenda_pdf", "exports.session_brief_pdf", "exports.personal_agenda_pdf"])
def test_pdfs_fetch_nothing_and_print_the_corpus_as_text(app, client, hostile_world, sign_in, endpoint):
    sign_in(client, hostile_world.user("facilitator"))
    ids = hostile_world.forum_a.ids
    arguments = {"session_id": ids["session_id"]} if endpoint == "exports.session_brief_pdf" else {}
    response = client.get(app.url_for(endpoint, slug=ids["slug"], **arguments))
    assert response.status_code == 200
    images, text = pdf_images_and_text(response.data)
    assert CanaryHandler.requests == []
    assert not [image for image in images if image.data == CANARY_PNG or (image.image.size == (1, 1))]
    assert "alert(1)" in text, "the hostile title should be printed as text"
