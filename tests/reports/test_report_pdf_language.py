"""A session report and the consolidated outcome declare their language (/Lang), a title in it, the language of their parts and a structure PDF/UA asks for."""

import pytest
from flask_babel import force_locale
from flask_babel import gettext as _

from tests.pdf_language import declared_language, languages_of, languages_of_parts, pdfinfo
from tests.reports.conftest import report_form
from tests.reports.test_outcome import approve
from validate.pdf_structure import outline_titles, read_structure, structure_problems


@pytest.mark.parametrize("language", ["en", "es", "fr"])
def test_the_session_report_declares_its_language_and_a_title_in_it(
    app, client, sign_in, report_world, tmp_path, language
):
    sign_in(client, report_world.rapporteur)
    client.post(report_world.url(app, "reports.edit_report"), data=report_form())
    with force_locale(language):
        worded = _("Report")

    data = client.get(report_world.url(app, "exports.session_report_pdf") + f"?lang={language}").data

    assert declared_language(data) == language
    assert pdfinfo(data, tmp_path)["Title"].strip().startswith(f"{worded} –")


@pytest.mark.parametrize("language", ["en", "es", "fr"])
def test_the_consolidated_outcome_declares_its_language_and_a_title_in_it(
    app, client, sign_in, report_world, tmp_path, language
):
    sign_in(client, report_world.secretariat)
    with force_locale(language):
        worded = _("Consolidated outcome")

    data = client.get(app.url_for("exports.outcome_pdf", slug=report_world.forum.slug, lang=language)).data

    assert declared_language(data) == language
    assert worded in pdfinfo(data, tmp_path)["Title"]


REPORT_TYPED = (
    "Learning from South-South Cooperation",
    "The role of South-South cooperation for development",
    "Track 3 – Redefining global governance",
    "Engagement Workshop",
    "The activity session focused on the role of emerging countries.",
    "What benefits do South-South cooperation offer?",
    "To have democratic, representative and transparent institutions, we should:",
    "Improve current systems of negotiation.",
    "HLF-4 negotiators",
)


def test_a_spanish_report_pdf_reads_what_was_typed_in_english_and_its_own_words_in_spanish(
    app, client, sign_in, report_world
):
    sign_in(client, report_world.rapporteur)
    client.post(report_world.url(app, "reports.edit_report"), data=report_form())

    runs = languages_of_parts(client.get(report_world.url(app, "exports.session_report_pdf") + "?lang=es").data)

    assert {text: languages_of(runs, text) for text in REPORT_TYPED} == dict.fromkeys(REPORT_TYPED, {"en"})
    assert languages_of(runs, "Número de participantes") == {"es"}
    assert languages_of(runs, "Stephanie Childs") == {"es"}


def test_a_spanish_outcome_pdf_reads_what_was_typed_in_english_and_its_own_words_in_spanish(
    app, client, sign_in, report_world
):
    approve(app, client, sign_in, report_world, report_world.session, report_world.rapporteur)

    runs = languages_of_parts(
        client.get(app.url_for("exports.outcome_pdf", slug=report_world.forum.slug, lang="es")).data
    )

    assert {text: languages_of(runs, text) for text in REPORT_TYPED} == dict.fromkeys(REPORT_TYPED, {"en"})
    assert languages_of(runs, "Resultado consolidado") == {"es"}
    assert languages_of(runs, "Número de participantes") == {"es"}


def test_the_report_and_outcome_pdfs_have_the_tagged_structure_pdf_ua_asks(app, client, sign_in, report_world):
    approve(app, client, sign_in, report_world, report_world.session, report_world.rapporteur)
    pdfs = {
        "report": client.get(report_world.url(app, "exports.session_report_pdf")).data,
        "outcome": client.get(app.url_for("exports.outcome_pdf", slug=report_world.forum.slug)).data,
    }

    assert {kind: structure_problems(data) for kind, data in pdfs.items()} == {"report": [], "outcome": []}
    assert outline_titles(read_structure(pdfs["report"])[0])[0] == "Session report"
