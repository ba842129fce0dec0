"""Badges as a print-ready PDF: name large, organisation, country, the group's colour band and a QR code.

The QR code carries the badge code alone (no personal datum) and is drawn as SVG inside the page, so
WeasyPrint fetches nothing for it (the safe fetcher would refuse a data: URI anyway).
"""

import segno
from flask import render_template
from markupsafe import Markup

from workshop.desk.rules import BadgeLayout
from workshop.exports import wording
from workshop.exports.pdf import render_pdf

# Medium error correction survives a scuffed or creased badge; the quiet zone is the template's margin.
QR_ERROR = "m"
BADGES_PER_SHEET = {BadgeLayout.A6: 1, BadgeLayout.FOUR_ON_A4: 4}


def qr_svg(code, title):
    """Return the QR code of a badge code as SVG markup, black on white, sized by its viewBox and the page's CSS.

    Its <title> is what the tagged PDF's /Figure says for it (/Alt): WeasyPrint reads an inline SVG's
    title and ignores the aria-label around it.
    """
    drawing = segno.make(code, error=QR_ERROR, micro=False).svg_inline(
        scale=1, border=0, omitsize=True, dark="#000", light="#fff", title=title
    )
    # segno's SVG is paths and the title, which segno escapes: the code is drawn, and no one's words reach
    # the markup unescaped (the title is our own wording around the badge code, which we issued).
    return Markup(drawing)  # nosec B704


def badges_pdf(forum, badges, layout, *, static_folder, face=None, **options):
    """Return the badges, one A6 page each or four to an A4 sheet, in the order given, with the forum's `face`."""
    per_sheet = BADGES_PER_SHEET[layout]
    html = render_template(
        "exports/badges_pdf.html",
        forum=forum,
        sheets=[badges[start : start + per_sheet] for start in range(0, len(badges), per_sheet)],
        layout=layout.value,
        qr_svg=qr_svg,
        lang=wording.language(),
        face=face,
    )
    return render_pdf(html, static_folder, **options)
