"""Clean text that comes from outside (forms, URLs, extracted documents) before it is stored or shown.

Free of Flask, so that the limited child process that extracts a document's text can use it too.
"""

import re

# Control characters but tab, line feed and carriage return: PostgreSQL refuses NUL outright, and
# the others break iCalendar lines, XML and PDF text without meaning anything to a reader.
CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def strip_control_characters(value):
    """Return `value` without control characters; anything but text (files, numbers, None) passes as it is."""
    if isinstance(value, str):
        return CONTROL_CHARACTERS.sub("", value)
    return value


def has_control_characters(text):
    return CONTROL_CHARACTERS.search(text) is not None


def normalise_newlines(text):
    """Return `text` with its line breaks as \\n, the way it is stored."""
    return (text or "").replace("\r\n", "\n").replace("\r", "\n")
