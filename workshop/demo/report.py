"""The seed report in the demo forum: session 2's rapporteur has written it from the seed and submitted it for review.

The demo forum (Bogotá 2011) has no Track 3; its session 2, on the policy recommendations for
Busan, is the closest, so it carries the seed report's text and counts under its own header.
"""

from sqlalchemy import select

from workshop.demo import track3_report as seed
from workshop.extensions import db
from workshop.programme.models import ForumSession
from workshop.programme.rules import AppointmentRole
from workshop.reports import services as report_services

DEMO_REPORTED_SESSION = "2"


def add_demo_report(forum):
    """Write the seed report as session 2's rapporteur would, and submit it to the secretariat."""
    session = db.session.scalar(
        select(ForumSession).where(ForumSession.forum_id == forum.id, ForumSession.number == DEMO_REPORTED_SESSION)
    )
    [rapporteur] = session.people_with(AppointmentRole.RAPPORTEUR)
    facts = report_services.known_facts(session)
    header = {name: getattr(facts, name) for name in seed.HEADER}
    recommendations = [report_services.RecommendationText(text) for text in seed.RECOMMENDATIONS]
    report_services.save_report(
        rapporteur,
        session,
        None,
        recommendations,
        **header,
        **seed.COUNTS,
        **seed.SECTIONS,
        recommendations_intro=seed.RECOMMENDATIONS_INTRO,
    )
    db.session.flush()
    report_services.submit_report(rapporteur, session)
