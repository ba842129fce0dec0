"""A session report and the consolidated outcome declare their language (/Lang) and a title in it."""

import pytest
from flask_babel import force_locale
from flask_babel import gettext as _

from tests.pdf_language import declared_language, pdfinfo
from tests.reports.conftest import report_form


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
