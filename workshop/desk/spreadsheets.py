"""Tables as CSV and XLSX bytes, every cell safe to open: the participant list, and any other table an export needs."""

import csv
import io
from dataclasses import astuple

from flask_babel import lazy_gettext as _l

from workshop.desk.rules import spreadsheet_cell

# In the order of `listing.ParticipantRow`'s fields.
HEADINGS = (
    _l("Name"),
    _l("Title"),
    _l("E-mail"),
    _l("Organisation"),
    _l("Country"),
    _l("Stakeholder group"),
    _l("Gender"),
    _l("Languages"),
    _l("Status"),
    _l("Accessibility needs"),
    _l("Dietary needs"),
    _l("Registered on"),
    _l("Checked in at"),
)


def _table(rows):
    yield [str(heading) for heading in HEADINGS]
    for row in rows:
        yield [spreadsheet_cell(value) for value in astuple(row)]


def participants_csv(rows):
    """Return the participant rows as CSV (see `table_csv`)."""
    return table_csv(_table(rows))


def participants_xlsx(rows, sheet_title):
    """Return the participant rows as an XLSX workbook (see `table_xlsx`)."""
    return table_xlsx(_table(rows), sheet_title)


def table_csv(table):
    """Return a table (a header row, then rows of cells) as UTF-8 CSV with a byte order mark, which spreadsheets need to read accents right."""
    text = io.StringIO()
    csv.writer(text).writerows(table)
    return ("\ufeff" + text.getvalue()).encode("utf-8")


def table_xlsx(table, sheet_title):
    """Return a table (a header row, then rows of cells) as an XLSX workbook with a frozen header row and filters on every column."""
    # openpyxl (about 20 MB) is loaded by the first worker asked for a workbook, not by every web worker at start.
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    sheet = workbook.active
    # Excel refuses sheet titles over 31 characters and a few punctuation marks.
    sheet.title = "".join(character for character in sheet_title if character not in "[]:*?/\\")[:31] or "Sheet"
    for values in table:
        sheet.append(values)
    last_column = get_column_letter(sheet.max_column)
    sheet.auto_filter.ref = f"A1:{last_column}{sheet.max_row}"
    sheet.freeze_panes = "A2"
    for index in range(1, sheet.max_column + 1):
        sheet.column_dimensions[get_column_letter(index)].width = 22
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()
