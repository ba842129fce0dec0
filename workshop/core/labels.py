"""Translatable names for the values of the domain's enumerations, in one place for every output."""
from flask_babel import lazy_gettext as _l

LABELS = {
    "item_kind": {
        "opening_remarks": _l("Opening remarks"),
        "welcome_remarks": _l("Welcome remarks"),
        "keynote": _l("Keynote"),
        "presentation": _l("Presentation"),
        "debate": _l("Debate"),
        "questions": _l("Questions to participants"),
        "closing_remarks": _l("Closing remarks"),
        "break": _l("Break"),
        "other": _l("Other"),
    },
    "session_format": {
        "engagement_workshop": _l("Engagement workshop"),
        "plenary": _l("Plenary"),
        "panel": _l("Panel"),
        "working_session": _l("Working session"),
        "side_event": _l("Side event"),
    },
    "appointment_role": {
        "facilitator": _l("Facilitator"),
        "moderator": _l("Moderator"),
        "rapporteur": _l("Rapporteur"),
        "organiser": _l("Organiser"),
        "presenter": _l("Presenter"),
        "keynote_speaker": _l("Keynote speaker"),
    },
    "appointment_role_plural": {
        "facilitator": _l("Facilitators"),
        "moderator": _l("Moderators"),
        "rapporteur": _l("Rapporteurs"),
        "organiser": _l("Organisers"),
        "presenter": _l("Presenters"),
        "keynote_speaker": _l("Keynote speakers"),
    },
    "forum_role": {
        "secretariat": _l("Secretariat"),
        "facilitator": _l("Facilitator"),
        "rapporteur": _l("Rapporteur"),
        "participant": _l("Participant"),
    },
    "agenda_status": {
        "preliminary": _l("Preliminary"),
        "final": _l("Final"),
    },
    "document_kind": {
        "paper": _l("Paper"),
        "outcome_document": _l("Outcome document"),
        "position_paper": _l("Position paper"),
        "concept_note": _l("Concept note"),
        "proposal": _l("Proposal"),
        "working_paper": _l("Working paper"),
        "presentation": _l("Presentation"),
    },
    "organisation_type": {
        "government": _l("Government"),
        "un_agency": _l("UN agency"),
        "development_bank": _l("Development bank"),
        "regional_body": _l("Regional integration body"),
        "civil_society": _l("Civil society organisation"),
        "academia": _l("Academia"),
        "private_sector": _l("Private sector"),
        "other": _l("Other"),
    },
}


def label(value, group):
    """Return the translated name of an enumeration value (an enum member or its string value)."""
    key = getattr(value, "value", value)
    return LABELS[group].get(key, key)


def choices(group):
    """Return (value, label) pairs for a select field."""
    return [(key, text) for key, text in LABELS[group].items()]
