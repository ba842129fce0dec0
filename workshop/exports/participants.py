"""The official List of Participants as a PDF, from the desk's grouped list."""

from flask import render_template

from workshop.core.timezones import local_date, utcnow
from workshop.exports import wording
from workshop.exports.pdf import render_pdf


def list_of_participants_pdf(forum, groups, *, static_folder, **options):
    """Return the List of Participants: by stakeholder group, then country, then name, with the forum's header."""
    html = render_template(
        "exports/list_of_participants_pdf.html",
        forum=forum,
        groups=groups,
        people_count=sum(len(country.people) for group in groups for country in group.countries),
        printed_on=wording.long_date(local_date(utcnow(), forum.timezone)),
        lang=wording.language(),
    )
    return render_pdf(html, static_folder, **options)
