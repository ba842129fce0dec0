"""The report's PDF reads like the seed report: the header grid, then every section in the seed's order."""

import io
import re

import pypdf

from tests.reports.conftest import report_form
from workshop.demo import track3_report as seed


def seed_form():
    """Return the seed report as the report form posts it."""
    form = {**seed.HEADER, **seed.SECTIONS, "recommendations_intro": seed.RECOMMENDATIONS_INTRO}
    form.update({name: "" if value is None else str(value) for name, value in seed.COUNTS.items()})
    for index, text in enumerate(seed.RECOMMENDATIONS):
        form[f"recommendations-{index}-text"] = text
        form[f"recommendations-{index}-addressee"] = ""
    return form


def pdf_text(data):
    reader = pypdf.PdfReader(io.BytesIO(data))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def positions(text, parts):
    return [text.find(part) for part in parts]


def test_the_seed_report_comes_out_in_the_seeds_order_with_its_counts(app, client, sign_in, report_world):
    sign_in(client, report_world.rapporteur)
    client.post(report_world.url(app, "reports.edit_report"), data=seed_form())

    response = client.get(report_world.url(app, "exports.session_report_pdf"))

    assert response.status_code == 200 and response.mimetype == "application/pdf"
    text = pdf_text(response.data)
    parts = [
        seed.SESSION_TITLE,
        seed.TRACK,
        "ORGANISER: Osvaldo Elissetche Asociación Civil Estudios y Proyectos oelissetche@eyp.org.ar",
        "MODERATOR: Stephanie Childs",
        "RAPPORTEUR: Handy Acosta Cuellar",
        "PRESENTERS: Osvaldo Elissetche, President",
        "Stanley Kao, Director General",
        "Format: Engagement Workshop",
        "Time and date: Wednesday 5 September 14:30 – 16:00",
        "Number of participants:",
        "Women: 11",
        "Men: 9",
        "Total: 20",
        "Presentations and discussions' summary",
        "The activity session focused on the role of emerging countries",
        "Questions put to participants",
        "What benefits do South-South cooperation offer?",
        "Outcomes",
        "There has been a reduction of North-South cooperation",
        "New perspectives",
        "Partnerships between countries and civil society",
        "Lessons learned",
        "Changes need to be made in the traditional North and South cooperation model",
        "Key recommendations",
        "To have democratic, representative and transparent international institutions",
        "Improve current systems of negotiation",
        "Redefine the concept of international cooperation",
    ]
    found = positions(text, parts)
    assert -1 not in found, [part for part, where in zip(parts, found, strict=True) if where == -1]
    assert found == sorted(found)
    assert "Other:" not in text


def test_the_pdf_is_tagged(app, client, sign_in, report_world):
    sign_in(client, report_world.rapporteur)
    client.post(report_world.url(app, "reports.edit_report"), data=report_form())

    data = client.get(report_world.url(app, "exports.session_report_pdf")).data

    assert "/StructTreeRoot" in pypdf.PdfReader(io.BytesIO(data)).trailer["/Root"]


def test_hostile_markdown_makes_the_pdf_fetch_nothing(app, client, sign_in, report_world, monkeypatch):
    from workshop.exports.pdf import StaticOnlyFetcher

    asked = []
    original = StaticOnlyFetcher.fetch

    def spy(self, url, headers=None):
        asked.append(url)
        return original(self, url, headers)

    monkeypatch.setattr(StaticOnlyFetcher, "fetch", spy)
    sign_in(client, report_world.rapporteur)
    hostile = "![a](file:///etc/passwd) ![b](https://evil.test/x.png) <img src='http://evil.test/y'>"
    client.post(report_world.url(app, "reports.edit_report"), data=report_form(summary=hostile, outcomes=hostile))

    response = client.get(report_world.url(app, "exports.session_report_pdf"))

    assert response.status_code == 200
    assert [url for url in asked if not re.match(r"static:", url)] == []


def test_a_session_without_a_report_has_no_pdf(app, client, sign_in, report_world):
    sign_in(client, report_world.secretariat)

    assert client.get(report_world.url(app, "exports.session_report_pdf")).status_code == 404
