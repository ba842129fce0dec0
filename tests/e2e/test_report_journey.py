"""The seed report typed in Chromium by the demo rapporteur, returned once, revised and approved by the secretariat."""

import io
import re

import docx
import pypdf

from workshop.demo import track3_report as seed

SECRETARIAT = "secretariat@demo.workshop.test"
RAPPORTEUR = "rapporteur@demo.workshop.test"


def click_and_wait(page, selector):
    page.click(selector)
    page.wait_for_load_state()


def type_the_seed_report(page):
    for name, value in {**seed.HEADER, **seed.SECTIONS}.items():
        page.fill(f"#{name}", value)
    for name, value in seed.COUNTS.items():
        page.fill(f"#{name}", "" if value is None else str(value))
    page.fill("#recommendations_intro", seed.RECOMMENDATIONS_INTRO)
    for index, text in enumerate(seed.RECOMMENDATIONS):
        if not page.locator(f"#recommendations-{index}-text").count():
            # The form offers three blank rows at a time: save to get more.
            click_and_wait(page, "#submit")
            click_and_wait(page, "a:has-text('Edit the report')")
        page.fill(f"#recommendations-{index}-text", text)
    click_and_wait(page, "#submit")


def pdf_text(data):
    reader = pypdf.PdfReader(io.BytesIO(data))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def test_rapporteur_types_the_seed_report_and_the_secretariat_returns_then_approves_it(new_page, sign_in_as):
    rapporteur = new_page()
    sign_in_as(rapporteur, RAPPORTEUR)
    rapporteur.goto("/f/bogota-2011/my-reports")
    click_and_wait(rapporteur, "table.board tbody a")
    report_url = rapporteur.url
    click_and_wait(rapporteur, "a:has-text('Write the report')")
    assert rapporteur.input_value("#title"), "the form starts from what the agenda knows"
    type_the_seed_report(rapporteur)
    assert "Report saved." in rapporteur.inner_text("body")
    click_and_wait(rapporteur, "button:has-text('Submit to the secretariat')")
    assert "Report submitted to the secretariat." in rapporteur.inner_text("body")

    pdf = rapporteur.request.get(re.sub(r"/report$", "/report.pdf", report_url))
    text = pdf_text(pdf.body())
    order = [
        seed.SESSION_TITLE,
        seed.TRACK,
        "ORGANISER: Osvaldo Elissetche",
        "MODERATOR: Stephanie Childs",
        "RAPPORTEUR: Handy Acosta Cuellar",
        "PRESENTERS: Osvaldo Elissetche",
        "Format: Engagement Workshop",
        "Time and date: Wednesday 5 September 14:30 – 16:00",
        "Women: 11",
        "Men: 9",
        "Total: 20",
        "Presentations and discussions' summary",
        "Questions put to participants",
        "Outcomes",
        "New perspectives",
        "Lessons learned",
        "Key recommendations",
        *seed.RECOMMENDATIONS,
    ]
    found = [text.find(part) for part in order]
    assert -1 not in found, [part for part, where in zip(order, found, strict=True) if where == -1]
    assert found == sorted(found)

    secretariat = new_page()
    sign_in_as(secretariat, SECRETARIAT)
    secretariat.goto(report_url)
    secretariat.click("summary:has-text('Return to the rapporteur with comments')")
    secretariat.fill("#return-body", "Please add the countries of the presenters.")
    click_and_wait(secretariat, "#return-submit")
    assert "Report returned to the rapporteur." in secretariat.inner_text("body")

    rapporteur.goto(report_url)
    assert "Please add the countries of the presenters." in rapporteur.inner_text("body")
    click_and_wait(rapporteur, "a:has-text('Edit the report')")
    rapporteur.fill("#lessons_learned", seed.SECTIONS["lessons_learned"] + "\n- A revised lesson.")
    click_and_wait(rapporteur, "#submit")
    click_and_wait(rapporteur, "button:has-text('Submit to the secretariat')")

    secretariat.goto(report_url)
    assert "A revised lesson." in secretariat.inner_text("#revisions")
    click_and_wait(secretariat, "button:has-text('Approve')")
    assert "Report approved." in secretariat.inner_text("body")
    rapporteur.goto(report_url)
    assert rapporteur.locator("a:has-text('Edit the report')").count() == 0

    # The secretariat shows the approved report on the public session page, and takes the forum's outcome.
    secretariat.goto(report_url)
    secretariat.check("#publication-published")
    click_and_wait(secretariat, "#publication-submit")
    assert "Report shown on the session page." in secretariat.inner_text("body")
    reader = new_page()
    reader.goto(re.sub(r"/report$", "", report_url))
    public = " ".join(reader.inner_text(".published-report").split())
    assert "Women: 11" in public and "Men: 9" in public and "Total: 20" in public
    assert all(" ".join(text.split()) in public for text in seed.RECOMMENDATIONS), "every recommendation, none lost"

    secretariat.goto("/manage/bogota-2011/outcome")
    assert secretariat.locator("a:has-text('Word (DOCX)')").count() == 1, "the build is done (the queue runs at once)"
    outcome_pdf = pdf_text(secretariat.request.get("/manage/bogota-2011/outcome.pdf").body())
    assert " ".join(seed.RECOMMENDATIONS[-1].split()) in outcome_pdf and "11 / 9 / – = 20" in outcome_pdf
    word = docx.Document(io.BytesIO(secretariat.request.get("/manage/bogota-2011/outcome.docx").body()))
    rows = [[cell.text for cell in row.cells] for row in word.tables[0].rows]
    assert any(row[1:] == ["11", "9", "–", "20"] for row in rows), rows
