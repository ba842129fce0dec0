"""A session to report on, with its people, and the seed report's Track 3 content to type in."""

from dataclasses import dataclass

import pytest

from workshop.accounts.models import ForumRoleName
from workshop.programme.models import AppointmentRole, SessionFormat

SEED_COUNTS = {"women": "11", "men": "9", "total": "20"}


@dataclass
class ReportWorld:
    forum: object
    session: object
    rapporteur: object
    facilitator: object
    secretariat: object
    participant: object
    other_rapporteur: object

    def url(self, app, endpoint, **values):
        return app.url_for(endpoint, slug=self.forum.slug, session_id=self.session.id, **values)


@pytest.fixture
def report_world(
    create_forum, create_user, create_organisation, create_track, create_day, create_block, create_session, appoint
):
    """Return a forum with Track 3's session, its organiser, moderator, presenters, rapporteur and facilitator."""
    forum = create_forum(title="Learning from South-South Cooperation", timezone="America/Bogota")
    track = create_track(forum, "Track 3 – Redefining global governance")
    block = create_block(create_day(forum), "14:00", "18:00")
    session = create_session(
        forum,
        block,
        "The role of South-South cooperation for development",
        "14:30",
        "16:00",
        track=track,
        number="7",
        format=SessionFormat.ENGAGEMENT_WORKSHOP,
    )
    organisation = create_organisation("Asociación Civil Estudios y Proyectos", "EyP")
    people = {
        "organiser": create_user("oelissetche@eyp.org.ar", "Osvaldo Elissetche", organisation=organisation),
        "moderator": create_user("childs@example.test", "Stephanie Childs"),
        "presenter": create_user("kao@example.test", "Stanley Kao", job_title="Director General", country_code="TW"),
    }
    rapporteur = create_user("acosta@example.test", "Handy Acosta Cuellar", roles={forum: [ForumRoleName.RAPPORTEUR]})
    facilitator = create_user(
        "facilitator@example.test", "Fran Facilitator", roles={forum: [ForumRoleName.FACILITATOR]}
    )
    appoint(session, people["organiser"], AppointmentRole.ORGANISER)
    appoint(session, people["moderator"], AppointmentRole.MODERATOR)
    appoint(session, people["organiser"], AppointmentRole.PRESENTER)
    appoint(session, people["presenter"], AppointmentRole.PRESENTER)
    appoint(session, rapporteur, AppointmentRole.RAPPORTEUR)
    appoint(session, facilitator, AppointmentRole.FACILITATOR)
    return ReportWorld(
        forum=forum,
        session=session,
        rapporteur=rapporteur,
        facilitator=facilitator,
        secretariat=create_user("sec@example.test", "Sam Secretariat", roles={forum: [ForumRoleName.SECRETARIAT]}),
        participant=create_user("part@example.test", "Pat Participant", roles={forum: [ForumRoleName.PARTICIPANT]}),
        other_rapporteur=create_user("other@example.test", "Olga Other", roles={forum: [ForumRoleName.RAPPORTEUR]}),
    )


def report_form(**overrides):
    """Return a report form as a browser posts it, with the seed's counts and two recommendations."""
    data = {
        "title": "The role of South-South cooperation for development",
        "track": "Track 3 – Redefining global governance",
        "organiser_name": "Osvaldo Elissetche",
        "organiser_organisation": "Asociación Civil Estudios y Proyectos",
        "organiser_email": "oelissetche@eyp.org.ar",
        "moderator": "Stephanie Childs",
        "rapporteur": "Handy Acosta Cuellar",
        "presenters": "Osvaldo Elissetche, President, Asociación Civil Estudios y Proyectos, Argentina",
        "format": "Engagement Workshop",
        "time_and_date": "Wednesday 5 September 14:30 – 16:00",
        **SEED_COUNTS,
        "summary": "The activity session focused on the role of emerging countries.",
        "questions": "- What benefits do South-South cooperation offer?",
        "outcomes": "- There has been a reduction of North-South cooperation.",
        "new_perspectives": "- Partnerships between countries and civil society.",
        "lessons_learned": "- Changes need to be made in the traditional model.",
        "recommendations_intro": "To have democratic, representative and transparent institutions, we should:",
        "recommendations-0-text": "Improve current systems of negotiation.",
        "recommendations-0-addressee": "HLF-4 negotiators",
        "recommendations-1-text": "Sustain cooperation networks over time.",
        "recommendations-1-addressee": "",
        "recommendations-2-text": "",
        "recommendations-2-addressee": "",
    }
    data.update(overrides)
    return {name: value for name, value in data.items() if value is not None}
