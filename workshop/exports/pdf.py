"""PDF agendas and session briefs, rendered by WeasyPrint from a release's snapshot.

WeasyPrint fetches whatever a document points at; ours may hold text written by anyone, so the
fetcher serves our own static files (`static:` URLs) and the images we inline ourselves (a forum's
logos, as base64 data URIs of the logo types, checked when uploaded), and refuses everything else.
"""

import base64
import binascii
import functools
import mimetypes
import re
import xml.etree.ElementTree as ElementTree  # nosec B405
from datetime import timedelta
from pathlib import Path
from urllib.parse import unquote

import cssselect2
import lxml.html
import weasyprint
from flask import render_template
from weasyprint import CSS, HTML
from weasyprint.css.counters import CounterStyle
from weasyprint.urls import URLFetcher, URLFetcherResponse

from workshop.core.collector import cycle_collector_paused
from workshop.exports import wording
from workshop.exports.ical import in_person_agenda
from workshop.exports.pdf_tags import finish_tagged_pdf
from workshop.publishing.layout import agenda_days
from workshop.registration.rules import NO_SELECTION

STATIC_SCHEME = "static:"
INLINE_IMAGE = re.compile(r"data:(image/(?:png|jpeg|svg\+xml));base64,([A-Za-z0-9+/=]+)")
TAGGED_VARIANT = "pdf/ua-1"
# The `lang` attribute of an element inside the document (Jinja escapes every quote of text and values).
PART_LANGUAGE_ATTRIBUTE = re.compile(r' lang="([A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*)"')
ROOT_START_TAG = re.compile(r"<html\b[^>]*>", re.I)
# A block or cell (with no `lang` of its own) whose whole content is one marked span of text.
WHOLLY_MARKED_ELEMENT = re.compile(
    r'<(p|div|td|th|li|dt|dd|h[1-6])\b((?:(?! lang=)[^>])*)><span( lang="[^"]+")>([^<]*)</span></\1>'
)
# What the HTML5 parsing algorithm and libxml2's HTML parser read differently in a template's output.
UNLIKE_IN_LIBXML2 = re.compile(r"<(?:svg|math|base\b|!--|\?)|\x00", re.I)
# WeasyPrint's user-agent rules that match a pseudo-element of every element; see LeanHTML.
EVERY_ELEMENTS_PSEUDO_RULE = re.compile(
    r"^::(marker|footnote-call|footnote-marker|note-call|note-marker|note-callback) \{.*$", re.M
)


class FetchRefused(ValueError):
    """Raised for any URL that is not one of our static files."""


class StaticOnlyFetcher(URLFetcher):
    """Serve `static:css/pdf.css` from our static folder and inline logo images; refuse file:, http(s): and the rest."""

    def __init__(self, static_folder):
        super().__init__(allowed_protocols=())
        self.static_folder = Path(static_folder).resolve()
        self.refused = []

    def fetch(self, url, headers=None):
        inline = _inline_image(url)
        if inline is not None:
            return URLFetcherResponse(url[:64], inline[1], {"Content-Type": inline[0]})
        path = self._static_path(url)
        if path is None:
            self.refused.append(url)
            raise FetchRefused(f"only static files may be fetched, not {url[:200]}")
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": content_type})

    def _static_path(self, url):
        if not url.startswith(STATIC_SCHEME):
            return None
        path = (self.static_folder / unquote(url[len(STATIC_SCHEME) :]).lstrip("/")).resolve()
        return path if path.is_relative_to(self.static_folder) and path.is_file() else None


def _inline_image(url):
    """Return (media type, bytes) of a base64 data URI of a logo type, or None for any other URL."""
    match = INLINE_IMAGE.fullmatch(url)
    if match is None:
        return None
    try:
        return match.group(1), base64.b64decode(match.group(2), validate=True)
    except binascii.Error:
        return None


class LeanHTML(HTML):
    """An HTML document styled without the user-agent rules that give every element pseudo-elements.

    WeasyPrint's own stylesheet styles `::marker`, `::footnote-call`, `::footnote-marker` and three
    `::note-*` of every element, so it computes six extra styles per element: two thirds of the
    agenda's style cascade. Our PDFs have no footnotes or notes, and only list items have markers.
    """

    def __init__(self, *, string, url_fetcher, from_templates=False):
        """Parse `string`; with `from_templates`, a document our templates made alone, by libxml2 (`template_tree`)."""
        tree = template_tree(string) if from_templates else None
        if tree is None:
            super().__init__(string=string, url_fetcher=url_fetcher)
            return
        # What HTML.__init__ keeps of a document it parsed (pinned by tests/exports/test_pdf_parse.py).
        self.base_url = None
        self.url_fetcher = url_fetcher
        self.media_type = "print"
        self.wrapper_element = cssselect2.ElementWrapper.from_html_root(tree, content_language=None)
        self.etree_element = self.wrapper_element.etree_element

    def _ua_stylesheets(self, forms=False):
        return [lean_user_agent_stylesheet(), *super()._ua_stylesheets(forms)[1:]]


def template_tree(html):
    """Return the element tree of a document made by our templates alone, parsed by libxml2, or None.

    WeasyPrint parses with tinyhtml5, in pure Python: 0.3–0.6 s of a 400-session agenda. libxml2 (lxml)
    builds the same tree from a template's output, where every typed text is escaped, in a tenth of it.
    What the two would read differently is left to tinyhtml5 (None): SVG and MathML, comments and
    processing instructions, a <base>, NUL characters. The whitespace the HTML5 algorithm drops before
    the head and after the body is dropped too. Stored HTML (reports) is never given here.
    """
    if UNLIKE_IN_LIBXML2.search(html):
        return None
    root = _standard_element(lxml.html.document_fromstring(html))
    root.text = None
    for part in root:
        part.tail = None
    return root


def _standard_element(element):
    """Return an lxml element and its descendants as the standard library's elements, which WeasyPrint reads.

    ElementTree only builds elements here and never parses XML (bandit's B405 is about parsing).
    """
    copy = ElementTree.Element(element.tag, dict(element.attrib))
    copy.text, copy.tail = element.text, element.tail
    copy.extend(_standard_element(child) for child in element)
    return copy


@functools.cache
def lean_user_agent_stylesheet():
    """Return WeasyPrint's user-agent stylesheet parsed once, from `lean_user_agent_rules`.

    Its @counter-style rules go to a throwaway registry: documents count with WeasyPrint's own,
    which already holds them (parsing them into it again only logs that they exist).
    """
    return CSS(string=lean_user_agent_rules(), counter_style=CounterStyle())


def lean_user_agent_rules():
    """Return WeasyPrint's user-agent rules with its every-element pseudo rules kept for list items' markers only."""
    rules = (Path(weasyprint.__file__).parent / "css" / "html5_ua.css").read_text(encoding="utf-8")
    return EVERY_ELEMENTS_PSEUDO_RULE.sub(lambda rule: "li" + rule[0] if rule[1] == "marker" else "", rules)


def render_pdf(html, static_folder, tagged=True, fetcher=None, from_templates=False):
    """Return the PDF of an HTML document whose resources come only from our static folder.

    `from_templates` says that our templates made the document alone, with no stored HTML in it.
    """
    fetcher = fetcher or StaticOnlyFetcher(static_folder)
    with cycle_collector_paused():
        document = LeanHTML(string=parts_languages_by_rule(html), url_fetcher=fetcher, from_templates=from_templates)
        if not tagged:
            return document.write_pdf()
        return document.write_pdf(pdf_variant=TAGGED_VARIANT, finisher=finish_tagged_pdf)


def parts_languages_by_rule(html):
    """Say the language of the document's parts with one style rule per language instead of an attribute each.

    WeasyPrint turns every `lang` attribute into a declaration of its own, parsed, checked and computed
    for that element alone: the 2,000 marked parts of a Spanish agenda of an English programme took a
    tenth of its layout. A `data-lang` attribute and one `[data-lang="en"] { lang: "en" }` rule per
    language give each part the same language (the PDF's /Lang of parts is read from it), computed
    from rules parsed once. The root element keeps its `lang`: it is the document's language.

    A paragraph or cell wholly in one marked span ("Keynote (5 min)" in a Spanish agenda) takes the
    span's language itself: the span was an inline box and a structure element more for each of them.
    """
    root = ROOT_START_TAG.search(html)
    if root is None:
        return html
    head, body = html[: root.end()], WHOLLY_MARKED_ELEMENT.sub(r"<\1\2\3>\4</\1>", html[root.end() :])
    languages = sorted(set(PART_LANGUAGE_ATTRIBUTE.findall(body)))
    if not languages:
        return html
    rules = "".join(f'[data-lang="{language}"]{{lang:"{language}"}}' for language in languages)
    marked_by_data = PART_LANGUAGE_ATTRIBUTE.sub(r' data-lang="\1"', body)
    return f"{head}<style>{rules}</style>{marked_by_data}"


def agenda_pdf(snapshot, *, links, static_folder, face=None, **options):
    """Return the agenda as the concept note lays it out: a table per day, drafts on the right.

    `face` (forums.logos.forum_face, inline) puts the forum's logos, colour and content language on it.
    """
    html = _render_agenda(snapshot, links, agenda_days(snapshot), heading=None, face=face)
    return render_pdf(html, static_folder, from_templates=True, **options)


def personal_agenda_pdf(snapshot, person, *, links, static_folder, selection=NO_SELECTION, face=None, **options):
    """Return the agenda of one person: the sessions they chose or have a part in, and the plenaries."""
    days = agenda_days(snapshot, lambda session: in_person_agenda(session, person["id"], selection))
    html = _render_agenda(snapshot, links, days, heading=person["name"], face=face)
    return render_pdf(html, static_folder, from_templates=True, **options)


def session_brief_pdf(snapshot, session_id, *, links, static_folder, written_in=None, **options):
    """Return a one-page brief of a session: its items in order with their times, speakers and drafts.

    `written_in`, the forum's content language, marks what the secretariat typed when the reader's differs.
    """
    session = snapshot.sessions[session_id]
    zone = snapshot.forum.zone
    html = render_template(
        "exports/session_brief_pdf.html",
        forum=snapshot.forum,
        session=session,
        starts_at=session.starts_at.astimezone(zone),
        ends_at=session.ends_at.astimezone(zone),
        timed_items=timed_items(session, zone),
        release=snapshot.release,
        published_on=snapshot.release.published_at.astimezone(zone).date(),
        written_in=written_in,
        **_template_context(links),
    )
    return render_pdf(html, static_folder, **options)


def _render_agenda(snapshot, links, days, heading, face):
    forum = snapshot.forum
    return render_template(
        "exports/agenda_pdf.html",
        forum=forum,
        face=face,
        days=days,
        release=snapshot.release,
        published_on=snapshot.release.published_at.astimezone(forum.zone).date(),
        person_name=heading,
        first_day=forum.start_date,
        last_day=forum.end_date,
        **_template_context(links),
    )


def block_rows(block):
    """Return a block's rows: each entry with the drafts first tabled by it, so that a draft is listed once.

    A block with no entries still gets one row, for its time.
    """
    listed, rows = set(), []
    for entry in block.entries:
        documents = entry.data.documents if entry.is_session else ()
        first_tabled = [document for document in documents if document.id not in listed]
        listed.update(document.id for document in first_tabled)
        rows.append((entry, first_tabled))
    return rows or [(None, [])]


def _template_context(links):
    """Return what every PDF template uses to say things: links, language and the shared wording."""
    helpers = (
        "clock",
        "clock_range",
        "date_range",
        "day_and_month",
        "long_date",
        "session_heading",
        "item_line",
        "item_text",
        "people_line",
        "roles_of",
    )
    # An agenda says a few dozen distinct times hundreds of times, and Babel formats each anew:
    # each render remembers what it said (its language cannot change during it).
    said_once = ("clock", "clock_range")
    return {
        "links": links,
        "lang": wording.language(),
        "block_rows": block_rows,
        **{name: getattr(wording, name) for name in helpers},
        **{name: functools.cache(getattr(wording, name)) for name in said_once},
    }


def timed_items(session, zone):
    """Return (starts_at, ends_at, item) for each item, with None for a time that cannot be known.

    Items with a duration are timed forward from the session's start and backward from its end;
    a single item without one (the debate, usually) takes whatever time is left between them.
    """
    items = session.items
    times = [[None, None] for _ in items]
    untimed = [index for index, item in enumerate(items) if not item.duration_minutes]
    clock = session.starts_at.astimezone(zone)
    for index in range(untimed[0] if untimed else len(items)):
        times[index] = [clock, clock + timedelta(minutes=items[index].duration_minutes)]
        clock = times[index][1]
    if untimed:
        times[untimed[0]][0] = clock
        clock = session.ends_at.astimezone(zone)
        for index in range(len(items) - 1, untimed[-1], -1):
            times[index] = [clock - timedelta(minutes=items[index].duration_minutes), clock]
            clock = times[index][0]
        times[untimed[-1]][1] = clock
    return [(start, end, item) for (start, end), item in zip(times, items, strict=True)]
