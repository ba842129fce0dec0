"""Names of the programme: its audit actions, item kinds, session formats and appointment roles."""

from flask_babel import lazy_gettext as _l

LABELS = {
    "audit_action": {
        "day.saved": _l("Day saved"),
        "day.deleted": _l("Day deleted"),
        "block.saved": _l("Time block saved"),
        "block.deleted": _l("Time block deleted"),
        "block.item_saved": _l("Loose item saved"),
        "block.item_deleted": _l("Loose item deleted"),
        "session.created": _l("Session created"),
        "session.changed": _l("Session changed or moved"),
        "session.deleted": _l("Session deleted"),
        "session.item_added": _l("Item added"),
        "session.item_changed": _l("Item changed"),
        "session.item_removed": _l("Item removed"),
        "session.items_reordered": _l("Items reordered"),
        "session.appointed": _l("Person appointed"),
        "session.withdrawn": _l("Appointment withdrawn"),
    },
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
}
