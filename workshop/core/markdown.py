"""Markdown written by people, turned into safe HTML once, when it is saved, and stored beside it.

python-markdown took 36 s on 20,000 "[" and did so on every page view; markdown-it-py parses in
time proportional to the text, and only when the text changes: `render_on_save(Model.field,
"field_html")` renders whenever the field is set, by a form, an import or a script alike. Pages
show the stored HTML and never parse Markdown while someone waits.

Free of Flask, so that migrations can render what older versions stored.
"""

import nh3
from markdown_it import MarkdownIt
from sqlalchemy import event

# What a form accepts in one Markdown field (the concept note's sections, a session's outputs).
MAX_MARKDOWN_CHARS = 20_000
# What the renderer reads of any text, whatever wrote it: a bound on the work even for an import.
MAX_RENDERED_CHARS = 60_000
ALLOWED_TAGS = {"p", "br", "strong", "em", "ul", "ol", "li", "a", "blockquote", "h3", "h4", "code", "pre"}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}

# CommonMark without raw HTML: what people type as "<b>" is shown, not obeyed.
_parser = MarkdownIt("commonmark", {"html": False})


def render_markdown(text):
    """Return the HTML of `text`, reduced to an allowlist of tags, attributes and URL schemes."""
    html = _parser.render((text or "")[:MAX_RENDERED_CHARS])
    return nh3.clean(html, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES, url_schemes=ALLOWED_URL_SCHEMES)


def render_on_save(source_attribute, html_name):
    """Keep the model's `html_name` column the rendering of `source_attribute`, whenever it is set."""

    @event.listens_for(source_attribute, "set")
    def render(target, value, _old_value, _initiator):
        setattr(target, html_name, render_markdown(value))
