"""The concept note's agenda (Bogotá, 26–28 September 2011) as release snapshot data."""

from datetime import UTC, datetime
from types import SimpleNamespace

from workshop.core.markdown import render_markdown
from workshop.forums.models import AgendaStatus
from workshop.publishing.release_view import Snapshot

PUBLISHED_AT = datetime(2011, 9, 20, 15, 0, tzinfo=UTC)


def release_of(number, is_final=False):
    """Return what the exports read of a release: its id, number, status and date."""
    status = AgendaStatus.FINAL if is_final else AgendaStatus.PRELIMINARY
    return SimpleNamespace(id=number, number=number, status=status, is_final=is_final, published_at=PUBLISHED_AT)


def typed(snapshot, release=None):
    """Return snapshot data as the exports read it: through the one entry point a stored release goes through."""
    return Snapshot.from_json(snapshot, release)


def _person(person_id, name, organisation="", acronym="", country="CO"):
    return {
        "id": person_id,
        "name": name,
        "job_title": "",
        "organisation": organisation,
        "organisation_acronym": acronym,
        "country_code": country,
    }


MUNOZ = _person(1, "Ana Muñoz", "Agencia Presidencial de Cooperación", "APC-Colombia")
SILVA = _person(2, "João Silva", "Agência Brasileira de Cooperação", "ABC", "BR")
KOUASSI = _person(3, "Awa Kouassi", "Ministère du Plan de Côte d'Ivoire", "", "CI")
NOBODY_ID = 99
GOOD_PRACTICES_VERSION = {
    "number": 2,
    "size": 48213,
    "media_type": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "sha256": "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
}


def _people(**roles):
    names = ("facilitator", "moderator", "rapporteur", "organiser", "presenter", "keynote_speaker")
    return {name: list(roles.get(name, [])) for name in names}


def _item(kind, title, speaker=None, minutes=None):
    return {"kind": kind, "title": title, "speaker": speaker, "duration_minutes": minutes}


def _document(document_id, title, kind="paper"):
    return {"id": document_id, "title": title, "kind": kind, "organisation": "TT-SSC"}


def _session(session_id, number, title, block_id, starts_at, ends_at, room=(1, "Salón Bogotá"), **extra):
    return {
        "id": session_id,
        "number": number,
        "title": title,
        "outputs": extra.get("outputs", ""),
        "outputs_html": render_markdown(extra.get("outputs", "")),
        "format": extra.get("format", "engagement_workshop"),
        "block_id": block_id,
        "room_id": room[0],
        "room": room[1],
        "track_id": extra.get("track_id"),
        "track": extra.get("track", ""),
        "starts_at": starts_at,
        "ends_at": ends_at,
        "people": extra.get("people", _people()),
        "items": extra.get("items", []),
        "documents": extra.get("documents", []),
    }


def build_bogota_snapshot():
    """Return the concept note's preliminary agenda (Bogotá, 26–28 September 2011) as an unstamped snapshot."""
    sessions = [
        _session(
            11,
            "1",
            "Building good practices to improve quality of South-South and Triangular Cooperation",
            101,
            "2011-09-26T14:15:00+00:00",
            "2011-09-26T17:00:00+00:00",
            track_id=1,
            track="Track 1 – Good practices",
            people=_people(facilitator=[MUNOZ], keynote_speaker=[SILVA], rapporteur=[KOUASSI]),
            items=[
                _item(
                    "presentation",
                    "The Task Team process to build good practices based on evidence for Busan and the G20.",
                ),
                _item("keynote", "Horizontal Partnerships in São Paulo", SILVA, 5),
                _item("debate", "How to set-up Horizontal Partnerships? What the evidence says."),
            ],
            documents=[
                _document(
                    201,
                    "Good practices paper (Based on evidence from 31 case studies and more than 150 case stories on SSC and TrC)",
                )
            ],
        ),
        _session(
            12,
            "2",
            "Producing policy recommendations for Busan.",
            102,
            "2011-09-26T20:00:00+00:00",
            "2011-09-26T23:00:00+00:00",
            track_id=2,
            track="Track 2 – Busan",
            people=_people(facilitator=[SILVA], presenter=[KOUASSI]),
            items=[
                _item(
                    "presentation",
                    "TT-SSC proposal for the Busan Outcome Document and position papers from regional platforms and other groups",
                ),
                _item("presentation", "Position Papers briefs."),
                _item(
                    "debate",
                    "How to consolidate sound political messages to be included in the Busan Outcome Document?",
                ),
            ],
            documents=[
                _document(202, "Busan Outcome Document", "outcome_document"),
                _document(203, "Draft Policy Recommendations for Busan"),
                _document(204, "Regional / other groups position papers", "position_paper"),
            ],
        ),
        _session(
            13,
            "3",
            "How SSC is expected to be discussed at the Busan HLF4",
            103,
            "2011-09-27T14:00:00+00:00",
            "2011-09-27T15:30:00+00:00",
            track_id=2,
            track="Track 2 – Busan",
            room=(2, "Sala Côte d'Ivoire"),
            people=_people(facilitator=[KOUASSI], moderator=[MUNOZ]),
            items=[
                _item(
                    "presentation",
                    "Presentation of options to discuss SSC in Busan: building block, side event, Knowledge and Innovation Space.",
                ),
                _item(
                    "debate",
                    "Who can do what to ensure a high level, regionally balanced and sound participation of SSC partners?",
                ),
            ],
            documents=[
                _document(205, "Building block proposal", "proposal"),
                _document(206, "Side Event Concept Note and Agenda", "concept_note"),
                _document(207, "Knowledge and Innovation Space Application"),
            ],
        ),
        _session(
            14,
            "4",
            "Looking at the Post-Busan Scenario: The way ahead towards 2015",
            103,
            "2011-09-27T15:30:00+00:00",
            "2011-09-27T17:00:00+00:00",
            format="plenary",
            items=[_item("debate", "How a post Busan agenda on South-South Cooperation should look like?")],
        ),
        _session(
            15,
            "5",
            "How to improve the impact of Knowledge Sharing?",
            104,
            "2011-09-27T19:00:00+00:00",
            "2011-09-27T20:45:00+00:00",
            track_id=1,
            track="Track 1 – Good practices",
            people=_people(facilitator=[MUNOZ]),
            items=[
                _item("presentation", "Recommendations submitted to the G20 Development Working Group"),
                _item("debate", "How to refine and deepen the recommendations to be brought to the Cannes Meeting?"),
            ],
            documents=[
                _document(
                    208,
                    "Scaling Up Knowledge sharing for Development- A Working Paper for the G-20 Development Working Group, Pillar 9",
                    "working_paper",
                )
            ],
        ),
    ]
    blocks_day_1 = [
        {
            "id": 101,
            "label": "",
            "starts_at": "2011-09-26T14:00:00+00:00",
            "ends_at": "2011-09-26T17:00:00+00:00",
            "loose_items": [
                {
                    "id": 301,
                    "kind": "opening_remarks",
                    "title": "Opening and welcome remarks",
                    "starts_at": "2011-09-26T14:00:00+00:00",
                    "ends_at": "2011-09-26T14:15:00+00:00",
                    "speaker": None,
                    "room": "Salón Bogotá",
                }
            ],
            "session_ids": [11],
        },
        {
            "id": 102,
            "label": "",
            "starts_at": "2011-09-26T19:00:00+00:00",
            "ends_at": "2011-09-26T23:00:00+00:00",
            "loose_items": [
                {
                    "id": 302,
                    "kind": "debate",
                    "title": "South-South and Triangular Cooperation as a tool for developing capacities",
                    "starts_at": "2011-09-26T19:00:00+00:00",
                    "ends_at": "2011-09-26T20:00:00+00:00",
                    "speaker": None,
                    "room": "Salón Bogotá",
                }
            ],
            "session_ids": [12],
        },
    ]
    blocks_day_2 = [
        {
            "id": 103,
            "label": "",
            "starts_at": "2011-09-27T14:00:00+00:00",
            "ends_at": "2011-09-27T17:00:00+00:00",
            "loose_items": [],
            "session_ids": [13, 14],
        },
        {
            "id": 104,
            "label": "",
            "starts_at": "2011-09-27T19:00:00+00:00",
            "ends_at": "2011-09-27T21:00:00+00:00",
            "loose_items": [
                {
                    "id": 303,
                    "kind": "closing_remarks",
                    "title": "Closing remarks.",
                    "starts_at": "2011-09-27T20:45:00+00:00",
                    "ends_at": "2011-09-27T21:00:00+00:00",
                    "speaker": MUNOZ,
                    "room": "Salón Bogotá",
                }
            ],
            "session_ids": [15],
        },
    ]
    return {
        "format": 1,
        "forum": {
            "slug": "bogota-2011",
            "title": "Learning from South-South and Triangular Cooperation",
            "subtitle": "Sharing Knowledge for Development",
            "city": "Bogotá",
            "country_code": "CO",
            "venue": "Hotel Tequendama",
            "timezone": "America/Bogota",
            "convened_by": "Government of Colombia",
            "facilitated_by": "Task Team on South-South Cooperation",
            "agenda_note": "Agenda for the activities programmed for September 28 will be sent in the coming days.",
            "is_public": True,
            "start_date": "2011-09-26",
            "end_date": "2011-09-28",
        },
        "tracks": [{"id": 1, "name": "Track 1 – Good practices"}, {"id": 2, "name": "Track 2 – Busan"}],
        "rooms": [
            {"id": 1, "name": "Salón Bogotá", "capacity": 120},
            {"id": 2, "name": "Sala Côte d'Ivoire", "capacity": 40},
        ],
        "days": [
            {"id": 1, "date": "2011-09-26", "title": "", "to_be_announced": False, "note": "", "blocks": blocks_day_1},
            {"id": 2, "date": "2011-09-27", "title": "", "to_be_announced": False, "note": "", "blocks": blocks_day_2},
            {"id": 3, "date": "2011-09-28", "title": "", "to_be_announced": True, "note": "", "blocks": []},
        ],
        "sessions": {str(session["id"]): session for session in sessions},
        "cancelled": {},
        # The good practices paper has its second version; the other documents have no file yet.
        "document_versions": {"201": GOOD_PRACTICES_VERSION},
    }
