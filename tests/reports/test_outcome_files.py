"""The consolidated outcome as files: PDF and DOCX built on the queue, the key recommendations alone as CSV and XLSX."""

import csv
import io
import itertools
import time

import docx
import openpyxl
import pytest

from tests.reports.conftest import report_form
from tests.reports.test_outcome import approve
from workshop.core.queue import shared_storage
from workshop.exports import outcome_builds, report_pdf
from workshop.programme.models import AppointmentRole
from workshop.reports.outcome import outcome_fingerprint

SECOND_REPORT = {
    "title": "Knowledge sharing",
    "rapporteur": "Olga Other",
    "women": "4",
    "men": "3",
    "other": "1",
    "total": "8",
    "summary": "Peers **compared** notes.\n\n1. First *finding*\n2. Second finding",
    "recommendations-0-text": "=SUM(A1:A2) share what works.",
    "recommendations-0-addressee": "Next forum",
    "recommendations-1-text": "",
}


@pytest.fixture
def two_approved(app, client, sign_in, report_world, create_session, create_track, appoint):
    """Approve the seed's Track 3 report and a second one in another track; leave the secretariat signed in."""
    world = report_world
    second_track = create_track(world.forum, "Track 1 – Evidence")
    other = create_session(
        world.forum, world.session.block, "Knowledge sharing", "16:00", "17:00", track=second_track, number="8"
    )
    appoint(other, world.other_rapporteur, AppointmentRole.RAPPORTEUR)
    approve(app, client, sign_in, world, world.session, world.rapporteur)
    approve(app, client, sign_in, world, other, world.other_rapporteur, **SECOND_REPORT)
    return world


@pytest.fixture
def builds_run(monkeypatch):
    """Record every outcome build that runs, and what it answered."""
    runs = []
    real = outcome_builds.build_outcome

    def recording(forum_id, fingerprint, language):
        runs.append(real(forum_id, fingerprint, language))
        return runs[-1]

    monkeypatch.setattr(outcome_builds, "build_outcome", recording)
    return runs


def outcome_url(app, world, kind):
    return app.url_for(f"exports.outcome_{kind}", slug=world.forum.slug, _external=False)


def test_the_docx_has_word_headings_per_day_track_and_session_and_word_tables_for_participation(
    app, client, two_approved
):
    response = client.get(outcome_url(app, two_approved, "docx"))

    assert response.status_code == 200
    assert response.mimetype == outcome_builds.DOCX.mimetype
    document = docx.Document(io.BytesIO(response.data))
    headings = [(p.style.name, p.text) for p in document.paragraphs if p.style.name.startswith(("Heading", "Title"))]
    assert headings[:3] == [
        ("Title", "Consolidated outcome"),
        ("Heading 1", "Key recommendations"),
        ("Heading 1", "Participation"),
    ]
    day_headings = [text for style, text in headings if style == "Heading 1"][2:]
    assert [text.split(" · ")[1] for text in day_headings] == [
        "Track 3 – Redefining global governance",
        "Track 1 – Evidence",
    ]
    assert ("Heading 2", "The role of South-South cooperation for development") in headings
    assert ("Heading 2", "Knowledge sharing") in headings
    assert ("Heading 3", "Presentations and discussions' summary") in headings
    participation = document.tables[0]
    assert [cell.text for cell in participation.rows[0].cells] == ["Session", "Women", "Men", "Other", "Total"]
    assert [cell.text for cell in participation.rows[-1].cells] == ["Forum", "15", "12", "1", "28"]
    assert participation.rows[0]._tr.trPr is not None, "the header row repeats on every page"
    texts = [p.text for p in document.paragraphs]
    first = texts.index("Improve current systems of negotiation. (to HLF-4 negotiators)")
    assert texts[first + 1].startswith("Session 7, The role of South-South cooperation for development; rapporteur:")
    styled = {p.text: p.style.name for p in document.paragraphs}
    assert styled["First finding"] == "List Number"
    lists = [list_of(document, p) for p in document.paragraphs if p.style.name == "List Number"]
    # The outcome's 3 recommendations, the first report's 2, the second's numbered summary (2), its 1 recommendation.
    assert [len(list(group)) for _, group in itertools.groupby(lists)] == [3, 2, 2, 1]
    assert all(start == 1 for _, start in lists), "each list is numbered from 1"
    bold = [run.text for p in document.paragraphs for run in p.runs if run.bold]
    assert "compared" in bold


def list_of(document, paragraph):
    """Return the numbering instance of a numbered paragraph and where it starts counting."""
    num_id = paragraph._p.pPr.numPr.numId.val
    num = next(num for num in document.part.numbering_part.element.num_lst if num.numId == num_id)
    overrides = num.xpath("./w:lvlOverride/w:startOverride/@w:val")
    return num_id, int(overrides[0]) if overrides else None


def test_the_pdf_and_docx_are_built_once_on_the_queue_and_then_sent_as_stored(
    app, client, two_approved, builds_run, monkeypatch
):
    page = client.get(app.url_for("reports.show_outcome", slug=two_approved.forum.slug)).get_data(as_text=True)
    assert builds_run == ["built"]
    assert 'http-equiv="refresh"' not in page
    assert outcome_url(app, two_approved, "docx") in page

    laid_out = []
    monkeypatch.setattr(report_pdf, "outcome_pdf", lambda *arguments, **keywords: laid_out.append(1))
    pdf = client.get(outcome_url(app, two_approved, "pdf"))
    word = client.get(outcome_url(app, two_approved, "docx"))

    assert pdf.status_code == word.status_code == 200
    assert pdf.data.startswith(b"%PDF")
    assert laid_out == [] and builds_run == ["built"], "a request sent what the build stored"


def test_while_a_worker_builds_the_page_shows_its_progress_and_reloads_and_the_files_are_not_laid_out(
    app, client, two_approved, builds_run
):
    forum = two_approved.forum
    fingerprint = outcome_fingerprint(forum)
    # A worker elsewhere has claimed the build and compiled 1 of 2 reports.
    shared_storage().put_if_empty(outcome_builds.claim_key(forum.id, fingerprint, "en"), time.time())
    shared_storage().put(
        outcome_builds.progress_key(forum.id, fingerprint, "en"), {"done": 1, "total": 2, "stage": "compiling"}
    )

    page = client.get(app.url_for("reports.show_outcome", slug=forum.slug)).get_data(as_text=True)
    response = client.get(outcome_url(app, two_approved, "pdf"))

    assert "Compiling the reports: 1 of 2" in page
    assert '<meta http-equiv="refresh" content="5">' in page
    assert f'href="{app.url_for("reports.show_outcome", slug=forum.slug, _external=False)}">Refresh' in page
    assert outcome_url(app, two_approved, "pdf") not in page
    assert response.status_code == 503
    assert response.headers["Retry-After"] == str(outcome_builds.RETRY_AFTER_SECONDS)
    assert builds_run == []


def test_a_claim_older_than_any_build_is_taken_again(app, client, two_approved, builds_run):
    forum = two_approved.forum
    stale = time.time() - app.config["EXPORT_BUILD_TIMEOUT"] - 1
    shared_storage().put_if_empty(outcome_builds.claim_key(forum.id, outcome_fingerprint(forum), "en"), stale)

    assert client.get(outcome_url(app, two_approved, "docx")).status_code == 200
    assert builds_run == ["built"]


def test_a_changed_report_supersedes_the_older_build_and_its_files(
    app, client, sign_in, two_approved, builds_run, create_session, appoint
):
    world = two_approved
    forum = world.forum
    old_fingerprint = outcome_fingerprint(forum)
    first = client.get(outcome_url(app, world, "pdf")).data
    third = create_session(forum, world.session.block, "Closing", "17:00", "18:00", number="9")
    appoint(third, world.other_rapporteur, AppointmentRole.RAPPORTEUR)
    approve(app, client, sign_in, world, third, world.other_rapporteur, title="Closing", rapporteur="Olga Other")

    assert outcome_fingerprint(forum) != old_fingerprint
    assert outcome_builds.build_outcome(forum.id, old_fingerprint, "en") == "superseded"
    second = client.get(outcome_url(app, world, "pdf")).data

    assert second != first
    assert builds_run == ["built", "superseded", "built"]
    assert outcome_builds.stored_outcome(forum, "en", outcome_builds.PDF, old_fingerprint) is None
    assert outcome_builds.stored_outcome(forum, "en", outcome_builds.DOCX, old_fingerprint) is None


def test_each_language_is_built_and_stored_on_its_own(app, client, two_approved, builds_run):
    french = client.get(outcome_url(app, two_approved, "docx"), headers={"Accept-Language": "fr"})
    english = client.get(outcome_url(app, two_approved, "docx"), headers={"Accept-Language": "en"})

    assert builds_run == ["built", "built"]
    assert docx.Document(io.BytesIO(french.data)).paragraphs[0].text == "Résultat consolidé"
    assert docx.Document(io.BytesIO(english.data)).paragraphs[0].text == "Consolidated outcome"


def test_a_failed_build_drops_its_claim_so_that_the_next_request_queues_it_again(
    app, client, two_approved, monkeypatch
):
    forum = two_approved.forum
    monkeypatch.setattr(outcome_builds, "_outcome_docx", lambda *arguments: 1 / 0)

    assert client.get(outcome_url(app, two_approved, "docx")).status_code == 503
    assert shared_storage().get(outcome_builds.claim_key(forum.id, outcome_fingerprint(forum), "en"), peek=True) is None
    monkeypatch.undo()
    assert client.get(outcome_url(app, two_approved, "docx")).status_code == 200


def test_the_key_recommendations_alone_as_csv_each_traced_to_its_session(app, client, two_approved):
    response = client.get(app.url_for("exports.outcome_recommendations", slug=two_approved.forum.slug, kind="csv"))

    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    rows = list(csv.reader(io.StringIO(response.data.decode("utf-8-sig"))))
    assert rows == [
        ["Recommendation", "Addressee", "Session number", "Session title", "Rapporteur"],
        [
            "Improve current systems of negotiation.",
            "HLF-4 negotiators",
            "7",
            "The role of South-South cooperation for development",
            "Handy Acosta Cuellar",
        ],
        [
            "Sustain cooperation networks over time.",
            "",
            "7",
            "The role of South-South cooperation for development",
            "Handy Acosta Cuellar",
        ],
        ["'=SUM(A1:A2) share what works.", "Next forum", "8", "Knowledge sharing", "Olga Other"],
    ]


def test_the_key_recommendations_alone_as_xlsx_with_a_header_row_and_filters(app, client, two_approved):
    response = client.get(
        app.url_for("exports.outcome_recommendations", slug=two_approved.forum.slug, kind="xlsx"),
        headers={"Accept-Language": "es"},
    )

    sheet = openpyxl.load_workbook(io.BytesIO(response.data)).active
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert rows[0] == ["Recomendación", "Destinatario", "Número de sesión", "Título de la sesión", "Relator/a"]
    assert rows[3][:3] == ["'=SUM(A1:A2) share what works.", "Next forum", "8"]
    assert len(rows) == 4
    assert sheet.auto_filter.ref == "A1:E4"
    assert sheet.freeze_panes == "A2"


def test_a_forum_without_approved_reports_gets_files_that_say_so(app, client, sign_in, report_world):
    sign_in(client, report_world.secretariat)
    client.post(
        app.url_for("reports.edit_report", slug=report_world.forum.slug, session_id=report_world.session.id),
        data=report_form(),
    )

    word = docx.Document(io.BytesIO(client.get(outcome_url(app, report_world, "docx")).data))
    listed = client.get(app.url_for("exports.outcome_recommendations", slug=report_world.forum.slug, kind="csv"))

    assert "No report is approved yet." in [p.text for p in word.paragraphs]
    assert listed.data.decode("utf-8-sig").splitlines() == [
        "Recommendation,Addressee,Session number,Session title,Rapporteur"
    ]
