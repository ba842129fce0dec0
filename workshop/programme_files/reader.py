"""Read the fields of one JSON object of a programme file, noting each problem with its line and carrying on.

Pure: no Flask, no database.
"""

import re
from datetime import datetime

import pycountry

from workshop.core.messages import N_
from workshop.programme_files.problems import Problem

DATE_PATTERN = re.compile(r"\d{4}-\d{2}-\d{2}")
CLOCK_PATTERN = re.compile(r"\d{2}:\d{2}")
MISSING = object()


def line_of(container, key):
    """Return the line where `container[key]` starts, if the data came from a positioned parse."""
    finder = getattr(container, "line_of", None)
    return finder(key) if finder else None


class ObjectReader:
    """Read the fields of one JSON object, noting problems and carrying on instead of stopping."""

    def __init__(self, problems, value, line, fields):
        self.problems = problems
        self.line = getattr(value, "line", None) or line
        self.valid = isinstance(value, dict)
        self.data = value if self.valid else {}
        if not self.valid:
            self.report(self.line, N_("Expected an object ({ … }) here."))
        for key in self.data:
            if key not in fields:
                self.report(
                    line_of(self.data, key),
                    N_('Unknown field "%(field)s"; the fields allowed here are: %(fields)s.'),
                    field=key,
                    fields=", ".join(fields),
                )

    def report(self, line, template, **params):
        self.problems.append(Problem(line, template, params))

    def line_of(self, key):
        return line_of(self.data, key) or self.line

    def value(self, key, required):
        """Return the raw value of a field, MISSING if absent or null (noting it if it was required)."""
        if key in self.data and self.data[key] is not None:
            return self.data[key]
        if required:
            self.report(self.line_of(key), N_('The field "%(field)s" is required.'), field=key)
        return MISSING

    def text(self, key, required=False, max_length=None, default=""):
        value = self.value(key, required)
        if value is MISSING:
            return None if required else default
        if not isinstance(value, str):
            self.report(self.line_of(key), N_('The field "%(field)s" must be text.'), field=key)
            return None if required else default
        value = value.strip() if max_length else value
        if required and not value:
            self.report(self.line_of(key), N_('The field "%(field)s" must not be empty.'), field=key)
            return None
        if max_length and len(value) > max_length:
            self.report(
                self.line_of(key),
                N_('The field "%(field)s" is longer than %(limit)d characters.'),
                field=key,
                limit=max_length,
            )
            return None if required else default
        return value

    def reference(self, key, max_length):
        """Read the name of something listed elsewhere in the file, or None."""
        value = self.text(key, max_length=max_length, default=None)
        return value or None

    def boolean(self, key, default):
        value = self.value(key, False)
        if value is MISSING:
            return default
        if not isinstance(value, bool):
            self.report(self.line_of(key), N_('The field "%(field)s" must be true or false.'), field=key)
            return default
        return value

    def count(self, key, default=None):
        value = self.value(key, False)
        if value is MISSING:
            return default
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            self.report(self.line_of(key), N_('The field "%(field)s" must be a whole number, 0 or more.'), field=key)
            return default
        return value

    def choice(self, key, allowed, default=None, required=False):
        value = self.value(key, required)
        if value is MISSING:
            return default
        if value not in allowed:
            self.report(
                self.line_of(key),
                N_('"%(value)s" is not a valid %(field)s; use one of: %(allowed)s.'),
                value=value,
                field=key,
                allowed=", ".join(sorted(allowed)),
            )
            return None
        return value

    def country(self, key):
        value = self.text(key, max_length=2)
        if value and pycountry.countries.get(alpha_2=value.upper()) is None:
            self.report(self.line_of(key), N_('"%(value)s" is not an ISO 3166 country code.'), value=value)
            return ""
        return (value or "").upper()

    def date(self, key):
        value = self.text(key, required=True)
        if value is None:
            return None
        parsed = _parse(value, "%Y-%m-%d", DATE_PATTERN)
        if parsed is None:
            self.report(
                self.line_of(key),
                N_('"%(value)s" in "%(field)s" is not a date written YYYY-MM-DD.'),
                value=value,
                field=key,
            )
            return None
        return parsed.date()

    def clock(self, key):
        value = self.text(key, required=True)
        if value is None:
            return None
        parsed = _parse(value, "%H:%M", CLOCK_PATTERN)
        if parsed is None:
            self.report(
                self.line_of(key),
                N_('"%(value)s" in "%(field)s" is not a time written HH:MM (24-hour clock).'),
                value=value,
                field=key,
            )
            return None
        return parsed.time()

    def array(self, key):
        """Return the elements of an array field with their lines; a missing array is empty."""
        value = self.value(key, False)
        if value is MISSING:
            return []
        if not isinstance(value, list):
            self.report(self.line_of(key), N_('The field "%(field)s" must be a list ([ … ]).'), field=key)
            return []
        return [(element, line_of(value, index) or self.line_of(key)) for index, element in enumerate(value)]

    def texts(self, key, max_length):
        """Return the strings of an array of text, with their lines."""
        strings = []
        for element, line in self.array(key):
            if isinstance(element, str) and element.strip() and len(element.strip()) <= max_length:
                strings.append((element.strip(), line))
            else:
                self.report(line, N_('Each entry of "%(field)s" must be a non-empty text.'), field=key)
        return strings


def _parse(value, layout, pattern):
    """Return the datetime `value` spells in `layout`, or None; the pattern insists on leading zeros."""
    if not pattern.fullmatch(value):
        return None
    try:
        return datetime.strptime(value, layout)
    except ValueError:
        return None
