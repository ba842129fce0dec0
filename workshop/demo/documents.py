"""Give the demo forum's drafts real files: several versions, a language version, draft conclusions.

The files are generated (PDF with WeasyPrint, DOCX with python-docx) and go through the same
upload service as a facilitator's, so the demo shows the archive, the audit trail and the diffs.
"""

import io

from sqlalchemy import select

from workshop.demo.sample_files import make_docx, make_pdf
from workshop.documents import services
from workshop.documents.models import Document
from workshop.extensions import db

GOOD_PRACTICES_V1 = [
    "This paper gathers the evidence from 31 case studies and more than 150 case stories on South-South and "
    "Triangular Cooperation.",
    "Horizontal Partnerships rest on four pillars: trust, equity, mutual benefit and long-term relationships.",
    "Southern countries need capacities for information management, management for results and accountability.",
]
GOOD_PRACTICES_V2 = [
    "This paper gathers the evidence from 31 case studies and more than 150 case stories on South-South and "
    "Triangular Cooperation.",
    "Horizontal Partnerships rest on four pillars: trust, equity, mutual benefit and long-term relationships. "
    "Each pillar is illustrated with two case stories from Latin America, Asia-Pacific and Africa.",
    "Southern countries need capacities for information management, management for results and accountability.",
    "Regional platforms should lead capacity development plans at local, country and regional levels.",
]
OUTCOME_V1 = [
    "We recognise South-South Cooperation as a complement to North-South cooperation.",
    "We encourage the establishment of Horizontal Partnerships.",
]
OUTCOME_V2 = [
    "We recognise South-South and Triangular Cooperation as a complement to North-South cooperation.",
    "We encourage the establishment of Horizontal Partnerships based on trust, equity and mutual benefit.",
    "We will strengthen knowledge sharing for development among middle-income countries.",
]
RECOMMENDATIONS_EN = [
    "Recommendation 1. Include Horizontal Partnerships in the Busan Outcome Document.",
    "Recommendation 2. Develop capacities for information management in Southern countries.",
]
RECOMMENDATIONS_ES = [
    "Recomendación 1. Incluir las Alianzas Horizontales en el Documento Final de Busan.",
    "Recomendación 2. Desarrollar capacidades de gestión de la información en los países del Sur.",
]
DRAFT_CONCLUSIONS = (
    "1. The evidence from the case studies supports **Horizontal Partnerships**.\n"
    "2. The good practices paper should add regional examples before Busan.\n\n"
    "*Draft: to be completed with the keynote speaker.*"
)


def add_demo_documents(forum):
    """Upload generated files for the demo forum's drafts and start the conclusions of session 1; the caller commits."""
    documents = {
        document.title: document
        for document in db.session.scalars(select(Document).where(Document.forum_id == forum.id))
    }
    good_practices = _titled(documents, "Good practices paper")
    outcome = _titled(documents, "Busan Outcome Document")
    recommendations = _titled(documents, "Draft Policy Recommendations")

    _upload(good_practices, make_pdf, GOOD_PRACTICES_V1, "Good_practices_paper_v1.pdf", "preliminary", "")
    _upload(
        good_practices,
        make_pdf,
        GOOD_PRACTICES_V2,
        "Good_practices_paper_v2.pdf",
        "revised",
        "Adds regional case stories and a recommendation on regional platforms.",
    )
    _upload(outcome, make_docx, OUTCOME_V1, "Busan_Outcome_Document.docx", "preliminary", "")
    _upload(
        outcome,
        make_docx,
        OUTCOME_V2,
        "Busan_Outcome_Document_rev1.docx",
        "revised",
        "Wording agreed with the regional platforms.",
    )
    _upload(recommendations, make_pdf, RECOMMENDATIONS_EN, "Policy_recommendations.pdf", "preliminary", "")

    uploader = _uploader(recommendations)
    spanish = services.create_document(
        uploader,
        forum,
        "Recomendaciones de política para Busan (borrador)",
        recommendations.kind.value,
        "es",
        recommendations.organisation,
        translation_of=recommendations,
    )
    _upload(spanish, make_pdf, RECOMMENDATIONS_ES, "Propuesta_Bogotá.pdf", "preliminary", "")

    first_session = good_practices.session_links[0].session
    services.save_conclusions(_uploader(good_practices), first_session, DRAFT_CONCLUSIONS)


def _titled(documents, prefix):
    return next(document for title, document in documents.items() if title.startswith(prefix))


def _uploader(document):
    """Return the facilitator of the first session that tables the document, as a real upload would have."""
    tabled_by = document.translation_of or document
    return tabled_by.session_links[0].session.facilitators[0]


def _upload(document, make_file, paragraphs, filename, status, note):
    data = make_file(document.title, paragraphs)
    services.upload_version(_uploader(document), document, io.BytesIO(data), filename, status, note)
