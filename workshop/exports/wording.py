"""Say the parts of a snapshot in words, the same way in the PDF, the calendar and the brief."""

from datetime import datetime

from babel.dates import format_date, format_interval, format_skeleton, format_time
from flask_babel import get_locale
from flask_babel import gettext as _

from workshop.core.labels import label
from workshop.core.names import session_name
from workshop.core.templating import typed, typed_sentence

# The roles a person is listed under on the agenda, in the order the agenda names them.
ROLE_ORDER = ("facilitator", "moderator", "keynote_speaker", "presenter", "rapporteur", "organiser")


def language():
    """Return the language this output is being written in."""
    return str(get_locale() or "en")


def clock_range(starts_at: datetime, ends_at: datetime):
    """Return "9:00 AM – 12:00 PM" or "14:00 – 18:00", as the reader's language writes time ranges."""
    locale = get_locale()
    skeleton = "hm" if locale is None or "h" in locale.time_formats["short"].pattern else "Hm"
    return format_interval(starts_at.time(), ends_at.time(), skeleton, locale=str(locale or "en"))


def clock(moment: datetime):
    """Return "9:15 AM" or "09:15" for a forum-local moment."""
    return format_time(moment.time(), "short", locale=language())


def date_range(first, last):
    """Return the forum's dates, "Sep 26 – 28, 2011", as the reader's language writes them."""
    return format_interval(first, last, "yMMMMd", locale=language())


def day_and_month(day):
    """Return "September 26" or "26 de septiembre"."""
    return format_skeleton("MMMMd", day, locale=language())


def long_date(day):
    return format_date(day, "long", locale=language())


class Wording:
    """One output's translations, each looked up once: a 400-session feed says "Facilitator" hundreds of times.

    Build one per output (a language may change between outputs); `Wording()` per call is a plain look-up.
    """

    def __init__(self):
        self._said = {}

    def label(self, value, group):
        """Return the translated name of an enumeration value, as `core.labels.label` does."""
        key = (group, value)
        if key not in self._said:
            self._said[key] = str(label(value, group))
        return self._said[key]

    def gettext(self, message, **variables):
        """Return `message` translated, then filled with `variables`, as Flask-Babel's gettext does."""
        if message not in self._said:
            self._said[message] = _(message)
        return self._said[message] % variables if variables else self._said[message]


def session_heading(session, words=None):
    """Return "Session 1. Title", or the title alone for an unnumbered session."""
    return session_name(session.number, session.title, (words or Wording()).gettext)


def person_line(person):
    """Return a person's name with the acronym (or name) of their organisation."""
    organisation = person.organisation_acronym or person.organisation
    return f"{person.name} ({organisation})" if organisation else person.name


def people_line(people):
    """Return "Ana Muñoz (APC-Colombia), João Silva (ABC)"."""
    return ", ".join(person_line(person) for person in people)


def item_text(item, words=None, written_in=None):
    """Return an item's kind and title, "Presentation. The title", leaving out a kind the title already says.

    With `written_in`, the language the title was typed in, the result is markup with the title marked so.
    """
    words = words or Wording()
    title = item.title.strip()
    if not title:
        return words.label(item.kind, "item_kind")
    return _with_kind(item, title, typed(title, written_in) if written_in else title, words, written_in)


def item_line(item, words=None, written_in=None):
    """Return an item as the concept note writes it: "Presentation. The title — speaker (5 min)".

    With `written_in`, the title's marked part goes on over the speaker and the minutes after it: a name and
    "15 min" (a unit's symbol) are in no language of their own (WCAG 3.1.2 leaves them out), and in the PDF
    each marked part is a text box of its own, so "Keynote (5 min)" is one part, not two.
    """
    words = words or Wording()
    title = item.title.strip()
    if written_in and title:
        titled = _with_speaker_and_minutes(title, item, words)
        # A translation that puts the minutes before the title keeps them out of its part.
        if titled.startswith(title):
            return _with_kind(item, title, typed(titled, written_in), words, written_in)
    return _with_speaker_and_minutes(item_text(item, words, written_in), item, words, written_in)


def _with_kind(item, title, shown, words, written_in):
    """Put the item's kind, in the reader's language, before `shown` (the title as shown) unless the title says it."""
    kind = words.label(item.kind, "item_kind")
    # Titles are written in the forum's own language, which may not be the reader's: a title that
    # names its kind in either ("Debate. How to…") needs no translated kind in front of it.
    named = {kind.lower().split()[0], item.kind.split("_")[0]}
    if item.kind == "other" or any(word in title.lower() for word in named):
        return shown
    return typed_sentence(written_in, "%(kind)s. %(title)s", kind=kind, title=shown)


def _with_speaker_and_minutes(text, item, words, written_in=None):
    """Return `text` followed by the item's speaker and its minutes, those it has."""
    if item.speaker:
        text = typed_sentence(written_in, "%(text)s — %(speaker)s", text=text, speaker=person_line(item.speaker))
    if item.duration_minutes:
        text = typed_sentence(
            written_in, words.gettext("%(text)s (%(minutes)d min)"), text=text, minutes=item.duration_minutes
        )
    return text


def roles_of(session, words=None):
    """Return (role label, people) for every role that has someone in it, in agenda order."""
    people = session.people
    words = words or Wording()
    return [
        (words.label(role, "appointment_role_plural" if len(people[role]) > 1 else "appointment_role"), people[role])
        for role in ROLE_ORDER
        if people.get(role)
    ]


def location_line(room, forum):
    """Return "Room, venue, city" leaving out whatever is not known."""
    return ", ".join(part for part in (room, forum.venue, forum.city) if part)
