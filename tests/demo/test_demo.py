"""`flask demo` builds the Bogotá workshop of the concept note, with one login per role, once."""

from datetime import date, time

import pytest
from sqlalchemy import func, select

from workshop.accounts.models import ForumRoleName, User
from workshop.core.timezones import utc_to_local
from workshop.demo.services import DEMO_PASSWORD, DEMO_SLUG
from workshop.documents.models import Document
from workshop.extensions import db
from workshop.forums.models import AgendaStatus, Forum, Organisation, StakeholderGroup
from workshop.forums.services import find_forum
from workshop.programme.models import AppointmentRole, ForumSession, ItemKind, SessionFormat
from workshop.programme.services import programme_conflicts
from workshop.publishing.models import AgendaRelease
from workshop.registration.demo_data import PEOPLE
from workshop.registration.models import Registration
from workshop.registration.queries import registration_of, selection_of, window_of
from workshop.registration.rules import RegistrationStatus, WindowState

# The concept note's preliminary agenda, item by item, with the keynote slots left out.
CONCEPT_NOTE_SESSIONS = {
    "1": (
        "Building good practices to improve quality of South-South and Triangular Cooperation",
        [
            ("presentation", "The Task Team process to build good practices based on evidence for Busan and the G20."),
            ("debate", "How to set-up Horizontal Partnerships? What the evidence says."),
        ],
        ["Good practices paper (Based on evidence from 31 case studies and more than 150 case stories on SSC and TrC)"],
    ),
    "2": (
        "Producing policy recommendations for Busan.",
        [
            (
                "presentation",
                "TT-SSC proposal for the Busan Outcome Document and position papers from regional platforms and other groups",
            ),
            ("presentation", "Position Papers briefs."),
            ("debate", "How to consolidate sound political messages to be included in the Busan Outcome Document?"),
        ],
        ["Busan Outcome Document", "Draft Policy Recommendations for Busan", "Regional / other groups position papers"],
    ),
    "3": (
        "How SSC is expected to be discussed at the Busan HLF4",
        [
            (
                "presentation",
                "Options to discuss SSC in Busan: 1. Building block; 2. Side event; 3. Knowledge and Innovation Space.",
            ),
            (
                "debate",
                "Who can do what to ensure a high level, regionally balanced and sound participation of SSC partners?",
            ),
        ],
        ["Building block proposal", "Side Event Concept Note and Agenda", "Knowledge and Innovation Space Application"],
    ),
    "4": (
        "Looking at the Post-Busan Scenario: The way ahead towards 2015",
        [("debate", "How a post Busan agenda on South-South Cooperation should look like?")],
        ["Busan Outcome Document"],
    ),
    "5": (
        "How to improve the impact of Knowledge Sharing?",
        [
            ("presentation", "Recommendations submitted to the G20 Development Working Group"),
            ("debate", "How to refine and deepen the recommendations to be brought to the Cannes Meeting?"),
        ],
        [
            "Scaling Up Knowledge sharing for Development- A Working Paper for the G-20 Development Working Group, Pillar 9"
        ],
    ),
}
DEMO_LOGINS = [
    "admin@demo.workshop.test",
    "secretariat@demo.workshop.test",
    "facilitator@demo.workshop.test",
    "rapporteur@demo.workshop.test",
    "participant@demo.workshop.test",
]


@pytest.fixture
def demo(app, runner):
    """Run `flask demo` once and return the forum and what the command printed."""
    result = runner.invoke(args=["demo"])
    assert result.exit_code == 0, result.output
    return find_forum(DEMO_SLUG), result.output


def local(moment):
    return utc_to_local(moment, "America/Bogota")


def sessions_of(forum):
    """Return the concept note's sessions by number (the demo's unnumbered side sessions are not among them)."""
    sessions = db.session.scalars(
        select(ForumSession).where(ForumSession.forum_id == forum.id, ForumSession.number != "")
    )
    return {session.number: session for session in sessions}


def side_sessions_of(forum):
    """Return the sessions the demo adds to the concept note's, so that participants have something to choose."""
    return db.session.scalars(
        select(ForumSession)
        .where(ForumSession.forum_id == forum.id, ForumSession.number == "")
        .order_by(ForumSession.starts_at)
    ).all()


def user(email):
    return db.session.scalar(select(User).where(User.email == email))


def test_the_forum_has_the_facts_of_the_concept_note(demo):
    forum, _output = demo

    assert forum.title == "Learning from South-South and Triangular Cooperation"
    assert forum.subtitle == "Sharing Knowledge for Development"
    assert (forum.city, forum.country_code, forum.timezone) == ("Bogotá", "CO", "America/Bogota")
    assert (forum.start_date, forum.end_date) == (date(2011, 9, 26), date(2011, 9, 28))
    assert "APC-Colombia" in forum.convened_by
    assert "TT-SSC" in forum.facilitated_by
    # The concept note's footnote about September 28 belongs to that day, so it is said once, beside it.
    assert forum.agenda_note == ""
    assert forum.objective.startswith("This workshop aims to be a space for key partners")
    assert "four pillars" in forum.background
    assert "**Country representatives.**" in forum.participants_text
    assert "keynote speakers (5 min)" in forum.methodology
    assert forum.status == AgendaStatus.PRELIMINARY and forum.is_public


def test_the_days_and_blocks_are_those_of_the_agenda(demo):
    forum, _output = demo

    blocks = {
        day.date: [(local(block.starts_at).time(), local(block.ends_at).time()) for block in day.blocks]
        for day in forum.days
    }
    assert blocks == {
        date(2011, 9, 26): [(time(9), time(12)), (time(14), time(18))],
        date(2011, 9, 27): [(time(9), time(12)), (time(14), time(16))],
        date(2011, 9, 28): [],
    }
    assert [day.to_be_announced for day in forum.days] == [False, False, True]
    assert "September 28 will be sent in the coming days" in forum.days[2].note


def test_the_loose_items_sit_where_the_agenda_puts_them(demo):
    forum, _output = demo
    sessions = sessions_of(forum)

    loose = [(block, item) for day in forum.days for block in day.blocks for item in block.loose_items]
    assert [item.title for _block, item in loose] == [
        "Opening and welcome remarks",
        "Debate. South-South and Triangular Cooperation as a tool for developing capacities",
        "Closing remarks.",
    ]
    (morning, opening), (afternoon, debate), (last_block, closing) = loose
    assert opening.ends_at <= sessions["1"].starts_at and sessions["1"].block_id == morning.id
    assert debate.ends_at <= sessions["2"].starts_at and sessions["2"].block_id == afternoon.id
    assert closing.starts_at >= sessions["5"].ends_at and closing.ends_at == last_block.ends_at


def test_every_session_has_the_concept_note_title_items_and_drafts(demo):
    forum, _output = demo
    sessions = sessions_of(forum)

    assert set(sessions) == set(CONCEPT_NOTE_SESSIONS)
    for number, (title, items, documents) in CONCEPT_NOTE_SESSIONS.items():
        session = sessions[number]
        assert session.title == title
        assert [(item.kind.value, item.title) for item in session.items if item.kind != ItemKind.KEYNOTE] == items
        assert [link.document.title for link in session.document_links] == documents
        [keynote] = [item for item in session.items if item.kind == ItemKind.KEYNOTE]
        assert keynote.duration_minutes == 5 and keynote.speaker in session.people_with(AppointmentRole.KEYNOTE_SPEAKER)
        assert (
            session.outputs
            and session.room
            and session.facilitators
            and session.people_with(AppointmentRole.RAPPORTEUR)
        )


def test_one_busan_outcome_document_is_tabled_in_sessions_2_and_4(demo):
    forum, _output = demo

    [document] = db.session.scalars(select(Document).where(Document.title == "Busan Outcome Document")).all()
    assert sorted(link.session.number for link in document.session_links) == ["2", "4"]
    tabled = db.session.scalars(
        select(Document).where(Document.forum_id == forum.id, Document.session_links.any())
    ).all()
    assert len(tabled) == 8


def test_the_demo_people_hold_their_roles_and_can_sign_in(demo):
    forum, output = demo
    sessions = sessions_of(forum)

    for email in DEMO_LOGINS:
        assert email in output
        assert user(email).check_password(DEMO_PASSWORD)
    assert DEMO_PASSWORD in output
    assert user("admin@demo.workshop.test").is_admin
    assert ForumRoleName.SECRETARIAT in user("secretariat@demo.workshop.test").roles_in(forum)
    assert ForumRoleName.PARTICIPANT in user("participant@demo.workshop.test").roles_in(forum)
    facilitator, rapporteur = user("facilitator@demo.workshop.test"), user("rapporteur@demo.workshop.test")
    assert sorted(n for n, s in sessions.items() if facilitator in s.facilitators) == ["1", "2"]
    assert [n for n, s in sessions.items() if rapporteur in s.people_with(AppointmentRole.RAPPORTEUR)] == ["1"]
    assert all(s.facilitators and facilitator not in s.facilitators for n, s in sessions.items() if n not in ("1", "2"))


def test_the_demo_has_no_scheduling_conflicts_and_three_releases_published_before_the_forum(demo):
    forum, _output = demo

    assert programme_conflicts(forum) == []
    releases = db.session.scalars(
        select(AgendaRelease).where(AgendaRelease.forum_id == forum.id).order_by(AgendaRelease.number)
    ).all()
    assert [(release.number, release.status) for release in releases] == [
        (1, AgendaStatus.PRELIMINARY),
        (2, AgendaStatus.PRELIMINARY),
        (3, AgendaStatus.PRELIMINARY),
    ]
    published = [local(release.published_at) for release in releases]
    assert published == sorted(published)
    assert published[-1].date() < forum.start_date
    assert all(release.note for release in releases)
    assert [len(release.snapshot["sessions"]) for release in releases] == [
        len(CONCEPT_NOTE_SESSIONS) + len(side_sessions_of(forum))
    ] * 3


def test_each_demo_release_changes_something_and_the_last_is_the_programme_as_loaded(demo):
    forum, _output = demo
    releases = db.session.scalars(
        select(AgendaRelease).where(AgendaRelease.forum_id == forum.id).order_by(AgendaRelease.number)
    ).all()
    session_3, session_5 = sessions_of(forum)["3"], sessions_of(forum)["5"]

    def seen(release, session, field):
        return release.snapshot["sessions"][str(session.id)][field]

    assert [seen(release, session_3, "room") for release in releases] == [
        "Salón Bolívar",
        "Sala Cartagena",
        "Sala Cartagena",
    ]
    assert [seen(release, session_5, "title") for release in releases] == [
        "Knowledge sharing: the recommendations to the G20",
        "Knowledge sharing: the recommendations to the G20",
        "How to improve the impact of Knowledge Sharing?",
    ]
    assert (session_3.room.name, session_5.title) == (
        "Sala Cartagena",
        "How to improve the impact of Knowledge Sharing?",
    )


def test_the_demo_adds_a_parallel_side_event_and_a_coalitions_closed_meeting(demo):
    forum, _output = demo
    sessions = sessions_of(forum)

    side_event, closed_meeting = side_sessions_of(forum)
    assert side_event.format.value == "side_event" and side_event.capacity == 30
    assert side_event.starts_at == sessions["3"].starts_at and side_event.room != sessions["3"].room
    assert closed_meeting.starts_at == sessions["5"].starts_at
    assert closed_meeting.restricted_to_group.name == "Building block on South-South Cooperation"
    assert all(session.restricted_to_group is None for session in sessions.values())


def test_running_the_demo_again_says_so_and_changes_nothing(demo, runner):
    forum, _output = demo
    counts = [
        db.session.scalar(select(func.count()).select_from(model))
        for model in (Forum, ForumSession, User, AgendaRelease)
    ]

    result = runner.invoke(args=["demo"])

    assert result.exit_code == 0
    assert "exists already" in result.output
    assert [
        db.session.scalar(select(func.count()).select_from(model))
        for model in (Forum, ForumSession, User, AgendaRelease)
    ] == counts


def test_the_demo_forum_takes_registrations_and_has_a_few_dozen_across_all_groups_and_statuses(demo):
    forum, _output = demo
    registrations = db.session.scalars(select(Registration).where(Registration.forum_id == forum.id)).all()

    assert len(registrations) >= 36
    assert {registration.status for registration in registrations} == set(RegistrationStatus)
    assert {registration.group.stakeholder for registration in registrations} == set(StakeholderGroup)
    assert window_of(forum)[1] == WindowState.OPEN
    confirmed = [registration for registration in registrations if registration.status == RegistrationStatus.CONFIRMED]
    waiting = [registration for registration in registrations if registration.status == RegistrationStatus.WAITING]
    civil_society = next(
        group for group in forum.participant_groups if group.stakeholder == StakeholderGroup.CIVIL_SOCIETY
    )
    assert sum(registration.group == civil_society for registration in confirmed) == civil_society.quota
    assert waiting and all(registration.group == civil_society for registration in waiting), (
        "the quota is what they wait for"
    )
    assert sorted(registration.arrival_number for registration in confirmed + waiting) == list(
        range(1, len(confirmed) + len(waiting) + 1)
    )
    participant = user("participant@demo.workshop.test")
    assert registration_of(participant, forum).status == RegistrationStatus.CONFIRMED
    assert selection_of(participant, forum).chosen


def test_the_demo_s_organisations_are_the_seeded_directory_and_its_own_each_listed_once(demo):
    forum, _output = demo
    shared = db.session.scalars(select(Organisation).where(Organisation.forum_id.is_(None))).all()
    acronyms = [organisation.acronym for organisation in shared]
    registrations = db.session.scalars(select(Registration).where(Registration.forum_id == forum.id)).all()

    assert len(acronyms) == len(set(acronyms))
    assert {"ECLAC", "IADB", "SEGIB", "TT-SSC", "UNDP", "WBG", "CARICOM", "UNASUR"} <= set(acronyms)
    assert {"APC-Colombia", "ABC", "MOFAT", "BAPPENAS"} <= set(acronyms)
    named = {acronym for *_, acronym, _status, _languages, _listed in PEOPLE if acronym}
    assert {registration.organisation.acronym for registration in registrations if registration.organisation} == named


def test_the_demo_works_in_english_and_spanish_interpreted_both_ways_in_its_plenaries(demo):
    forum, _output = demo
    sessions = db.session.scalars(select(ForumSession).where(ForumSession.forum_id == forum.id)).all()

    assert forum.working_language_codes == ["en", "es"]
    interpreted = {session.title: session.interpretation for session in sessions if session.interpretation}
    plenaries = {session.title for session in sessions if session.format == SessionFormat.PLENARY}
    assert plenaries and set(interpreted) == plenaries
    assert set(interpreted.values()) == {"en>es,es>en"}
    latest = db.session.scalar(
        select(AgendaRelease).where(AgendaRelease.forum_id == forum.id).order_by(AgendaRelease.number.desc())
    )
    assert latest.snapshot["forum"]["working_languages"] == ["en", "es"], "the releases say so too"
