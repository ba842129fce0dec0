"""Read a form out of a page and fill it in as a browser submits it, for tests that post forms back.

A browser sends what the page shows: the selected option of a select (the first one when none is
marked selected), checked boxes only, a textarea's text without the newline that follows its tag,
and every line break of a textarea as CRLF. A form that saves what the browser sends must keep the
data it was opened on; these helpers let tests check that without a browser.
"""

import re
from dataclasses import dataclass, field
from html import unescape
from html.parser import HTMLParser

TEXT_INPUTS = {
    "text",
    "hidden",
    "email",
    "date",
    "time",
    "number",
    "url",
    "search",
    "tel",
    "password",
    "datetime-local",
}


@dataclass
class BrowserForm:
    action: str
    fields: list = field(default_factory=list)
    file_fields: list = field(default_factory=list)
    submit_names: list = field(default_factory=list)

    def data(self, **changes):
        """Return the fields as a browser would post them (a dict of lists), with `changes` typed in."""
        posted = {}
        for name, value in self.fields:
            posted.setdefault(name, []).append(value)
        for name, value in changes.items():
            posted[name] = [value]
        return posted


class _FormParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms = []
        self.form = None
        self.select = None
        self.select_options = []
        self.textarea = None
        self.textarea_text = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "form":
            self.form = BrowserForm(action=attributes.get("action") or "")
            self.forms.append(self.form)
        elif self.form is None or "disabled" in attributes:
            return
        elif tag == "input":
            self._input(attributes)
        elif tag == "select":
            self.select = attributes.get("name")
            self.select_options = []
        elif tag == "option" and self.select is not None:
            self.select_options.append((attributes.get("value", ""), "selected" in attributes))
        elif tag == "textarea":
            self.textarea = attributes.get("name")
            self.textarea_text = []
        elif tag == "button" and attributes.get("name"):
            self.form.submit_names.append(attributes["name"])

    def _input(self, attributes):
        kind = attributes.get("type", "text").lower()
        name = attributes.get("name")
        if not name:
            return
        if kind in TEXT_INPUTS:
            self.form.fields.append((name, attributes.get("value") or ""))
        elif kind in ("checkbox", "radio"):
            if "checked" in attributes:
                self.form.fields.append((name, attributes.get("value", "on")))
        elif kind == "file":
            self.form.file_fields.append(name)
        elif kind == "submit":
            self.form.submit_names.append(name)

    def handle_endtag(self, tag):
        if tag == "form":
            self.form = None
        elif tag == "select" and self.select is not None:
            chosen = [value for value, selected in self.select_options if selected]
            if chosen or self.select_options:
                self.form.fields.append((self.select, (chosen or [self.select_options[0][0]])[-1]))
            self.select = None
        elif tag == "textarea" and self.textarea is not None:
            text = "".join(self.textarea_text)
            # The HTML parser drops one newline right after <textarea>; browsers send CRLF line breaks.
            text = text[1:] if text.startswith("\n") else text[2:] if text.startswith("\r\n") else text
            self.form.fields.append((self.textarea, re.sub(r"\r\n|\r|\n", "\r\n", text)))
            self.textarea = None

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea_text.append(data)


def read_forms(html):
    """Return every form of a page, in order."""
    parser = _FormParser()
    parser.feed(html)
    return parser.forms


def read_form(html, action="", page_path=None):
    """Return the form of the page that posts to `action` ("" for the page itself, or to `page_path`)."""
    wanted = {action} | ({page_path} if not action and page_path else set())
    forms = [form for form in read_forms(html) if unescape(form.action) in wanted]
    assert forms, f"no form posting to {action!r}; the page has {[form.action for form in read_forms(html)]}"
    return forms[0]


CSRF_TOKEN_PATTERN = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


def read_csrf_token(client, url):
    """Return the CSRF token of the form on the page at `url`."""
    page = client.get(url).get_data(as_text=True)
    match = CSRF_TOKEN_PATTERN.search(page)
    assert match, f"no CSRF token in the form at {url}"
    return match.group(1)
