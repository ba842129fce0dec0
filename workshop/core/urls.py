"""URL converters that match only what the database can look up; anything else is simply not found.

Werkzeug's `int` takes any number of digits and its `string` any character but "/": a path such as
`/documents/2147483648` overflows PostgreSQL's integer, and a NUL in a slug is refused by PostgreSQL
outright, both as server errors. These converters make such paths match no route (404). They are
registered under the usual names, so every route uses them without saying so.
"""

from werkzeug.routing import IntegerConverter, UnicodeConverter, ValidationError

from workshop.core.forms import DATABASE_INTEGER_MAX
from workshop.core.text import has_control_characters


class DatabaseIntegerConverter(IntegerConverter):
    """`<int:…>` up to the largest id an integer column holds."""

    def __init__(self, map, fixed_digits=0, min=None, max=DATABASE_INTEGER_MAX, signed=False):
        super().__init__(map, fixed_digits=fixed_digits, min=min, max=max, signed=signed)


class PrintableTextConverter(UnicodeConverter):
    """`<…>` and `<string:…>` without control characters."""

    def to_python(self, value):
        if has_control_characters(value):
            raise ValidationError()
        return value


def init_app(app):
    """Register the converters; call before any blueprint adds its routes."""
    app.url_map.converters.update(
        int=DatabaseIntegerConverter, default=PrintableTextConverter, string=PrintableTextConverter
    )
