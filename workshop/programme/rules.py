"""What a programme's parts may be, free of Flask: the kinds of item, session formats, appointment roles, item lengths.

The models, the forms, the services, the programme-file import and the published outputs read
these; the scheduling rules proper are in `scheduling.py`.
"""

import enum

KEYNOTE_DEFAULT_MINUTES = 5


class ItemKind(enum.Enum):
    OPENING_REMARKS = "opening_remarks"
    WELCOME_REMARKS = "welcome_remarks"
    KEYNOTE = "keynote"
    PRESENTATION = "presentation"
    DEBATE = "debate"
    QUESTIONS = "questions"
    CLOSING_REMARKS = "closing_remarks"
    BREAK = "break"
    OTHER = "other"


class SessionFormat(enum.Enum):
    ENGAGEMENT_WORKSHOP = "engagement_workshop"
    PLENARY = "plenary"
    PANEL = "panel"
    WORKING_SESSION = "working_session"
    SIDE_EVENT = "side_event"


class AppointmentRole(enum.Enum):
    FACILITATOR = "facilitator"
    MODERATOR = "moderator"
    RAPPORTEUR = "rapporteur"
    ORGANISER = "organiser"
    PRESENTER = "presenter"
    KEYNOTE_SPEAKER = "keynote_speaker"


def item_minutes(kind: ItemKind, minutes: int | None) -> int | None:
    """Return how long an item lasts: as given, else five minutes for a keynote slot, else unsaid."""
    if minutes is None and kind == ItemKind.KEYNOTE:
        return KEYNOTE_DEFAULT_MINUTES
    return minutes
