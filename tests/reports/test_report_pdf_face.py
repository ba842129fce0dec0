"""A session report's PDF carries the forum's logo, named by its organisation, and stays tagged."""

import io

import pypdf

from tests.exports.test_pdf_face import figures_alt_texts
from tests.forums import logo_samples as samples
from tests.reports.conftest import report_form
from workshop.extensions import db
from workshop.forums.logos import upload_logo


def test_the_report_pdf_shows_the_conveners_logo(app, client, sign_in, report_world):
    upload_logo(report_world.secretariat, report_world.forum, "convener", io.BytesIO(samples.CLEAN_SVG), "APC Colombia")
    db.session.commit()
    sign_in(client, report_world.rapporteur)
    client.post(report_world.url(app, "reports.edit_report"), data=report_form())

    response = client.get(report_world.url(app, "exports.session_report_pdf"))

    assert response.status_code == 200
    reader = pypdf.PdfReader(io.BytesIO(response.data))
    assert bool(reader.trailer["/Root"]["/MarkInfo"]["/Marked"])
    assert figures_alt_texts(reader)[0] == "APC Colombia"
