"""A forum's key recommendations alone, as CSV and XLSX, each traced to its session, to carry to the next forum."""

from flask_babel import lazy_gettext as _l

from workshop.desk.rules import spreadsheet_cell
from workshop.desk.spreadsheets import table_csv, table_xlsx

# In the order of each row's cells (`_table`).
HEADINGS = (
    _l("Recommendation"),
    _l("Addressee"),
    _l("Session number"),
    _l("Session title"),
    _l("Rapporteur"),
)


def _table(recommendations):
    yield [str(heading) for heading in HEADINGS]
    for item in recommendations:
        yield [
            spreadsheet_cell(value)
            for value in (item.text, item.addressee, item.session_number, item.session_title, item.rapporteur)
        ]


def recommendations_csv(recommendations):
    """Return the traced recommendations (`reports.outcome.TracedRecommendation`) as CSV, a header row first."""
    return table_csv(_table(recommendations))


def recommendations_xlsx(recommendations, sheet_title):
    """Return the traced recommendations as an XLSX sheet with its header frozen and filters set."""
    return table_xlsx(_table(recommendations), sheet_title)
