"""The PDF of a session report, laid out like the seed report: the header grid, then the sections in order.

Rendered through the same static-only fetcher as the agenda: a report's Markdown is written by
people, and its sanitised HTML still must not make WeasyPrint fetch anything but our stylesheet.
"""

from flask import render_template

from workshop.exports.pdf import render_pdf
from workshop.exports.wording import language


def session_report_pdf(printed, forum_title, *, static_folder, face=None, **options):
    """Return the tagged PDF of one report (a `reports.services.PrintedReport`), dressed in the forum's `face`."""
    html = render_template(
        "exports/session_report_pdf.html", printed=printed, forum_title=forum_title, lang=language(), face=face
    )
    return render_pdf(html, static_folder, **options)


def outcome_pdf(outcome, forum_title, *, static_folder, face=None, **options):
    """Return the tagged PDF of a forum's consolidated outcome (a `reports.outcome.ConsolidatedOutcome`)."""
    html = render_template(
        "exports/outcome_pdf.html", outcome=outcome, forum_title=forum_title, lang=language(), face=face
    )
    return render_pdf(html, static_folder, **options)
