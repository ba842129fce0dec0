"""The forum's consolidated outcome as a Word document, for secretariats who edit the outcome in Word.

Real Word headings (Heading 1 for the parts and each day and track, 2 for a report, 3 for its
sections) and real Word tables for the participation figures and each report's header, so that
Word's navigation pane, table of contents and table tools work on it.
"""

import io
from html.parser import HTMLParser

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.oxml import OxmlElement
from flask_babel import gettext as _

from workshop.core.labels import label
from workshop.core.templating import local_day
from workshop.reports.rules import COUNT_FIELDS

# Block elements of a section's sanitised HTML, and the Word paragraph style each becomes.
BLOCK_STYLES = {"p": None, "blockquote": "Quote", "pre": None}
LIST_TAGS = frozenset({"ul", "ol"})
BLOCK_STYLES.update({f"h{level}": "Heading 4" for level in range(1, 7)})
BOLD_TAGS, ITALIC_TAGS = frozenset({"strong", "b"}), frozenset({"em", "i"})


def outcome_docx(outcome, forum_title):
    """Return the DOCX bytes of a consolidated outcome (a `reports.outcome.ConsolidatedOutcome`)."""
    document = Document()
    document.core_properties.title = f"{_('Consolidated outcome')} – {forum_title}"
    document.add_heading(_("Consolidated outcome"), level=0)
    document.add_paragraph(forum_title)
    lists = NumberedLists(document)
    _add_recommendations(document, outcome, lists)
    _add_participation(document, outcome)
    for group in outcome.groups:
        heading = local_day(group.day, None, "full") + (f" · {group.track}" if group.track else "")
        document.add_heading(heading, level=1)
        for printed in group.reports:
            _add_report(document, printed, lists)
    output = io.BytesIO()
    document.save(output)
    return output.getvalue()


def _add_recommendations(document, outcome, lists):
    document.add_heading(str(label("recommendations", "report_field")), level=1)
    if not outcome.recommendations:
        document.add_paragraph(_("No report is approved yet."))
    lists.start()
    for item in outcome.recommendations:
        text = item.text + (f" ({_('to %(addressee)s', addressee=item.addressee)})" if item.addressee else "")
        lists.add_item(text)
        trace = _(
            "Session %(number)s, %(title)s; rapporteur: %(rapporteur)s",
            number=item.session_number or "–",
            title=item.session_title,
            rapporteur=item.rapporteur or "–",
        )
        document.add_paragraph().add_run(trace).italic = True


def _add_participation(document, outcome):
    document.add_heading(_("Participation"), level=1)
    rows = [(row.label, row.counts) for row in outcome.participation] + [(_("Forum"), outcome.totals)]
    headings = [_("Session"), *(str(label(name, "report_field")) for name in COUNT_FIELDS)]
    _add_table(
        document, headings, [[name, *(_count(counts, field) for field in COUNT_FIELDS)] for name, counts in rows]
    )
    _add_stakeholder_table(document, outcome)


def _add_stakeholder_table(document, outcome):
    document.add_heading(_("By stakeholder group"), level=2)
    if not outcome.by_stakeholder:
        document.add_paragraph(
            _("Nobody was checked in at the reported sessions: the desk's check-in gives these figures.")
        )
        return
    document.add_paragraph(_("People checked in at the desk, at each session where check-in was used."))
    headings = [_("Session"), *map(_stakeholder_name, outcome.stakeholder_columns), str(label("total", "report_field"))]
    rows = [(row.label, row) for row in outcome.by_stakeholder] + [(_("Forum"), outcome.stakeholder_totals)]
    _add_table(document, headings, [[name, *map(str, row.counts), str(row.total)] for name, row in rows])


def _stakeholder_name(group):
    return str(label(group, "stakeholder_group")) if group else _("Other or not stated")


def _count(counts, name):
    value = getattr(counts, name)
    return "–" if value is None else str(value)


def _add_table(document, headings, rows):
    """Add a Word table with a repeated header row: one row of `headings`, then `rows` of text."""
    table = document.add_table(rows=1, cols=len(headings))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, heading in zip(table.rows[0].cells, headings, strict=True):
        cell.paragraphs[0].add_run(heading).bold = True
    _repeat_as_header(table.rows[0])
    for values in rows:
        for cell, value in zip(table.add_row().cells, values, strict=True):
            cell.text = value
    return table


class NumberedLists:
    """Start each numbered list of the document at 1: Word's "List Number" style alone numbers them all as one list."""

    def __init__(self, document):
        self.document = document
        self.style_num_id = document.styles["List Number"].element.pPr.numPr.numId.val
        self.num_id = None

    def start(self):
        """Begin a new list: its items are numbered from 1."""
        numbering = self.document.part.numbering_part.element
        abstract_id = next(num for num in numbering.num_lst if num.numId == self.style_num_id).abstractNumId.val
        num = numbering.add_num(abstract_id)
        num.add_lvlOverride(ilvl=0).add_startOverride(1)
        self.num_id = num.numId

    def add_item(self, text=""):
        """Add an item to the list begun last."""
        paragraph = self.document.add_paragraph(text, style="List Number")
        paragraph._p.get_or_add_pPr().get_or_add_numPr().get_or_add_numId().val = self.num_id
        paragraph._p.get_or_add_pPr().get_or_add_numPr().get_or_add_ilvl().val = 0
        return paragraph


def _repeat_as_header(row):
    """Mark a table's first row as its header, which Word repeats on every page the table runs over."""
    row._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))


def _add_report(document, printed, lists):
    header = dict(printed.header)
    document.add_heading(header["title"] or _("Session %(number)s", number=printed.number), level=2)
    grid = [(str(label(name, "report_field")), header[name]) for name in header if name != "title" and header[name]]
    grid += [
        (str(label(name, "report_field")), str(getattr(printed.counts, name)))
        for name in COUNT_FIELDS
        if getattr(printed.counts, name) is not None
    ]
    table = document.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    for name, value in grid:
        cells = table.add_row().cells
        cells[0].paragraphs[0].add_run(name).bold = True
        cells[1].text = value
    for name, html in printed.sections:
        document.add_heading(str(label(name, "report_field")), level=3)
        SectionWriter(document, lists).feed(html)
    if printed.recommendations or printed.recommendations_intro:
        document.add_heading(str(label("recommendations", "report_field")), level=3)
        if printed.recommendations_intro:
            document.add_paragraph(printed.recommendations_intro)
        lists.start()
        for item in printed.recommendations:
            addressee = f" ({_('to %(addressee)s', addressee=item.addressee)})" if item.addressee else ""
            lists.add_item(item.text + addressee)


class SectionWriter(HTMLParser):
    """Write a section's sanitised HTML as Word paragraphs: one a block, list items as bullets, bold and italic kept."""

    def __init__(self, document, lists):
        super().__init__(convert_charrefs=True)
        self.document = document
        self.lists = lists
        self.paragraph = None
        self.open_inline = []
        self.open_lists = []

    def handle_starttag(self, tag, attrs):
        if tag in LIST_TAGS:
            self.open_lists.append(tag)
            if tag == "ol":
                self.lists.start()
        elif tag == "li" and self.open_lists and self.open_lists[-1] == "ol":
            self.paragraph = self.lists.add_item()
        elif tag == "li":
            self.paragraph = self.document.add_paragraph(style="List Bullet")
        elif tag in BLOCK_STYLES:
            # A paragraph inside a list item (a loose list) continues the item.
            if not (tag == "p" and self.paragraph is not None and self.open_lists):
                self.paragraph = self.document.add_paragraph(style=BLOCK_STYLES[tag])
        elif tag == "br" and self.paragraph is not None:
            self.paragraph.add_run().add_break()
        else:
            self.open_inline.append(tag)

    def handle_endtag(self, tag):
        if tag in LIST_TAGS and tag in self.open_lists:
            self.open_lists.pop()
        elif tag in BLOCK_STYLES or tag == "li":
            self.paragraph = None
        elif tag in self.open_inline:
            self.open_inline.remove(tag)

    def handle_data(self, data):
        if not data.strip() and (self.paragraph is None or not self.paragraph.text):
            return
        if self.paragraph is None:
            self.paragraph = self.document.add_paragraph()
        run = self.paragraph.add_run(data)
        run.bold = any(tag in BOLD_TAGS for tag in self.open_inline) or None
        run.italic = any(tag in ITALIC_TAGS for tag in self.open_inline) or None
