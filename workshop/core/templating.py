"""Template filters and globals: local times, countries, languages, labels, stored sanitised HTML, links to the site."""

from datetime import date, datetime

import pycountry
from babel import Locale
from babel.dates import get_timezone_gmt
from flask import current_app
from flask_babel import format_date, format_time, get_locale, gettext
from jinja2 import pass_context
from markupsafe import Markup, escape

from workshop.core.labels import group_label, label
from workshop.core.names import session_name
from workshop.core.reader_zone import clocks_differ, span_on_both_clocks
from workshop.core.site import site_url_for
from workshop.core.timezones import utc_to_local


def as_date(value):
    """Accept a date or its ISO text (as an audit entry's details keep it)."""
    return date.fromisoformat(value) if isinstance(value, str) else value


def local_clock(value, zone_name):
    """Format the forum-local wall-clock time of a UTC moment, in the reader's language."""
    return format_time(utc_to_local(value, zone_name).time(), "short")


def local_day(value, zone_name=None, style="full"):
    """Format a day (or the forum-local day of a moment) in the reader's language."""
    if isinstance(value, datetime):
        value = utc_to_local(value, zone_name).date()
    return format_date(as_date(value), style)


def zone_offset(moment, zone_name):
    """Name a zone's offset from UTC at a moment, as the reader's language writes it ("UTC−05:00")."""
    return get_timezone_gmt(utc_to_local(moment, zone_name), locale=str(get_locale() or "en"))


def country_name(code):
    """Return the country's name for an ISO 3166 alpha-2 code in the reader's language (CLDR, via Babel)."""
    if not code:
        return ""
    localised = get_locale().territories.get(code.upper()) if get_locale() else None
    if localised:
        return localised
    country = pycountry.countries.get(alpha_2=code.upper())
    return getattr(country, "common_name", None) or (country.name if country else code)


def language_name(code):
    """Return a language's name in the reader's language, capitalised as a label: "es" is "Spanish"."""
    return Locale.parse(code).get_display_name(get_locale() or Locale("en")).capitalize()


def interpretation_name(pair):
    """Name one interpretation (from, into) in the reader's language: "English → Spanish"."""
    source, target = pair
    return f"{language_name(source)} → {language_name(target)}"


def stored_html(html):
    """Show HTML that `workshop.core.markdown` rendered and sanitised when its Markdown was saved."""
    # Safe to mark up (bandit B704): only ever applied to *_html columns (and their copies in snapshots),
    # which nh3 reduced to an allowlist of tags, attributes and URL schemes before they were stored.
    return Markup(html or "")  # nosec B704


@pass_context
def label_in_context(_context, value, group):
    """Name an enumeration value in the reader's language, as `core.labels.label` does.

    Taking the context keeps Jinja from folding `"women"|label(...)` into a constant when it compiles
    a template: the name would stay in the language of the first page rendered.
    """
    return label(value, group)


def page_language():
    """Return the language the page (or PDF) is being written in: the reader's."""
    return str(get_locale() or "en")


def part_language(language):
    """Return the language to mark text written in `language` with, or None when the page already speaks it."""
    return None if not language or language == page_language() else language


def lang_attribute(language):
    """Return ` lang="xx"` for text written in `language` when the page is in another (WCAG 3.1.2, Language of Parts)."""
    marked = part_language(language)
    return Markup(' lang="{}"').format(marked) if marked else Markup("")


def typed_choice(value, text, language):
    """Return a select's choice showing typed text, its <option> marked as `lang_attribute` marks an element."""
    marked = part_language(language)
    return (value, text, {"lang": marked} if marked else {})


def typed(text, language):
    """Show text someone typed in `language` (a title, a room's name), marked so when the page speaks another."""
    if not text:
        return ""
    attribute = lang_attribute(language)
    return Markup("<span{}>{}</span>").format(attribute, text) if attribute else text


def typed_group(stakeholder, name, language):
    """Name a participant group as `group_label` does; a name the secretariat typed is marked as `typed` marks it."""
    return group_label(stakeholder, name) if stakeholder else typed(name, language)


def typed_session(session, language):
    """Name a session as the agenda does ("Session 2. Title"), its typed title marked as `typed` marks it."""
    return typed_session_name(session.number, session.title, language)


def typed_session_name(number, title, language):
    """Name a session from its number and title (as a snapshot keeps them), the title marked as `typed` marks it."""
    return session_name(number, typed(title, language), gettext=_escaping_gettext)


def typed_sentence(written_in, template, **values):
    """Fill `template`: as plain text, or, for a page marking languages, as markup that escapes all but marked parts."""
    # Safe (bandit B704): the template is escaped before it becomes markup; % escapes every unmarked value.
    return Markup(escape(template)) % values if written_in else template % values  # nosec B704


def _escaping_gettext(string, **variables):
    """Translate `string` and escape the variables put into it, keeping the marked ones as they are."""
    return typed_sentence(True, gettext(string), **variables)


def init_app(app):
    app.add_template_filter(local_clock)
    app.add_template_filter(local_day)
    app.add_template_filter(country_name)
    app.add_template_filter(stored_html)
    app.add_template_filter(label_in_context, "label")
    app.add_template_filter(zone_offset)
    app.add_template_filter(language_name)
    app.add_template_filter(interpretation_name)
    app.add_template_global(span_on_both_clocks, "both_clocks")
    app.add_template_global(clocks_differ)
    app.add_template_filter(typed)
    app.add_template_filter(typed_session)
    app.add_template_global(lang_attribute)
    app.add_template_global(site_url_for)
    app.add_template_global(group_label)
    app.add_template_global(typed_group)
    app.add_template_global(page_language, "current_language")
    app.add_template_global(lambda: current_app.config["LANGUAGES"], "available_languages")
