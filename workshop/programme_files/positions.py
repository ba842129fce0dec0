"""Parse JSON and remember on which line every object, array and value starts.

The standard decoder forgets positions once it has built a value, yet a person fixing a file
needs the line of the field that is wrong. The pure-Python scanner of `json.scanner` calls
back into the decoder for every object and array; wrapping those callbacks lets us note where
each member's value begins without writing a parser of our own.
"""

import json
from bisect import bisect_right
from json.decoder import JSONArray, JSONObject
from json.scanner import py_make_scanner

from workshop.core.messages import N_
from workshop.programme_files.problems import Problem, ProgrammeFileError


class PositionedDict(dict):
    """A JSON object that knows its own line and the line of each member's value."""

    line = None

    def __init__(self, pairs=(), line=None, member_lines=None):
        super().__init__(pairs)
        self.line = line
        self.member_lines = member_lines or {}

    def line_of(self, key):
        return self.member_lines.get(key, self.line)


class PositionedList(list):
    """A JSON array that knows its own line and the line of each element."""

    line = None

    def __init__(self, values=(), line=None, element_lines=None):
        super().__init__(values)
        self.line = line
        self.element_lines = element_lines or []

    def line_of(self, index):
        return self.element_lines[index] if index < len(self.element_lines) else self.line


class _PositionRecordingDecoder(json.JSONDecoder):
    """A decoder whose objects and arrays carry line numbers; duplicate keys are refused."""

    def __init__(self, text):
        super().__init__(object_pairs_hook=list)
        self._line_starts = [0] + [index + 1 for index, char in enumerate(text) if char == "\n"]
        self.duplicates = []
        self.parse_object = self._parse_object
        self.parse_array = self._parse_array
        # The C scanner parses objects itself and would never call our hooks.
        self.scan_once = py_make_scanner(self)

    def line_at(self, offset):
        return bisect_right(self._line_starts, offset)

    def _recording(self, scan_once, starts):
        def scan_and_record(text, offset):
            starts.append(self.line_at(offset))
            return scan_once(text, offset)

        return scan_and_record

    def _parse_object(self, text_and_end, strict, scan_once, object_hook, object_pairs_hook, memo=None):
        text, end = text_and_end
        starts = []
        pairs, end_of_object = JSONObject(
            text_and_end, strict, self._recording(scan_once, starts), object_hook, object_pairs_hook, memo
        )
        member_lines = {}
        for (key, _value), line in zip(pairs, starts, strict=True):
            if key in member_lines:
                self.duplicates.append(
                    Problem(line, N_('The field "%(field)s" appears twice in this object.'), {"field": key})
                )
            member_lines[key] = line
        return PositionedDict(pairs, self.line_at(end - 1), member_lines), end_of_object

    def _parse_array(self, text_and_end, scan_once):
        text, end = text_and_end
        starts = []
        values, end_of_array = JSONArray(text_and_end, self._recording(scan_once, starts))
        return PositionedList(values, self.line_at(end - 1), starts), end_of_array


def decode_programme_file(data):
    """Return the text of a programme file's bytes; refuse anything but UTF-8, at the line it goes wrong."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ProgrammeFileError(
            [
                Problem(
                    data.count(b"\n", 0, error.start) + 1,
                    N_("The file is not UTF-8 text: byte %(byte)s cannot be read."),
                    {"byte": hex(data[error.start])},
                )
            ]
        ) from None


def load_positioned(text):
    """Parse a programme file's text; refuse bad JSON with its line and the parser's reason."""
    decoder = _PositionRecordingDecoder(text)
    try:
        data = decoder.decode(text)
    except json.JSONDecodeError as error:
        raise ProgrammeFileError(
            [
                Problem(
                    error.lineno,
                    N_("This is not valid JSON: %(reason)s (column %(column)d)."),
                    {"reason": error.msg, "column": error.colno},
                )
            ]
        ) from None
    if decoder.duplicates:
        raise ProgrammeFileError(decoder.duplicates)
    return data
